package fileurl

import (
	"net/url"
	"testing"
)

// The Windows forms are converted by rules of their own, so this table
// runs on every computer, not only on Windows.
func TestFromWindowsPathGivesTheURLTheShellOpens(t *testing.T) {
	for _, c := range []struct{ path, want string }{
		{`C:\Users\Anna Svensson\AppData\Roaming\OpenIPU\backups`, "file:///C:/Users/Anna%20Svensson/AppData/Roaming/OpenIPU/backups"},
		{`C:/Users/pm/a.txt`, "file:///C:/Users/pm/a.txt"},
		{`d:\backups\`, "file:///d:/backups/"},
		{`C:`, "file:///C:/"},
		{`C:\`, "file:///C:/"},
		{`\\server\share\x`, "file://server/share/x"},
		{`\\server\share`, "file://server/share"},
		{`\\nas.local\Kameror\Säkerhet 2026\#1`, "file://nas.local/Kameror/S%C3%A4kerhet%202026/%231"},
		{`\\?\C:\very\long`, "file:///C:/very/long"},
		{`\\?\UNC\server\share\x`, "file://server/share/x"},
		{`C:\100% sure\a&b`, "file:///C:/100%25%20sure/a&b"},
	} {
		if got := FromWindowsPath(c.path).String(); got != c.want {
			t.Errorf("%s: got %s, want %s", c.path, got, c.want)
		}
	}
}

func TestFromSlashPathEscapesAUnixPath(t *testing.T) {
	for _, c := range []struct{ path, want string }{
		{"/home/pm/backups/a b.txt", "file:///home/pm/backups/a%20b.txt"},
		{"/Users/Anna Svensson/Library/Application Support/OpenIPU/backups", "file:///Users/Anna%20Svensson/Library/Application%20Support/OpenIPU/backups"},
		{"/tmp/#x?y", "file:///tmp/%23x%3Fy"},
	} {
		if got := FromSlashPath(c.path).String(); got != c.want {
			t.Errorf("%s: got %s, want %s", c.path, got, c.want)
		}
	}
}

// Whatever the path, the URL must read back as the same path: the shell
// opens what the URL says, not what was meant.
func TestURLsReadBackAsThePath(t *testing.T) {
	for _, c := range []struct{ path, wantPath string }{
		{`C:\Users\Anna Svensson\a%20b #1`, "/C:/Users/Anna Svensson/a%20b #1"},
		{"/home/pm/a%20b #1", "/home/pm/a%20b #1"},
	} {
		var raw string
		if c.path[0] == '/' {
			raw = FromSlashPath(c.path).String()
		} else {
			raw = FromWindowsPath(c.path).String()
		}
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if u.Path != c.wantPath || u.Fragment != "" || u.RawQuery != "" {
			t.Errorf("%s read back as path %q fragment %q query %q", raw, u.Path, u.Fragment, u.RawQuery)
		}
	}
}
