package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionFlagAndCommandPrintTheBuildsVersionAndExitZero(t *testing.T) {
	info, _ := debug.ReadBuildInfo()
	want := "openipu-cli " + versionOf(info) + "\n"
	h := newHarness(t)
	for _, args := range [][]string{{"--version"}, {"-version"}, {"version"}} {
		r := h.run(args...)
		if r.code != exitOK || r.stdout != want || r.stderr != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 0 and %q", args, r.code, r.stdout, r.stderr, want)
		}
	}
	if r := h.run("version", "extra"); r.code != exitUsage || strings.Contains(r.stderr, "extra") {
		t.Errorf("version with a word after it: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestVersionComesFromTheModuleVersionThenTheRevisionThenDevel(t *testing.T) {
	rev := []debug.BuildSetting{{Key: "vcs.revision", Value: "7302ef3a9c41d2b8e5f60718293a4b5c6d7e8f90"}}
	dirty := append(rev, debug.BuildSetting{Key: "vcs.modified", Value: "true"})
	clean := append(rev, debug.BuildSetting{Key: "vcs.modified", Value: "false"})
	for _, tc := range []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"release", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}, Settings: dirty}, "v1.2.0"},
		{"clean checkout", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: clean}, "7302ef3a9c41"},
		{"changed checkout", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: dirty}, "7302ef3a9c41 (modified)"},
		{"no version control", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel"},
		{"no build information", nil, "devel"},
	} {
		if got := versionOf(tc.info); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
