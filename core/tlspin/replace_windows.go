package tlspin

import (
	"errors"
	"time"

	"golang.org/x/sys/windows"

	"github.com/openipu/openipu/core/durable"
)

// Tests shorten how long replace keeps trying and watch each failed try.
var (
	replaceFor   = 2 * time.Second
	replaceRetry = func(error) {}
)

// replace renames from to to. Windows has no folder to sync (a folder
// cannot be opened for writing, and FlushFileBuffers refuses a folder
// handle); MOVEFILE_WRITE_THROUGH is its way of making the rename durable
// before it returns.
//
// Windows refuses to rename onto a file that anything has open, and
// OpenIPU's own stores only look at the list under the lock, but virus
// scanners, the search indexer and backup programs open new files for a
// moment on their own. Those refusals are tried again for a while instead
// of losing a pin to them.
func replace(from, to string) error {
	deadline := time.Now().Add(replaceFor)
	wait := time.Millisecond
	for {
		err := durable.MoveFile(from, to, windows.MOVEFILE_REPLACE_EXISTING|windows.MOVEFILE_WRITE_THROUGH)
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
