// Package testdir gives tests a temporary folder that is removed when the
// test ends, like testing.T.TempDir, also where TempDir's cleanup cannot work.
//
// Since Go 1.26, os.RemoveAll on Windows deletes each entry with
// FILE_DISPOSITION_POSIX_SEMANTICS through NtSetInformationFile
// (FileDispositionInformationEx). Wine 8 does not implement that
// information class and answers with an error Go does not take as "not
// supported", so every TempDir cleanup fails with "Invalid function" under
// Wine, while on Windows 10 and later it works. os.Remove still uses
// DeleteFileW and RemoveDirectoryW, which Wine has, so under Wine the folder
// is removed entry by entry with those instead. Anywhere else New is
// t.TempDir, unchanged.
package testdir

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/internal/wine"
)

// New returns a new, empty folder that is removed, with all it then holds,
// when t and its subtests end. A file still open at that point fails the
// test on Windows and Wine, as it does with t.TempDir.
func New(t testing.TB) string {
	t.Helper()
	if !wine.Running() {
		return t.TempDir()
	}
	pattern := strings.NewReplacer("/", "_", `\`, "_", ":", "_", "*", "_", "?", "_", `"`, "_", "<", "_", ">", "_", "|", "_").Replace(t.Name())
	if len(pattern) > 64 {
		pattern = pattern[:64]
	}
	dir, err := os.MkdirTemp("", pattern)
	if err != nil {
		t.Fatalf("testdir: %v", err)
	}
	t.Cleanup(func() {
		if err := removeTree(dir); err != nil {
			t.Errorf("testdir: cleanup: %v", err)
		}
	})
	return dir
}

// removeTree removes dir and everything under it with os.Remove only,
// deepest entries first.
func removeTree(dir string) error {
	var paths []string
	err := filepath.WalkDir(dir, func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		paths = append(paths, path)
		return nil
	})
	if err != nil {
		return err
	}
	// WalkDir lists a folder before what it holds, so the reverse order
	// empties each folder before removing it.
	for _, p := range slices.Backward(paths) {
		if err := os.Remove(p); err != nil {
			return err
		}
	}
	return nil
}
