//go:build unix && !aix && !hurd

package tlspin

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// lockFile waits for an exclusive flock on f. flock, unlike fcntl locks,
// belongs to the open file, so two stores in one process exclude each other
// as two processes do.
func lockFile(f *os.File) error {
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX)
		if !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}

func unlockFile(f *os.File) error {
	return unix.Flock(int(f.Fd()), unix.LOCK_UN)
}
