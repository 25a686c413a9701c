package report

import (
	"golang.org/x/sys/windows"

	"github.com/openipu/openipu/core/durable"
)

// renameNoReplace fails with an error matching os.ErrExist when to exists:
// MoveFileEx without MOVEFILE_REPLACE_EXISTING refuses in the same step, so
// a file that appears at to is never overwritten.
func renameNoReplace(from, to string) error {
	return durable.MoveFile(from, to, windows.MOVEFILE_WRITE_THROUGH)
}
