package backup

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/openipu/openipu/core/testdir"
)

// Without hard links, a file that appears at the name after place looked
// and before it renamed is kept, and the backup takes the next free name.
func TestSaveWithoutHardLinksNeverReplacesAFileThatAppearsAtTheLastMoment(t *testing.T) {
	failing(t, &link, func(string, string) error { return errors.New("operation not supported") })
	appeared := ""
	failing(t, &rename, func(from, to string) error {
		if appeared == "" {
			appeared = to
			if err := os.WriteFile(to, []byte("someone else's"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		return renameNoReplace(from, to)
	})
	dir := testdir.New(t)
	path, err := Save(context.Background(), oddSource(), testID, dir)
	if err != nil {
		t.Fatal(err)
	}
	if path == appeared {
		t.Fatalf("the backup took %s, where another file had appeared", path)
	}
	if got, err := os.ReadFile(appeared); err != nil || string(got) != "someone else's" {
		t.Fatalf("the file that appeared holds %q, %v", got, err)
	}
	if _, err := Read(path); err != nil {
		t.Fatalf("the backup at the next name does not read back: %v", err)
	}
	noTemporaryFiles(t, dir)
}

func TestRenameNoReplaceRefusesATakenName(t *testing.T) {
	dir := testdir.New(t)
	from, to := filepath.Join(dir, "from"), filepath.Join(dir, "to")
	for name, data := range map[string]string{from: "new", to: "old"} {
		if err := os.WriteFile(name, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := renameNoReplace(from, to); !errors.Is(err, os.ErrExist) {
		t.Fatalf("renameNoReplace onto a taken name = %v, want os.ErrExist", err)
	}
	if got, _ := os.ReadFile(to); string(got) != "old" {
		t.Fatalf("the taken name now holds %q", got)
	}
}
