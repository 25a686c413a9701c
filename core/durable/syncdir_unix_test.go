//go:build unix

package durable_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/openipu/openipu/core/durable"
)

// Only Unix opens the folder, so only there can a missing one be noticed.
func TestSyncDirReportsAMissingFolder(t *testing.T) {
	if err := durable.SyncDir(filepath.Join(t.TempDir(), "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("SyncDir of a missing folder = %v, want a not-exist error", err)
	}
}
