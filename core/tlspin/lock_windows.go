package tlspin

import (
	"os"

	"golang.org/x/sys/windows"
)

// lockFile waits for an exclusive lock on the first byte of f. The lock
// belongs to the handle, so two stores in one process exclude each other as
// two processes do, and Windows drops it when a process dies.
func lockFile(f *os.File) error {
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, new(windows.Overlapped))
}

func unlockFile(f *os.File) error {
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, new(windows.Overlapped))
}
