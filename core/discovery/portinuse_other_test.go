//go:build !windows

package discovery

import "syscall"

var portInUseCases = []struct {
	errno syscall.Errno
	want  string
}{
	{syscall.EADDRINUSE, MsgAnnouncementsUnheard.Key},
	{syscall.EACCES, MsgAnnouncementsNotListening.Key},
	{syscall.EADDRNOTAVAIL, MsgAnnouncementsNotListening.Key},
}
