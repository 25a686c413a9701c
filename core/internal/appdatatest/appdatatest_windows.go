package appdatatest

import (
	"path/filepath"
	"testing"

	"golang.org/x/sys/windows"
)

// IsRoaming fails t unless got (with err, as the store's default-path
// function returned them) is the roaming AppData folder joined with rel.
func IsRoaming(t testing.TB, got string, err error, rel ...string) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	appData, err := windows.KnownFolderPath(windows.FOLDERID_RoamingAppData, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(append([]string{appData}, rel...)...)
	if got != want || !filepath.IsAbs(got) || filepath.VolumeName(got) == "" {
		t.Fatalf("the default path is %q, want %q", got, want)
	}
}
