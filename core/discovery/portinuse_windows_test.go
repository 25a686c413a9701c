package discovery

import (
	"net"
	"os"
	"syscall"
	"testing"

	"golang.org/x/sys/windows"
)

func TestOnlyAPortInUseBlamesAnotherProgramForUnheardAnnouncements(t *testing.T) {
	for _, tc := range []struct {
		errno syscall.Errno
		want  string
	}{
		{windows.WSAEADDRINUSE, MsgAnnouncementsUnheard.Key},
		{windows.WSAEACCES, MsgAnnouncementsUnheard.Key},         // held with SO_EXCLUSIVEADDRUSE
		{syscall.Errno(10045), MsgAnnouncementsNotListening.Key}, // WSAEOPNOTSUPP, as Wine 8 answers every UDP socket of Go
		{windows.WSAEADDRNOTAVAIL, MsgAnnouncementsNotListening.Key},
	} {
		err := &net.OpError{Op: "listen", Net: "udp4", Err: os.NewSyscallError("wsaioctl", tc.errno)}
		e := &AnnouncementsUnheardError{Err: err, PortHeld: portInUse(err)}
		if got := e.Explain().What.Key; got != tc.want {
			t.Errorf("%v: notice %s, want %s", tc.errno, got, tc.want)
		}
	}
}
