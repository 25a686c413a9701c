package durable

import (
	"errors"
	"time"

	"golang.org/x/sys/windows"
)

// Tests shorten how long replace keeps trying and watch each failed try.
var (
	replaceFor   = 2 * time.Second
	replaceRetry = func(error) {}
)

// Replace gives the finished temporary file from the name to, replacing
// the file there, so that a crash leaves the old file or the new one,
// whole. Windows has no folder to sync (a folder
// cannot be opened for writing, and FlushFileBuffers refuses a folder
// handle); MOVEFILE_WRITE_THROUGH is its way of making the rename durable
// before it returns.
//
// Windows refuses to rename onto a file that anything has open, and
// OpenIPU's own stores only look at the list under the lock, but virus
// scanners, the search indexer and backup programs open new files for a
// moment on their own. Those refusals are tried again for a while instead
// of losing a write to them.
func Replace(from, to string) error {
	deadline := time.Now().Add(replaceFor)
	wait := time.Millisecond
	for {
		err := MoveFile(from, to, windows.MOVEFILE_REPLACE_EXISTING|windows.MOVEFILE_WRITE_THROUGH)
		if err == nil {
			return nil
		}
		if !errors.Is(err, windows.ERROR_ACCESS_DENIED) && !errors.Is(err, windows.ERROR_SHARING_VIOLATION) || time.Now().After(deadline) {
			return err
		}
		replaceRetry(err)
		time.Sleep(wait)
		wait = min(2*wait, 100*time.Millisecond)
	}
}
