package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/tlspin"
	"github.com/openipu/openipu/core/workflow/hostiletest"
)

// The command line on a hostile network: the same attackers as
// core/workflow's hostile tests, met the way a user meets them, with a
// password typed at a terminal. Each test proves from every byte the device
// or a watcher received that the password never left readable, and reads
// what the user was told on stderr.

const typed = "Garnet-Otter 19"

func freshMAC(t *testing.T) string {
	t.Helper()
	mac, err := camsim.RandomMAC()
	if err != nil {
		t.Fatal(err)
	}
	return mac
}

// atTerminal is a harness where the user types the password when asked.
func atTerminal(t *testing.T) *harness {
	h := newHarness(t)
	h.terminal = true
	h.typed = []string{typed, typed}
	return h
}

func noPasswordReached(t *testing.T, h *harness, rec *hostiletest.Recorder) {
	t.Helper()
	if rec.InClear(typed, "root", "admin") {
		t.Error("the password crossed the network where anyone could read it")
	}
	if rec.Decrypted(typed, "root", "admin") || rec.Basic() {
		t.Errorf("the password reached the device: %q", rec.Authorizations())
	}
	h.assertSecretNowhere(typed)
}

func httpsDevice(t *testing.T, rec *hostiletest.Recorder, dev *hostiletest.Device) string {
	t.Helper()
	cert, _ := hostiletest.Certificate(t)
	return hostiletest.Serve(t, rec, dev, &cert).URL
}

func TestACameraOfferingOnlyHTTPGetsNoPasswordWithoutHTTPAndIsNamedFirst(t *testing.T) {
	cam, err := camsim.New(camsim.Config{Generation: camsim.Gen11, HTTPSAddr: "off"})
	if err != nil {
		t.Fatal(err)
	}
	if err := cam.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cam.Close() })
	rec := hostiletest.NewRecorder()
	// Someone on the network sees every byte on the way to the camera.
	port := hostiletest.Relay(t, rec, strings.TrimPrefix(cam.HTTPURL(), "http://"))
	host := "127.0.0.1:" + strconv.Itoa(port)

	h := atTerminal(t)
	r := h.run("set-password", host, "--user", "admin")
	if r.code != exitFailed || h.prompts != 0 {
		t.Fatalf("exit %d after %d prompts; want %d before any prompt", r.code, h.prompts, exitFailed)
	}
	for _, want := range []string{"Camera: AXIS", "(" + cam.MAC() + ") at " + host, "does not offer an encrypted connection", "--http"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if !cam.Snapshot().NeedsSetup || len(h.entries()) != 0 {
		t.Errorf("the camera changed or the refusal was journaled: %+v", h.entries())
	}
	noPasswordReached(t, h, rec)

	// With --http the user chose it: warned and told which camera before
	// the prompt, then it goes.
	h = atTerminal(t)
	r = h.run("set-password", host, "--user", "admin", "--http")
	if r.code != exitOK {
		t.Fatalf("with --http: exit %d", r.code)
	}
	camera, warning, prompt := strings.Index(r.stderr, "Camera: "), strings.Index(r.stderr, "Warning: This camera does not offer"), strings.Index(r.stderr, "Password for")
	if camera < 0 || warning < camera || prompt < warning {
		t.Errorf("camera named at %d, warned at %d, prompt at %d:\n%s", camera, warning, prompt, r.stderr)
	}
	if !rec.InClear(typed, "admin") {
		t.Error("the recorder missed the password sent over plain HTTP")
	}
}

func TestAGenuineCameraIsNamedBeforeThePromptAndGetsThePasswordEncrypted(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, nil)
	rec := hostiletest.NewRecorder()
	port := hostiletest.Relay(t, rec, hostOf(cam))
	host := "127.0.0.1:" + strconv.Itoa(port)
	h := atTerminal(t)
	r := h.run("set-password", host, "--user", "admin")
	if r.code != exitOK {
		t.Fatalf("exit %d", r.code)
	}
	camera, prompt := strings.Index(r.stderr, "Camera: AXIS "), strings.Index(r.stderr, "Password for")
	if camera < 0 || prompt < camera || !strings.Contains(r.stderr, "("+cam.MAC()+") at "+host) {
		t.Errorf("the camera is not named before the prompt:\n%s", r.stderr)
	}
	if rec.Connections() == 0 || rec.InClear(typed, "admin") {
		t.Errorf("%d connections; password in clear %v", rec.Connections(), rec.InClear(typed, "admin"))
	}
	h.assertSecretNowhere(typed)
}

