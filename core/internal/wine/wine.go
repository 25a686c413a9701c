// Package wine tells whether a Windows program is running under Wine, so
// that tests can work around what Wine lacks, and only there.
package wine

import (
	"errors"
	"syscall"
	"testing"
)

// Running reports whether this is a Windows program running under Wine. It is
// always false on other systems.
func Running() bool { return running() }

// wsaeopnotsupp is Windows' WSAEOPNOTSUPP.
const wsaeopnotsupp = syscall.Errno(10045)

// LacksUDP reports whether err is Wine 8 refusing to give Go a UDP socket.
// Go's net package switches off two kinds of error report on every UDP
// socket it makes, and Wine 8 does not implement one of them
// (SIO_UDP_NETRESET), so under Wine 8 no Go program opens a UDP socket at
// all. Windows has had it since Windows 8.
func LacksUDP(err error) bool {
	return Running() && errors.Is(err, wsaeopnotsupp)
}

// SkipWithoutUDP skips t when err is LacksUDP, saying why.
func SkipWithoutUDP(t testing.TB, err error) {
	t.Helper()
	if LacksUDP(err) {
		t.Skipf("Wine 8 cannot open a UDP socket for Go (no SIO_UDP_NETRESET): %v", err)
	}
}

// SkipWithoutFileACLs skips t under Wine, which cannot show who may use a
// file: Wine 8 answers SetNamedSecurityInfo with success but keeps no access
// list for a file, and reports one made up from the Unix mode instead.
func SkipWithoutFileACLs(t testing.TB) {
	t.Helper()
	if Running() {
		t.Skip("Wine 8 keeps no access list for a file (it makes one up from the Unix mode), so only Windows can show who may read it")
	}
}
