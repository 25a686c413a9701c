package main

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
)

func httpsHost(cam *camsim.Camera) string { return strings.TrimPrefix(cam.HTTPSURL(), "https://") }

func pinsHold(t *testing.T, h *harness, fingerprint string) bool {
	t.Helper()
	data, err := os.ReadFile(h.pins)
	if err != nil {
		t.Fatalf("no certificate list: %v", err)
	}
	return strings.Contains(strings.ToLower(string(data)), strings.ToLower(fingerprint))
}

func TestHTTPSRemembersTheCertificateAndFollowsItThroughAReset(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, admin())
	h := newHarness(t)
	if r := h.run("info", "--https", httpsHost(cam)); r.code != exitOK {
		t.Fatalf("info: exit %d", r.code)
	}
	old := cam.CertFingerprint()
	if !pinsHold(t, h, old) {
		t.Fatal("the certificate was not remembered")
	}

	h.stdin = adminPassword + "\n"
	r := h.run("factory-default", cam.HTTPSURL(), "--mode", "hard", "--yes", "--user", "root", "--no-backup")
	if r.code != exitOK {
		t.Fatalf("factory-default: exit %d", r.code)
	}
	// The hint keeps the scheme typed, and needs no flag: the reset was
	// watched here.
	if want := "Set one with: openipu-cli set-password " + cam.HTTPSURL() + " --user NAME\n"; !strings.Contains(r.stdout, want) {
		t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
	}
	if cam.CertFingerprint() == old {
		t.Fatal("the simulator kept its certificate through a hard reset")
	}
	if !pinsHold(t, h, cam.CertFingerprint()) {
		t.Error("the certificate made by the reset was not remembered while waiting")
	}

	h.stdin = "New Password 1\n"
	if r := h.run("set-password", "--https", httpsHost(cam), "--user", "admin"); r.code != exitOK {
		t.Fatalf("set-password after the reset: exit %d", r.code)
	}
	if cam.Snapshot().NeedsSetup {
		t.Error("the camera still has no password")
	}
	h.assertSecretNowhere(adminPassword)
	h.assertSecretNowhere("New Password 1")
}

func TestHTTPSRefusesAChangedCertificateUntilToldToAcceptIt(t *testing.T) {
	cam := startCamera(t, camsim.Gen11, nil)
	h := newHarness(t)
	if r := h.run("info", "--https", httpsHost(cam)); r.code != exitOK {
		t.Fatalf("info: exit %d", r.code)
	}
	// Someone holds the control button while powering up: a reset this
	// program did not see.
	cam.PowerCycle(true)
	deadline := time.Now().Add(time.Minute)
	for st := cam.Snapshot(); !st.Online || st.Booting; st = cam.Snapshot() {
		if time.Now().After(deadline) {
			t.Fatal("the simulated camera did not come back")
		}
		time.Sleep(50 * time.Millisecond)
	}

	h.stdin = adminPassword + "\n"
	r := h.run("set-password", "--https", httpsHost(cam), "--user", "admin")
	if r.code != exitFailed {
		t.Fatalf("exit %d, want %d", r.code, exitFailed)
	}
	// The camera says it has factory settings: the risk is told, and the
	// way to say "I reset it myself".
	if !strings.Contains(r.stderr, "certificate") || !strings.Contains(r.stderr, "imitating") || !strings.Contains(r.stderr, "--accept-new-certificate") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if !cam.Snapshot().NeedsSetup {
		t.Fatal("a password was sent to a camera whose certificate changed")
	}

	r = h.run("set-password", "--https", httpsHost(cam), "--user", "admin", "--accept-new-certificate")
	if r.code != exitOK {
		t.Fatalf("with --accept-new-certificate: exit %d", r.code)
	}
	if !pinsHold(t, h, cam.CertFingerprint()) {
		t.Error("the new certificate was not remembered")
	}
}

func TestHTTPSAndAnHTTPAddressContradictEachOther(t *testing.T) {
	h := newHarness(t)
	for _, args := range [][]string{{"info", "--https", "http://10.0.0.5"}, {"info", "--http", "https://10.0.0.5"}, {"info", "--http", "--https", "10.0.0.5"}} {
		if r := h.run(args...); r.code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, r.code, exitUsage)
		}
	}
}

func TestAResetNotWatchedIsConfirmedByTheNextCommandOnly(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, admin())
	h := newHarness(t)
	h.stdin = adminPassword + "\n"
	r := h.run("factory-default", hostOf(cam), "--mode", "soft", "--yes", "--user", "root", "--no-backup", "--no-wait")
	if r.code != exitOK {
		t.Fatalf("factory-default: exit %d", r.code)
	}
	if want := "set-password " + hostOf(cam) + " --user NAME --accept-new-certificate"; !strings.Contains(r.stdout, want) {
		t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
	}
	deadline := time.Now().Add(time.Minute)
	for st := cam.Snapshot(); !st.NeedsSetup || !st.Online || st.Booting; st = cam.Snapshot() {
		if time.Now().After(deadline) {
			t.Fatal("the simulated camera did not come back")
		}
		time.Sleep(50 * time.Millisecond)
	}
	h.stdin = "New Password 1\n"
	if r := h.run("set-password", hostOf(cam), "--user", "admin"); r.code != exitFailed || !cam.Snapshot().NeedsSetup {
		t.Fatalf("without the flag: exit %d", r.code)
	}
	if r := h.run("set-password", hostOf(cam), "--user", "admin", "--accept-new-certificate"); r.code != exitOK {
		t.Fatalf("with the flag: exit %d", r.code)
	}
	h.assertSecretNowhere("New Password 1")
}
