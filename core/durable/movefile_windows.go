package durable

import (
	"os"

	"golang.org/x/sys/windows"
)

// MoveFile renames from to to with MoveFileEx and the given MOVEFILE_*
// flags, which os.Rename does not let a caller choose: without
// MOVEFILE_REPLACE_EXISTING it refuses a taken name in the same step, and
// MOVEFILE_WRITE_THROUGH is Windows' way of making a rename durable before
// it returns (a folder cannot be synced there). Errors are *os.LinkError,
// as os.Rename's.
func MoveFile(from, to string, flags uint32) error {
	f, err := windows.UTF16PtrFromString(from)
	if err != nil {
		return err
	}
	t, err := windows.UTF16PtrFromString(to)
	if err != nil {
		return err
	}
	if err := windows.MoveFileEx(f, t, flags); err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	return nil
}
