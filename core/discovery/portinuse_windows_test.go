package discovery

import (
	"syscall"

	"golang.org/x/sys/windows"
)

var portInUseCases = []struct {
	errno syscall.Errno
	want  string
}{
	{windows.WSAEADDRINUSE, MsgAnnouncementsUnheard.Key},
	{windows.WSAEACCES, MsgAnnouncementsUnheard.Key},         // held with SO_EXCLUSIVEADDRUSE
	{syscall.Errno(10045), MsgAnnouncementsNotListening.Key}, // WSAEOPNOTSUPP, as Wine 8 answers every UDP socket of Go
	{windows.WSAEADDRNOTAVAIL, MsgAnnouncementsNotListening.Key},
}
