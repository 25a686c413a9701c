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
	if r := h.run("factory-default", cam.HTTPSURL(), "--mode", "hard", "--yes", "--user", "root", "--no-backup"); r.code != exitOK {
		t.Fatalf("factory-default: exit %d", r.code)
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
	if !strings.Contains(r.stderr, "certificate") {
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
	if r := h.run("info", "--https", "http://10.0.0.5"); r.code != exitUsage {
		t.Errorf("exit %d, want %d", r.code, exitUsage)
	}
}
