package main

import (
	"runtime/debug"
	"testing"
)

func TestVersionIsTheModuleVersionElseTheShortCommitElseUnknown(t *testing.T) {
	commit := []debug.BuildSetting{{Key: "vcs.revision", Value: "7302ef3a1b2c3d4e5f60718293a4b5c6d7e8f901"}}
	for _, tc := range []struct {
		main     string
		settings []debug.BuildSetting
		want     string
	}{
		{"v1.4.0", commit, "v1.4.0"},
		{"(devel)", commit, "7302ef3a1b2c"},
		{"", nil, ""},
		{"(devel)", nil, ""},
	} {
		info := &debug.BuildInfo{Main: debug.Module{Version: tc.main}, Settings: tc.settings}
		if got := versionOf(info); got != tc.want {
			t.Errorf("module version %q, settings %v: %q, want %q", tc.main, tc.settings, got, tc.want)
		}
	}
}
