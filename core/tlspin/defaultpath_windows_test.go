package tlspin_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/sys/windows"

	"github.com/openipu/openipu/core/tlspin"
)

// os.UserConfigDir reads %AppData%; this asks Windows itself where the
// user's roaming application data lives, so the test does not just repeat
// what tlspin.DefaultPath computes.
func TestDefaultPathIsInTheRoamingAppDataFolder(t *testing.T) {
	appData, err := windows.KnownFolderPath(windows.FOLDERID_RoamingAppData, 0)
	if err != nil {
		t.Fatal(err)
	}
	got, err := tlspin.DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(appData, "openipu", "certificate-pins.json")
	if got != want || !filepath.IsAbs(got) || filepath.VolumeName(got) == "" {
		t.Fatalf("tlspin.DefaultPath() = %q, want %q", got, want)
	}
}
