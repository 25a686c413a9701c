package main

import (
	"strings"
	"testing"

	"github.com/openipu/openipu/core/buildinfo"
)

func TestVersionFlagAndCommandPrintTheBuildsVersionAndExitZero(t *testing.T) {
	want := "openipu-cli " + buildinfo.Text() + "\n"
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
