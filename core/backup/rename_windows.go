package backup

import (
	"golang.org/x/sys/windows"

	"github.com/openipu/openipu/core/durable"
)

// renameNoReplace renames from to to and fails with an error matching
// os.ErrExist when to exists: MoveFileEx without MOVEFILE_REPLACE_EXISTING
// refuses to replace, in the same step, so no file that appears at to is
// ever overwritten.
func renameNoReplace(from, to string) error {
	return durable.MoveFile(from, to, windows.MOVEFILE_WRITE_THROUGH)
}
