package main

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/discovery"
)

func TestStateWordsAreTheWindowsByTheWindowsRule(t *testing.T) {
	now := time.Date(2026, 11, 26, 15, 0, 0, 0, time.Local)
	seen := time.Date(2026, 11, 26, 10, 7, 0, 0, time.Local)
	reach := func(r discovery.Reach, s discovery.Setup) discovery.Device {
		return discovery.Device{Setup: s, Diagnosis: discovery.Diagnosis{Reach: r}, LastSeen: seen}
	}
	lost := reach(discovery.ReachLost, discovery.SetupDone)
	lost.Lost = true
	lostYesterday := lost
	lostYesterday.LastSeen = seen.AddDate(0, 0, -1)
	for _, tc := range []struct {
		name string
		d    discovery.Device
		want string
	}{
		{"reachable, no password", reach(discovery.ReachOK, discovery.SetupNeeded), "Needs a password"},
		{"reachable, password set", reach(discovery.ReachOK, discovery.SetupDone), "Ready"},
		{"not checked yet, password set", reach(discovery.ReachUnknown, discovery.SetupDone), "Ready"},
		{"on the factory address, no password", reach(discovery.ReachFactoryAddress, discovery.SetupNeeded), "Unreachable"},
		{"on another network, password set", reach(discovery.ReachOtherSubnet, discovery.SetupDone), "Unreachable"},
		{"link-local only", reach(discovery.ReachLinkLocalOnly, discovery.SetupUnknown), "Unreachable"},
		{"web server silent", reach(discovery.ReachNoHTTP, discovery.SetupUnknown), "Unreachable"},
		{"gone today", lost, "Not seen since 10:07"},
		{"gone yesterday", lostYesterday, "Not seen since 2026-11-25 10:07"},
		{"not asked yet", reach(discovery.ReachOK, discovery.SetupUnknown), "Checking…"},
	} {
		if got := stateText(tc.d, now); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// stateLine is info's State line, its words.
var stateLine = regexp.MustCompile(`(?m)^  State: +(.*)$`)

func TestInfoSaysReadyOnlyWhenThePasswordIsSet(t *testing.T) {
	h := newHarness(t)
	for _, tc := range []struct {
		name  string
		admin *camsim.Account
		want  string
	}{
		{"new camera", nil, "Needs a password"},
		{"set-up camera", admin(), "Ready"},
	} {
		cam := startCamera(t, camsim.Gen12, tc.admin)
		r := h.run("info", hostOf(cam))
		m := stateLine.FindStringSubmatch(r.stdout)
		if r.code != exitOK || m == nil || m[1] != tc.want {
			t.Errorf("%s: exit %d, state %q, want %q:\n%s", tc.name, r.code, m, tc.want, r.stdout)
		}
	}
}

func TestDiscoverCallsCamerasByTheWindowsStateWords(t *testing.T) {
	fresh := startCamera(t, camsim.Gen12, nil)
	done := startCamera(t, camsim.Gen12, admin())
	// Discovery's anonymous probe asks over plain HTTP.
	httpHost := func(c *camsim.Camera) string { return strings.TrimPrefix(c.HTTPURL(), "http://") }
	h := newHarness(t)
	r := h.run("discover", "--add", httpHost(fresh), "--add", httpHost(done), "--timeout", "2s")
	if r.code != exitOK {
		t.Fatalf("exit %d", r.code)
	}
	for cam, want := range map[*camsim.Camera]string{fresh: "Needs a password", done: "Ready"} {
		found := false
		for _, line := range strings.Split(r.stdout, "\n") {
			if strings.Contains(line, cam.MAC()) {
				found = true
				if !strings.HasSuffix(line, " "+want) {
					t.Errorf("%s: %q, want it to end in %q", cam.MAC(), line, want)
				}
			}
		}
		if !found {
			t.Errorf("%s is not listed:\n%s", cam.MAC(), r.stdout)
		}
	}
}

func TestCountsAreSaidInTheRightGrammaticalNumber(t *testing.T) {
	for n, want := range map[int]string{0: "0 cameras", 1: "1 camera", 2: "2 cameras"} {
		if got := counted(n, "camera", "cameras"); got != want {
			t.Errorf("counted(%d) = %q, want %q", n, got, want)
		}
	}
	if plural(1, "needs", "need") != "needs" || plural(4, "needs", "need") != "need" {
		t.Error("the verb does not follow the count")
	}
}
