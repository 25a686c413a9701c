package main

import (
	"strings"
	"testing"

	"github.com/openipu/openipu/core/camsim"
)

func TestSetIPSaysWhyAPrefixOrAServerCannotBeUsed(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, admin())
	for _, tc := range []struct {
		args []string
		says string
	}{
		{[]string{"--static", "10.0.0.5/32"}, "too small"},
		{[]string{"--static", "10.0.0.5/4"}, "larger than any real"},
		{[]string{"--static", "169.254.7.8/16"}, "169.254.x.x"},
		{[]string{"--dhcp", "--dns", "127.0.0.1"}, "this device itself"},
	} {
		h := newHarness(t)
		h.stdin = adminPassword + "\n"
		r := h.run(append([]string{"set-ip", hostOf(cam), "--user", "root"}, tc.args...)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, tc.says) {
			t.Errorf("%v: exit %d, and stderr does not say %q:\n%s", tc.args, r.code, tc.says, r.stderr)
		}
	}
}
