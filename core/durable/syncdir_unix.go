//go:build unix

package durable

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// SyncDir flushes the folder dir, because on Unix a new name (a rename, a
// hard link) is only durable once the folder holding it is: without it a
// power cut can lose a file whose contents were already on disk, or bring
// back the one it replaced.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	// Some network and FUSE file systems (a NAS share, a USB stick on
	// some systems) cannot sync a folder; the name has been given, and they
	// offer no way to make it more durable.
	if errors.Is(err, unix.EINVAL) || errors.Is(err, errors.ErrUnsupported) {
		return nil
	}
	return err
}
