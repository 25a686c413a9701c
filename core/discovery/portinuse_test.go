package discovery

import (
	"net"
	"os"
	"testing"
)

// portInUseCases (one table per system, in portinuse_*_test.go) are the
// errors a bind of port 1900 can end with there, and the notice each must
// give.

func TestOnlyAPortInUseBlamesAnotherProgramForUnheardAnnouncements(t *testing.T) {
	for _, tc := range portInUseCases {
		err := &net.OpError{Op: "listen", Net: "udp4", Err: os.NewSyscallError("bind", tc.errno)}
		e := &AnnouncementsUnheardError{Err: err, PortHeld: portInUse(err)}
		if got := e.Explain().What.Key; got != tc.want {
			t.Errorf("%v: notice %s, want %s", tc.errno, got, tc.want)
		}
	}
}
