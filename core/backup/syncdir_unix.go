//go:build unix

package backup

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// syncDir flushes a folder, because on Unix a new name is only durable once
// the folder holding it is: without it a power cut can lose a backup whose
// contents were already on disk.
func syncDir(dir string) error {
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
