package journal

import (
	"path/filepath"
	"testing"

	"golang.org/x/sys/windows"
)

// os.UserConfigDir reads %AppData%; this asks Windows itself where the
// user's roaming application data lives, so the test does not just repeat
// what DefaultPath computes.
func TestDefaultPathIsInTheRoamingAppDataFolder(t *testing.T) {
	appData, err := windows.KnownFolderPath(windows.FOLDERID_RoamingAppData, 0)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(appData, "openipu", "journal.jsonl")
	if got != want || !filepath.IsAbs(got) || filepath.VolumeName(got) == "" {
		t.Fatalf("DefaultPath() = %q, want %q", got, want)
	}
}
