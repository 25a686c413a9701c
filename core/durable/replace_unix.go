//go:build unix

package durable

import (
	"os"
	"path/filepath"
)

// Replace gives the finished temporary file from the name to, replacing
// the file there, and syncs the folder, because on Unix a rename is only
// durable once the folder holding it is flushed: without it a power cut
// can bring back the old file.
func Replace(from, to string) error {
	if err := os.Rename(from, to); err != nil {
		return err
	}
	return SyncDir(filepath.Dir(to))
}
