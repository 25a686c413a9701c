//go:build !windows

package fileurl

import "testing"

// Away from Windows a backslash is part of a file's name, not a separator.
func TestFromPathAwayFromWindowsKeepsUnixRules(t *testing.T) {
	if got := FromPath("/home/Anna Svensson/backups").String(); got != "file:///home/Anna%20Svensson/backups" {
		t.Errorf("got %s", got)
	}
	if got := FromPath(`/tmp/a\b`).String(); got != "file:///tmp/a%5Cb" {
		t.Errorf("got %s", got)
	}
}
