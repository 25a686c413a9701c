package report

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/openipu/openipu/core/testdir"
	"github.com/openipu/openipu/core/usermsg"
)

func writeText(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func onlyFile(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestSaveFileWritesTheWholeDocumentAndNothingElse(t *testing.T) {
	dir := testdir.New(t)
	path := filepath.Join(dir, "report.pdf")
	if err := SaveFile(path, false, writeText("hello")); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "hello" {
		t.Fatalf("file holds %q, %v", got, err)
	}
	if names := onlyFile(t, dir); len(names) != 1 {
		t.Errorf("folder holds %v, want only the document", names)
	}
}

func TestSaveFileRefusesToReplaceUnlessAsked(t *testing.T) {
	dir := testdir.New(t)
	path := filepath.Join(dir, "report.csv")
	if err := os.WriteFile(path, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	called := false
	err := SaveFile(path, false, func(w io.Writer) error { called = true; return nil })
	if !errors.Is(err, Exists) {
		t.Fatalf("err = %v, want Exists", err)
	}
	if called {
		t.Error("the document was rendered although it could not be saved")
	}
	var e *Error
	if !errors.As(err, &e) || e.Explain().What.Key != "report.exists" {
		t.Errorf("error does not explain itself as report.exists: %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "mine" {
		t.Errorf("the user's file became %q", got)
	}
	if err := SaveFile(path, true, writeText("new")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "new" {
		t.Errorf("after overwrite the file holds %q", got)
	}
	if names := onlyFile(t, dir); len(names) != 1 {
		t.Errorf("folder holds %v", names)
	}
}

// TestSaveFileRefusesAFileThatAppearsWhileWriting covers the race between
// the first check and the naming: the file that appeared is kept.
func TestSaveFileRefusesAFileThatAppearsWhileWriting(t *testing.T) {
	dir := testdir.New(t)
	path := filepath.Join(dir, "report.pdf")
	err := SaveFile(path, false, func(w io.Writer) error {
		return os.WriteFile(path, []byte("theirs"), 0o600)
	})
	if !errors.Is(err, Exists) {
		t.Fatalf("err = %v, want Exists", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "theirs" {
		t.Errorf("the file that appeared became %q", got)
	}
	if names := onlyFile(t, dir); len(names) != 1 {
		t.Errorf("folder holds %v, the temporary file was left behind", names)
	}
}

func TestSaveFileWithoutHardLinksStillNeverReplaces(t *testing.T) {
	defer func(l func(string, string) error) { link = l }(link)
	link = func(string, string) error { return errors.ErrUnsupported }
	dir := testdir.New(t)
	path := filepath.Join(dir, "list.csv")
	if err := SaveFile(path, false, writeText("a")); err != nil {
		t.Fatal(err)
	}
	if err := SaveFile(path, false, writeText("b")); !errors.Is(err, Exists) {
		t.Fatalf("second save: %v, want Exists", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "a" {
		t.Errorf("file holds %q", got)
	}
	if names := onlyFile(t, dir); len(names) != 1 {
		t.Errorf("folder holds %v", names)
	}
}

func TestSaveFileLeavesNothingWhenRenderingFails(t *testing.T) {
	dir := testdir.New(t)
	path := filepath.Join(dir, "report.pdf")
	boom := errors.New("render failed")
	err := SaveFile(path, false, func(w io.Writer) error {
		io.WriteString(w, "half a doc")
		return boom
	})
	if !errors.Is(err, boom) || !errors.Is(err, CannotWrite) {
		t.Fatalf("err = %v, want the render error as CannotWrite", err)
	}
	if names := onlyFile(t, dir); len(names) != 0 {
		t.Errorf("folder holds %v after a failed save", names)
	}
}

func TestSaveFileIntoAMissingFolderFailsAsCannotWrite(t *testing.T) {
	err := SaveFile(filepath.Join(testdir.New(t), "no", "such", "report.pdf"), false, writeText("x"))
	if !errors.Is(err, CannotWrite) {
		t.Fatalf("err = %v", err)
	}
	if p, ok := usermsg.Explain(err); !ok || p.Next.Key != "report.cannot_write.next" {
		t.Errorf("explained as %+v", p)
	}
}

func TestSaveFileKeepsTheDocumentToItsOwner(t *testing.T) {
	path := filepath.Join(testdir.New(t), "credentials.pdf")
	if err := SaveFile(path, false, writeText("secret")); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := st.Mode().Perm(); os.PathSeparator == '/' && mode&0o077 != 0 {
		t.Errorf("mode %v lets others read the document", mode)
	}
}
