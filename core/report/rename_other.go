//go:build !windows

package report

import "os"

// renameNoReplace is os.Rename: these systems have no rename that refuses
// to replace on every file system, so place checks first.
func renameNoReplace(from, to string) error { return os.Rename(from, to) }
