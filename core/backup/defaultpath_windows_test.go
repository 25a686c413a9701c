package backup

import (
	"path/filepath"
	"testing"

	"golang.org/x/sys/windows"
)

// os.UserConfigDir reads %AppData%; this asks Windows itself where the
// user's roaming application data lives, so the test does not just repeat
// what DefaultDir computes.
func TestDefaultDirIsInTheRoamingAppDataFolder(t *testing.T) {
	appData, err := windows.KnownFolderPath(windows.FOLDERID_RoamingAppData, 0)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DefaultDir()
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(appData, "openipu", "backups")
	if got != want || !filepath.IsAbs(got) || filepath.VolumeName(got) == "" {
		t.Fatalf("DefaultDir() = %q, want %q", got, want)
	}
}
