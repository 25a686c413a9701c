//go:build windows

package addrprobe

import (
	"net"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Winsock's SIO_TCP_INITIAL_RTO (_WSAIOW(IOC_VENDOR, 17)) and its
// TCP_INITIAL_RTO_PARAMETERS, which golang.org/x/sys/windows does not
// define.
const (
	sioTCPInitialRTO        = windows.IOC_IN | windows.IOC_VENDOR | 17
	rtoUnspecifiedRTT       = ^uint16(0)
	rtoNoSYNRetransmissions = ^uint8(1)
)

type tcpInitialRTOParameters struct {
	Rtt                   uint16
	MaxSynRetransmissions uint8
}

// systemDialer is the dialer of the zero Prober. Windows answers a reset to
// its SYN by sending the SYN again and reports the refusal only after about
// 2 seconds, long after DefaultTimeout, so a refusal would never count.
// Without those retransmissions the refusal comes at once. Silence loses
// little: with Windows' default initial retransmission timeout of a second,
// no SYN would go out again within DefaultTimeout anyway. The standard
// library does the same, but for loopback only.
func systemDialer() *net.Dialer {
	return &net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		return c.Control(func(fd uintptr) {
			params := tcpInitialRTOParameters{Rtt: rtoUnspecifiedRTT, MaxSynRetransmissions: rtoNoSYNRetransmissions}
			var out uint32
			// Only a speed-up: a Windows that refuses it still sees
			// accepted connections, and silence stays silence.
			_ = windows.WSAIoctl(windows.Handle(fd), sioTCPInitialRTO, (*byte)(unsafe.Pointer(&params)), uint32(unsafe.Sizeof(params)), nil, 0, &out, nil, 0)
		})
	}}
}
