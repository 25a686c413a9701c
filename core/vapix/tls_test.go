package vapix_test

import (
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/vapix"
)

func TestFirstHTTPSContactPinsTheCertificateUnderTheSerial(t *testing.T) {
	for _, gen := range camsim.Generations {
		t.Run(string(gen), func(t *testing.T) {
			cam := startCam(t, camsim.Config{Generation: gen})
			pins := &vapix.MemoryPins{}
			c := newClient(t, cam.HTTPSURL(), vapix.Options{Pins: pins})
			if _, err := c.Identify(testCtx(t, 10*time.Second)); err != nil {
				t.Fatal(err)
			}
			fp, ok := pins.Pin(cam.MAC())
			if !ok || fp != cam.CertFingerprint() {
				t.Fatalf("pin = %q, %v; want the camera's fingerprint %q", fp, ok, cam.CertFingerprint())
			}
			if c.Serial() != cam.MAC() {
				t.Fatalf("Serial() = %q", c.Serial())
			}
		})
	}
}

func TestChangedCertificateAfterAHardResetIsRefusedUntilAccepted(t *testing.T) {
	cam := setUpCam(t, camsim.Gen12)
	pins := &vapix.MemoryPins{}
	oldFP := cam.CertFingerprint()

	owner := newClient(t, cam.HTTPSURL(), vapix.Options{Pins: pins})
	owner.SetCredentials("root", testPassword)
	if err := owner.VerifyLogin(testCtx(t, 10*time.Second)); err != nil {
		t.Fatal(err)
	}
	before, err := owner.SystemReady(testCtx(t, 10*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if err := owner.FactoryDefault(testCtx(t, 10*time.Second), vapix.Hard); err != nil {
		t.Fatal(err)
	}
	// The same client meets the new certificate when the camera is back,
	// in factory state.
	_, err = owner.WaitForReboot(testCtx(t, 60*time.Second), before, 0, nil)
	wantKind(t, err, vapix.CertificateReset)
	if cam.CertFingerprint() == oldFP {
		t.Fatal("the simulator kept its certificate through a hard reset")
	}

	// A new session with the old pin refuses the camera, and refuses to
	// send it a password.
	stranger := newClient(t, cam.HTTPSURL(), vapix.Options{Pins: pins})
	_, err = stranger.Identify(testCtx(t, 10*time.Second))
	wantKind(t, err, vapix.CertificateReset)
	_, err = stranger.CreateFirstAccount(testCtx(t, 10*time.Second), "admin", testPassword)
	wantKind(t, err, vapix.CertificateReset)
	if snap := cam.Snapshot(); !snap.NeedsSetup || len(snap.Users) != 0 {
		t.Fatalf("an account was created through a refused certificate: %+v", snap)
	}
	if fp, _ := pins.Pin(cam.MAC()); fp != oldFP {
		t.Fatalf("the refused certificate replaced the pin")
	}

	// The user confirms the reset: the new certificate replaces the pin.
	confirmed := newClient(t, cam.HTTPSURL(), vapix.Options{Pins: pins, AcceptNewCertificate: true})
	if _, err := confirmed.CreateFirstAccount(testCtx(t, 10*time.Second), "admin", testPassword); err != nil {
		t.Fatal(err)
	}
	if fp, _ := pins.Pin(cam.MAC()); fp != cam.CertFingerprint() {
		t.Fatalf("pin = %q, want the new fingerprint %q", fp, cam.CertFingerprint())
	}
	later := newClient(t, cam.HTTPSURL(), vapix.Options{Pins: pins})
	later.SetCredentials("admin", testPassword)
	if err := later.VerifyLogin(testCtx(t, 10*time.Second)); err != nil {
		t.Fatalf("with the new pin: %v", err)
	}
}

func TestKnownSerialChecksThePinOnTheVeryFirstHandshake(t *testing.T) {
	cam := setUpCam(t, camsim.Gen11)
	pins := &vapix.MemoryPins{}
	if err := pins.SetPin(cam.MAC(), otherFingerprint(cam.CertFingerprint())); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, cam.HTTPSURL(), vapix.Options{Pins: pins, Serial: cam.MAC()})
	_, err := c.SystemReady(testCtx(t, 10*time.Second))
	wantKind(t, err, vapix.CertificateChanged)
}

func TestNoPasswordGoesToACameraWhoseCertificateDoesNotMatch(t *testing.T) {
	cam := setUpCam(t, camsim.Gen11)
	pins := &vapix.MemoryPins{}
	if err := pins.SetPin(cam.MAC(), otherFingerprint(cam.CertFingerprint())); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, cam.HTTPSURL(), vapix.Options{Pins: pins})
	// A wrong password: had it been sent, the camera would count it.
	c.SetCredentials("root", "wrong password")
	wantKind(t, c.VerifyLogin(testCtx(t, 10*time.Second)), vapix.CertificateChanged)
	_, _, err := c.ListParams(testCtx(t, 10*time.Second))
	wantKind(t, err, vapix.CertificateChanged)
	if n := cam.Snapshot().FailedLogins; n != 0 {
		t.Fatalf("the camera saw %d login attempts through an unpinned certificate", n)
	}
}

// otherFingerprint is a fingerprint that differs from fp in its first
// byte. Replacing that byte with a fixed "00" matched fp itself for one
// certificate in 256, and the test then saw a password go out.
func otherFingerprint(fp string) string {
	if strings.HasPrefix(fp, "00") {
		return "11" + fp[2:]
	}
	return "00" + fp[2:]
}
