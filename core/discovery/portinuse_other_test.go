//go:build !windows

package discovery

import (
	"net"
	"os"
	"syscall"
	"testing"
)

func TestOnlyAPortInUseBlamesAnotherProgramForUnheardAnnouncements(t *testing.T) {
	for _, tc := range []struct {
		errno syscall.Errno
		want  string
	}{
		{syscall.EADDRINUSE, MsgAnnouncementsUnheard.Key},
		{syscall.EACCES, MsgAnnouncementsNotListening.Key},
		{syscall.EADDRNOTAVAIL, MsgAnnouncementsNotListening.Key},
	} {
		err := &net.OpError{Op: "listen", Net: "udp4", Err: os.NewSyscallError("bind", tc.errno)}
		e := &AnnouncementsUnheardError{Err: err, PortHeld: portInUse(err)}
		if got := e.Explain().What.Key; got != tc.want {
			t.Errorf("%v: notice %s, want %s", tc.errno, got, tc.want)
		}
	}
}
