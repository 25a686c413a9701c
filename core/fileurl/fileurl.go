// Package fileurl turns a folder or file on this computer into the file://
// URL that the system's shell opens: Windows hands the URL to
// "rundll32 url.dll,FileProtocolHandler", Linux to xdg-open, macOS to open.
// Each wants the path percent-escaped (a space as %20) in a URL whose form
// differs for a drive, a network share and a Unix path, so the conversion is
// here once, with rules for Windows paths that do not depend on the
// computer the tests run on.
package fileurl

import (
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
)

// FromPath is the file:// URL of path, read by this computer's rules.
func FromPath(path string) *url.URL {
	if runtime.GOOS == "windows" {
		return FromWindowsPath(path)
	}
	return FromSlashPath(filepath.ToSlash(path))
}

// FromSlashPath is the file:// URL of a Unix path: "/home/a b" becomes
// file:///home/a%20b.
func FromSlashPath(p string) *url.URL {
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return &url.URL{Scheme: "file", Path: p}
}

// FromWindowsPath is the file:// URL of a Windows path, whatever computer
// reads it: C:\Users\Anna Svensson becomes file:///C:/Users/Anna%20Svensson
// and the share \\server\share\x becomes file://server/share/x, the forms
// the shell turns back into the path. Both separators are accepted, and the
// long-path prefixes \\?\ and \\?\UNC\ are taken off: the shell does not
// read them in a URL.
func FromWindowsPath(p string) *url.URL {
	p = strings.ReplaceAll(p, `\`, "/")
	switch {
	case hasPrefixFold(p, "//?/UNC/"), hasPrefixFold(p, "//./UNC/"):
		p = "//" + p[len("//?/UNC/"):]
	case strings.HasPrefix(p, "//?/"), strings.HasPrefix(p, "//./"):
		p = p[len("//?/"):]
	}
	if rest, ok := strings.CutPrefix(p, "//"); ok {
		host, path, _ := strings.Cut(rest, "/")
		return &url.URL{Scheme: "file", Host: host, Path: "/" + path}
	}
	if len(p) >= 2 && p[1] == ':' && isLetter(p[0]) {
		// The drive letter keeps its case; "C:" alone is the drive's root.
		if len(p) == 2 {
			p += "/"
		}
		return &url.URL{Scheme: "file", Path: "/" + p}
	}
	return FromSlashPath(p)
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
