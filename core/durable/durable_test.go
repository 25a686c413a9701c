package durable_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/openipu/openipu/core/testdir"

	"github.com/openipu/openipu/core/durable"
)

func TestRemoveStaleRemovesOnlyOldTemporaryFiles(t *testing.T) {
	dir := testdir.New(t)
	stale := filepath.Join(dir, ".thing-123.tmp")
	fresh := filepath.Join(dir, ".thing-456.tmp")
	other := filepath.Join(dir, "notes.tmp")
	folder := filepath.Join(dir, ".thing-789.tmp")
	for _, p := range []string{stale, fresh, other} {
		if err := os.WriteFile(p, []byte("secret\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	old := now.Add(-2 * time.Minute)
	for _, p := range []string{stale, other, folder} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}

	durable.RemoveStale(dir, ".thing-*.tmp", time.Minute, now)

	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a temporary file two minutes old is still there (%v)", err)
	}
	for _, p := range []string{fresh, other, folder} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
}

func TestRemoveStaleIgnoresAMissingFolder(t *testing.T) {
	durable.RemoveStale(filepath.Join(testdir.New(t), "missing"), "*.tmp", time.Minute, time.Now())
}

func TestSyncDirFlushesAFolder(t *testing.T) {
	dir := testdir.New(t)
	if err := os.WriteFile(filepath.Join(dir, "file"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := durable.SyncDir(dir); err != nil {
		t.Fatalf("SyncDir(%s) = %v", dir, err)
	}
}
