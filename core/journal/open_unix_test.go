//go:build unix

package journal

import (
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// Opening a named pipe to read it waits for a writer that never comes; Open
// must refuse it without reading.
func TestOpenRefusesANamedPipeWithoutWaitingForIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pipe")
	if err := unix.Mkfifo(path, 0o600); err != nil {
		t.Skip("cannot make a named pipe here:", err)
	}
	refused(t, path, nil)
}
