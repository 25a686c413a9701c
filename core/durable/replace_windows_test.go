package durable

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/openipu/openipu/core/testdir"
	"golang.org/x/sys/windows"
)

// twoFiles makes from (holding "new") and to (holding "old") and opens to
// the way another program would, to read it.
func twoFiles(t *testing.T) (from, to string, held *os.File) {
	t.Helper()
	dir := testdir.New(t)
	from, to = filepath.Join(dir, "from"), filepath.Join(dir, "to")
	if err := os.WriteFile(from, []byte("new"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	held, err := os.Open(to)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { held.Close() })
	return from, to, held
}

func TestReplaceWaitsForAProgramThatHasTheFileOpenToLetGo(t *testing.T) {
	from, to, held := twoFiles(t)
	refused := make(chan error, 1)
	replaceRetry = func(err error) {
		select {
		case refused <- err:
		default:
		}
	}
	t.Cleanup(func() { replaceRetry = func(error) {} })
	done := make(chan error, 1)
	go func() { done <- Replace(from, to) }()
	select {
	case err := <-refused:
		if !errors.Is(err, windows.ERROR_ACCESS_DENIED) && !errors.Is(err, windows.ERROR_SHARING_VIOLATION) {
			t.Fatalf("refused with %v", err)
		}
	case err := <-done:
		t.Fatalf("replace onto an open file returned %v without being refused first", err)
	}
	held.Close()
	if err := <-done; err != nil {
		t.Fatalf("replace after the file was closed: %v", err)
	}
	if got, err := os.ReadFile(to); err != nil || string(got) != "new" {
		t.Fatalf("to holds %q, %v; want the new contents", got, err)
	}
}

func TestReplaceGivesUpOnAFileThatStaysOpen(t *testing.T) {
	from, to, _ := twoFiles(t)
	replaceFor = 50 * time.Millisecond
	t.Cleanup(func() { replaceFor = 2 * time.Second })
	err := Replace(from, to)
	var le *os.LinkError
	if !errors.As(err, &le) || le.Old != from || le.New != to {
		t.Fatalf("replace onto a file held open = %v; want a rename error naming both files", err)
	}
	if got, _ := os.ReadFile(to); string(got) != "old" {
		t.Fatalf("to holds %q after a failed replace", got)
	}
}
