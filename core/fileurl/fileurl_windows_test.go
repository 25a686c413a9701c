package fileurl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// On Windows FromPath reads the computer's own paths, as filepath makes
// them: a folder with a space in its name under the user's temporary
// folder. Nothing is created: FromPath only reads the path.
func TestFromPathOnWindowsUsesDriveForm(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join(os.TempDir(), "Anna Svensson", "backups"))
	if err != nil {
		t.Fatal(err)
	}
	vol := filepath.VolumeName(dir)
	if len(vol) != 2 || vol[1] != ':' {
		t.Skipf("temporary folder %s is not on a drive", dir)
	}
	got := FromPath(dir).String()
	want := "file:///" + vol + strings.ReplaceAll(filepath.ToSlash(dir[2:]), " ", "%20")
	if got != want {
		t.Errorf("FromPath(%s) = %s, want %s", dir, got, want)
	}
	if !strings.HasSuffix(got, "/Anna%20Svensson/backups") {
		t.Errorf("FromPath(%s) = %s: the space is not escaped", dir, got)
	}
	if got := FromPath(`\\server\share\x`).String(); got != "file://server/share/x" {
		t.Errorf("share: %s", got)
	}
}
