package backup

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/testdir"
)

// failing swaps one of the file hooks for the length of a test.
func failing[T any](t *testing.T, hook *T, f T) {
	t.Helper()
	orig := *hook
	*hook = f
	t.Cleanup(func() { *hook = orig })
}

func noTemporaryFiles(t *testing.T, dir string) {
	t.Helper()
	for _, name := range filesIn(t, dir) {
		if strings.HasSuffix(name, ".tmp") {
			t.Fatalf("a temporary file was left behind: %v", filesIn(t, dir))
		}
	}
}

// failsLeavingNothing saves once into a folder and once under a file name
// the user chose, and wants both to fail with CannotWrite and leave the
// folder empty.
func failsLeavingNothing(t *testing.T) {
	t.Helper()
	for _, dest := range []string{"", "cam.txt"} {
		dir := testdir.New(t)
		_, err := Save(context.Background(), oddSource(), testID, filepath.Join(dir, dest))
		if !errors.Is(err, CannotWrite) {
			t.Fatalf("Save(%q) = %v, want CannotWrite", dest, err)
		}
		if names := filesIn(t, dir); len(names) != 0 {
			t.Fatalf("Save(%q) left %v", dest, names)
		}
	}
}

func TestAFailedWriteLeavesNoTemporaryFile(t *testing.T) {
	failing(t, &writeData, func(*os.File, string, []byte) error { return errors.New("disk full") })
	failsLeavingNothing(t)
}

func TestAFailedRenameLeavesNoTemporaryFile(t *testing.T) {
	// A file system without hard links (FAT on a USB stick) that then
	// refuses the rename too.
	failing(t, &link, func(string, string) error { return errors.New("operation not supported") })
	failing(t, &rename, func(string, string) error { return errors.New("access denied") })
	failsLeavingNothing(t)
}

func TestSaveWithoutHardLinksRenamesAndLeavesOnlyTheBackup(t *testing.T) {
	failing(t, &link, func(string, string) error { return errors.New("operation not supported") })
	dir := testdir.New(t)
	path, err := Save(context.Background(), oddSource(), testID, filepath.Join(dir, "cam.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if names := filesIn(t, dir); len(names) != 1 || names[0] != "cam.txt" {
		t.Fatalf("folder holds %v, want just cam.txt", names)
	}
	if _, err := Read(path); err != nil {
		t.Fatalf("the renamed backup does not read back: %v", err)
	}
}

func TestSaveWhenEveryNameIsTakenLeavesNoTemporaryFile(t *testing.T) {
	fixed := time.Date(2026, 11, 26, 17, 30, 5, 0, time.Local)
	failing(t, &now, func() time.Time { return fixed })
	dir := testdir.New(t)
	base := strings.TrimSuffix(FileName(testID.MAC, fixed), ".txt")
	taken := []string{base + ".txt"}
	for i := 2; i < 100; i++ {
		taken = append(taken, fmt.Sprintf("%s-%d.txt", base, i))
	}
	for _, name := range taken {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("older"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Save(context.Background(), oddSource(), testID, dir)
	if !errors.Is(err, Exists) {
		t.Fatalf("Save = %v, want Exists", err)
	}
	if names := filesIn(t, dir); len(names) != len(taken) {
		t.Fatalf("folder holds %d files, want the %d that were there", len(names), len(taken))
	}
	noTemporaryFiles(t, dir)
}

func TestSaveRemovesStaleTemporaryFilesAndKeepsFreshOnes(t *testing.T) {
	dir := testdir.New(t)
	stale := filepath.Join(dir, ".openipu-backup-123.tmp")
	fresh := filepath.Join(dir, ".openipu-backup-456.tmp")
	other := filepath.Join(dir, "notes.tmp")
	for _, p := range []string{stale, fresh, other} {
		if err := os.WriteFile(p, []byte("root.SNMP.V2c.Community=s3cret\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-2 * time.Minute)
	for _, p := range []string{stale, other} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Save(context.Background(), oddSource(), testID, dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a temporary backup two minutes old is still there (%v)", err)
	}
	for _, p := range []string{fresh, other} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
}
