package backup

import (
	"os"

	"golang.org/x/sys/windows"
)

// renameNoReplace renames from to to and fails with an error matching
// os.ErrExist when to exists: MoveFileEx without MOVEFILE_REPLACE_EXISTING
// refuses to replace, in the same step, so no file that appears at to is
// ever overwritten.
func renameNoReplace(from, to string) error {
	f, err := windows.UTF16PtrFromString(from)
	if err != nil {
		return err
	}
	t, err := windows.UTF16PtrFromString(to)
	if err != nil {
		return err
	}
	if err := windows.MoveFileEx(f, t, windows.MOVEFILE_WRITE_THROUGH); err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	return nil
}