func TestAFreshImpostorOfferingOnlyBasicIsRefusedAndExplained(t *testing.T) {
	mac := freshMAC(t)
	rec := hostiletest.NewRecorder()
	url := httpsDevice(t, rec, &hostiletest.Device{MAC: mac, Model: "M1075-L", Challenge: hostiletest.BasicOnly(mac), AcceptAnyLogin: true})
	h := atTerminal(t)
	r := h.run("restart", url, "--user", "root")
	if r.code != exitFailed || !strings.Contains(r.stderr, "for the first time") {
		t.Fatalf("exit %d:\n%s", r.code, r.stderr)
	}
	noPasswordReached(t, h, rec)
}

func TestAnImpostorWithAKnownCamerasMACAndAnotherCertificateIsRefusedEvenWhenToldToAccept(t *testing.T) {
	genuine := startCamera(t, camsim.Gen11, admin())
	h := atTerminal(t)
	if r := h.run("info", genuine.HTTPSURL()); r.code != exitOK {
		t.Fatalf("info: exit %d", r.code)
	}
	rec := hostiletest.NewRecorder()
	url := httpsDevice(t, rec, &hostiletest.Device{MAC: genuine.MAC(), Model: "M1075-L", AcceptAnyLogin: true})
	for _, args := range [][]string{
		{"restart", url, "--user", "root"},
		{"restart", url, "--user", "root", "--accept-new-certificate"},
		{"backup", url, "--user", "root", "--accept-new-certificate"},
	} {
		r := h.run(args...)
		if r.code != exitFailed || !strings.Contains(r.stderr, "imitating") {
			t.Errorf("%v: exit %d:\n%s", args, r.code, r.stderr)
		}
		if strings.Contains(r.stderr, "--accept-new-certificate") {
			t.Errorf("%v: the flag is suggested for a camera that says it is set up:\n%s", args, r.stderr)
		}
	}
	if h.prompts != 0 {
		t.Errorf("%d password prompts for an impostor", h.prompts)
	}
	noPasswordReached(t, h, rec)
	store, err := tlspin.Open(h.pins)
	if err != nil {
		t.Fatal(err)
	}
	if fp, _ := store.Pin(genuine.MAC()); fp != genuine.CertFingerprint() {
		t.Error("the impostor's certificate replaced the genuine camera's pin")
	}
}

func TestADeviceAskingForADigestLoginWithoutQopIsRefusedAndExplained(t *testing.T) {
	mac := freshMAC(t)
	rec := hostiletest.NewRecorder()
	url := httpsDevice(t, rec, &hostiletest.Device{MAC: mac, Model: "M1075-L", Challenge: hostiletest.DigestWithoutQop(mac), AcceptAnyLogin: true})
	h := atTerminal(t)
	r := h.run("backup", url, "--user", "root")
	if r.code != exitFailed || !strings.Contains(r.stderr, "unsafe") {
		t.Fatalf("exit %d:\n%s", r.code, r.stderr)
	}
	if n := len(rec.Authorizations()); n != 0 {
		t.Errorf("%d answers to the challenge", n)
	}
	noPasswordReached(t, h, rec)
}

func TestARetryAfterOf600SecondsEndsTheCommandAndSaysHowLongToWait(t *testing.T) {
	mac := freshMAC(t)
	rec := hostiletest.NewRecorder()
	dev := &hostiletest.Device{MAC: mac, Model: "M1075-L", LoginRetryAfter: 600}
	url := httpsDevice(t, rec, dev)
	h := atTerminal(t)
	r := h.run("restart", url, "--user", "root", "--timeout", "5s")
	if r.code != exitFailed || !strings.Contains(r.stderr, "Wait 600 seconds") || strings.Contains(r.stderr, "asks for a pause") {
		t.Fatalf("exit %d:\n%s", r.code, r.stderr)
	}
	if dev.Logins() != 1 {
		t.Errorf("%d logins: the pause was waited out", dev.Logins())
	}
	noPasswordReached(t, h, rec)
}
