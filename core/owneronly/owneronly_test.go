package owneronly

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/openipu/openipu/core/internal/wine"
	"github.com/openipu/openipu/core/testdir"
)

func TestRestrictLeavesAFileToItsOwnerAlone(t *testing.T) {
	path := filepath.Join(testdir.New(t), "private")
	if err := os.WriteFile(path, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Restrict(path); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(path); err != nil || string(got) != "x" {
		t.Fatalf("the owner cannot read the file back: %q, %v", got, err)
	}
	wine.SkipWithoutFileACLs(t)
	if err := Check(path); err != nil {
		t.Fatal(err)
	}
}

// Check must be able to say no, or the tests that rely on it prove nothing.
func TestCheckRefusesAFileOthersMayRead(t *testing.T) {
	wine.SkipWithoutFileACLs(t)
	path := filepath.Join(testdir.New(t), "shared")
	if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" {
		// WriteFile's mode is cut by the umask.
		if err := os.Chmod(path, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := Check(path); err == nil {
		t.Fatalf("Check(%s) = nil for a file made with the folder's access list or mode 0644", path)
	}
}
