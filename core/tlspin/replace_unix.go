//go:build unix

package tlspin

import (
	"errors"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// replace renames from to to and syncs the folder, because on Unix a
// rename is only durable once the folder holding it is flushed: without it
// a power cut can bring back the old list.
func replace(from, to string) error {
	if err := os.Rename(from, to); err != nil {
		return err
	}
	return syncDir(filepath.Dir(to))
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	// Some network and FUSE file systems cannot sync a folder; the rename
	// has happened, and they offer no way to make it more durable.
	if errors.Is(err, unix.EINVAL) || errors.Is(err, errors.ErrUnsupported) {
		return nil
	}
	return err
}
