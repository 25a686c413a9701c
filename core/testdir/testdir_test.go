package testdir

import (
	"os"
	"path/filepath"
	"testing"
)

func TestNewGivesAnEmptyFolderThatIsGoneWhenTheTestEnds(t *testing.T) {
	var dir string
	t.Run("user", func(t *testing.T) {
		dir = New(t)
		entries, err := os.ReadDir(dir)
		if err != nil || len(entries) != 0 {
			t.Fatalf("ReadDir(%s) = %v, %v; want an empty folder", dir, entries, err)
		}
		sub := filepath.Join(dir, "a", "b")
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{filepath.Join(dir, "f"), filepath.Join(sub, "g")} {
			if err := os.WriteFile(name, []byte("x"), 0o400); err != nil {
				t.Fatal(err)
			}
		}
	})
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("after the test, Stat(%s) = %v; want it gone", dir, err)
	}
}

func TestNewGivesEachCallItsOwnFolder(t *testing.T) {
	a, b := New(t), New(t)
	if a == b {
		t.Fatalf("two calls gave the same folder %s", a)
	}
}

func TestRemoveTreeRemovesNestedFoldersAndReadOnlyFiles(t *testing.T) {
	dir := filepath.Join(New(t), "tree")
	if err := os.MkdirAll(filepath.Join(dir, "x", "y"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "x", "y", "ro"), nil, 0o400); err != nil {
		t.Fatal(err)
	}
	if err := removeTree(dir); err != nil {
		t.Fatalf("removeTree: %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("Stat after removeTree = %v; want it gone", err)
	}
}
