package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/journal"
)

func TestSetPasswordFromStdinCreatesTheAccountOnEachGeneration(t *testing.T) {
	cases := []struct {
		gen      camsim.Generation
		ask      string
		want     string
		fellBack bool
	}{
		{camsim.Gen10, "admin", "root", true},
		{camsim.Gen10, "root", "root", false},
		{camsim.Gen11, "admin", "admin", false},
		{camsim.Gen12, "installer7", "installer7", false},
	}
	for _, tc := range cases {
		t.Run(string(tc.gen)+"-"+tc.ask, func(t *testing.T) {
			cam := startCamera(t, tc.gen, nil)
			h := newHarness(t)
			h.stdin = adminPassword + "\n"
			r := h.run("set-password", hostOf(cam), "--user", tc.ask, "--json")
			if r.code != exitOK {
				t.Fatalf("exit %d", r.code)
			}
			var got setPasswordResult
			if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
				t.Fatalf("stdout is not JSON: %v", err)
			}
			if got.User != tc.want || got.FellBackToRoot != tc.fellBack || !got.Verified {
				t.Errorf("result %+v, want user %s, fell back %v, verified", got, tc.want, tc.fellBack)
			}
			if tc.fellBack && !strings.Contains(r.stderr, `only accepts the name "root"`) {
				t.Errorf("the fallback to root is not explained:\n%s", r.stderr)
			}
			st := cam.Snapshot()
			if st.NeedsSetup || !slices.Contains(st.Users, tc.want) {
				t.Errorf("camera state: needs setup %v, users %v", st.NeedsSetup, st.Users)
			}
			if err := canLogIn(t, cam, tc.want, adminPassword); err != nil {
				t.Errorf("cannot log in with the new account: %v", err)
			}
			es := h.entries()
			if len(es) != 1 || es[0].Action != journal.SetPassword || es[0].Outcome != journal.Done || es[0].User != tc.want || es[0].Camera.MAC != cam.MAC() {
				t.Errorf("journal: %+v", es)
			}
			h.assertSecretNowhere(adminPassword)
		})
	}
}

func TestSetPasswordTypedTwiceAtATerminal(t *testing.T) {
	cam := startCamera(t, camsim.Gen11, nil)
	h := newHarness(t)
	h.terminal = true
	h.typed = []string{adminPassword, adminPassword}
	r := h.run("set-password", "--user", "admin", hostOf(cam))
	if r.code != exitOK {
		t.Fatalf("exit %d", r.code)
	}
	if h.prompts != 2 || !strings.Contains(r.stderr, "again") {
		t.Errorf("%d prompts; stderr:\n%s", h.prompts, r.stderr)
	}
	if err := canLogIn(t, cam, "admin", adminPassword); err != nil {
		t.Errorf("cannot log in: %v", err)
	}
	h.assertSecretNowhere(adminPassword)
}

func TestSetPasswordWithAMismatchedConfirmationSendsNothing(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, nil)
	h := newHarness(t)
	h.terminal = true
	h.typed = []string{adminPassword, adminPassword + "x"}
	r := h.run("set-password", hostOf(cam), "--user", "admin")
	if r.code != exitUsage {
		t.Fatalf("exit %d, want %d", r.code, exitUsage)
	}
	if !strings.Contains(r.stderr, "not the same") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if st := cam.Snapshot(); !st.NeedsSetup || len(st.Users) != 0 {
		t.Errorf("the camera changed: %+v", st)
	}
	h.assertSecretNowhere(adminPassword)
}

func TestPasswordOnTheCommandLineIsRefusedWithTheReason(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, nil)
	for _, args := range [][]string{
		{"set-password", hostOf(cam), "--user", "admin", "--password", "hunter2secret"},
		{"set-password", "--password=hunter2secret", hostOf(cam), "--user", "admin"},
		{"set-password", hostOf(cam), "--user", "admin", "-pwd=hunter2secret"},
		{"factory-default", hostOf(cam), "--mode", "soft", "--yes", "--user", "root", "--password", "hunter2secret"},
		{"restart", hostOf(cam), "--user", "root", "--PASSWORD=hunter2secret"},
	} {
		h := newHarness(t)
		h.stdin = adminPassword + "\n"
		r := h.run(args...)
		if r.code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, r.code, exitUsage)
		}
		if !strings.Contains(r.stderr, "on purpose") || !strings.Contains(r.stderr, "history") {
			t.Errorf("%v: the reason is not given:\n%s", args, r.stderr)
		}
		h.assertSecretNowhere("hunter2secret")
	}
	if st := cam.Snapshot(); !st.NeedsSetup || st.Resets != 0 {
		t.Errorf("the camera changed: %+v", st)
	}
}

func TestSetPasswordOnACameraThatHasAnAdministratorSaysSo(t *testing.T) {
	cam := startCamera(t, camsim.Gen11, admin())
	h := newHarness(t)
	h.stdin = "another password\n"
	r := h.run("set-password", hostOf(cam), "--user", "admin")
	if r.code != exitFailed {
		t.Fatalf("exit %d, want %d", r.code, exitFailed)
	}
	if !strings.Contains(r.stderr, "already has an administrator password") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	es := h.entries()
	if len(es) != 1 || es[0].Outcome != journal.Failed || es[0].ErrorKey != "vapix.already_set_up" {
		t.Errorf("journal: %+v", es)
	}
	if err := canLogIn(t, cam, "root", adminPassword); err != nil {
		t.Errorf("the old account no longer works: %v", err)
	}
}

func TestAShortPasswordIsUsedWithAWarning(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, nil)
	h := newHarness(t)
	h.stdin = "abc12\n"
	r := h.run("set-password", hostOf(cam), "--user", "admin")
	if r.code != exitOK {
		t.Fatalf("exit %d", r.code)
	}
	if !strings.Contains(r.stderr, "easy to guess") {
		t.Errorf("no warning:\n%s", r.stderr)
	}
	if err := canLogIn(t, cam, "admin", "abc12"); err != nil {
		t.Errorf("cannot log in: %v", err)
	}
}

func TestUnusablePasswordsAreRefusedBeforeAnythingIsSent(t *testing.T) {
	for name, stdin := range map[string]string{
		"accented":   "pässwört123\n",
		"too long":   strings.Repeat("a", 65) + "\n",
		"empty":      "",
		"empty line": "\nsecond line\n",
	} {
		t.Run(name, func(t *testing.T) {
			cam := startCamera(t, camsim.Gen12, nil)
			h := newHarness(t)
			h.stdin = stdin
			r := h.run("set-password", hostOf(cam), "--user", "admin")
			if r.code != exitUsage {
				t.Fatalf("exit %d, want %d", r.code, exitUsage)
			}
			if st := cam.Snapshot(); !st.NeedsSetup {
				t.Error("the camera was set up anyway")
			}
			if len(h.entries()) != 0 {
				t.Errorf("refused input was journaled: %+v", h.entries())
			}
		})
	}
}

func TestAnInvalidUserNameIsRefusedBeforeAnythingIsSent(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, nil)
	h := newHarness(t)
	h.stdin = adminPassword + "\n"
	r := h.run("set-password", hostOf(cam), "--user", "jean-pierre")
	if r.code != exitUsage || !strings.Contains(r.stderr, "user name cannot be used") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if r := h.run("set-password", hostOf(cam)); r.code != exitUsage || !strings.Contains(r.stderr, "--user") {
		t.Errorf("without --user: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if !cam.Snapshot().NeedsSetup {
		t.Error("the camera was set up anyway")
	}
}
