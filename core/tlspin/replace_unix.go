//go:build unix

package tlspin

import (
	"os"
	"path/filepath"

	"github.com/openipu/openipu/core/durable"
)

// replace renames from to to and syncs the folder, because on Unix a
// rename is only durable once the folder holding it is flushed: without it
// a power cut can bring back the old list.
func replace(from, to string) error {
	if err := os.Rename(from, to); err != nil {
		return err
	}
	return durable.SyncDir(filepath.Dir(to))
}
