package vapix_test

import (
	"context"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/vapix"
)

func TestCreateFirstAccountCreatesAndProvesTheLogin(t *testing.T) {
	forEachCamera(t, func(t *testing.T, gen camsim.Generation, sc scheme) {
		cam := startCam(t, camsim.Config{Generation: gen})
		c := newClient(t, sc.url(cam), vapix.Options{})
		// 10.12 only takes root as the first account, so ask for a custom
		// name everywhere and let the fallback show.
		res, err := c.CreateFirstAccount(testCtx(t, 20*time.Second), "installer", testPassword)
		if err != nil {
			t.Fatal(err)
		}
		wantUser := "installer"
		if gen == camsim.Gen10 {
			wantUser = "root"
		}
		if res.User != wantUser || res.FellBackToRoot != (gen == camsim.Gen10) || !res.Verified {
			t.Fatalf("result %+v, want user %s, verified", res, wantUser)
		}
		snap := cam.Snapshot()
		if snap.NeedsSetup || !contains(snap.Users, wantUser) || len(snap.Users) != 1 {
			t.Fatalf("camera state after setup: %+v", snap)
		}
		// The client now holds the new credentials, and the password with
		// its space, &, #, + and % reached the camera intact: a second,
		// separate login with it works.
		if err := c.VerifyLogin(testCtx(t, 10*time.Second)); err != nil {
			t.Fatalf("login with the client's credentials: %v", err)
		}
		other := newClient(t, sc.url(cam), vapix.Options{})
		other.SetCredentials(wantUser, testPassword)
		if err := other.VerifyLogin(testCtx(t, 10*time.Second)); err != nil {
			t.Fatalf("fresh login with the new password: %v", err)
		}
	})
}

func TestCreateFirstAccountKeepsEveryPrintableCharacterOfThePassword(t *testing.T) {
	var all []byte
	for b := byte(0x20); b <= 0x7e; b++ {
		all = append(all, b)
	}
	for _, pw := range []string{string(all[:64]), string(all[64:]) + "  + &=#%25", "%", " "} {
		cam := startCam(t, camsim.Config{Generation: camsim.Gen12})
		c := newClient(t, cam.HTTPURL(), vapix.Options{})
		if _, err := c.CreateFirstAccount(testCtx(t, 10*time.Second), "admin", pw); err != nil {
			t.Fatalf("password %q: %v", pw, err)
		}
		check := newClient(t, cam.HTTPURL(), vapix.Options{})
		check.SetCredentials("admin", pw)
		if err := check.VerifyLogin(testCtx(t, 10*time.Second)); err != nil {
			t.Fatalf("password %q did not reach the camera intact: %v", pw, err)
		}
	}
}

func TestCreateFirstAccountOnASetUpCameraIsAlreadySetUp(t *testing.T) {
	for _, gen := range camsim.Generations {
		t.Run(string(gen), func(t *testing.T) {
			cam := setUpCam(t, gen)
			c := newClient(t, cam.HTTPURL(), vapix.Options{})
			res, err := c.CreateFirstAccount(testCtx(t, 10*time.Second), "root", "another password")
			wantKind(t, err, vapix.AlreadySetUp)
			noPassword(t, err, "another password")
			if res.Verified {
				t.Fatal("a refused creation reported a verified account")
			}
			if snap := cam.Snapshot(); len(snap.Users) != 1 || snap.FailedLogins != 0 {
				t.Fatalf("camera state changed: %+v", snap)
			}
		})
	}
}

func TestCreateFirstAccountRefusesBadInputBeforeSendingAnything(t *testing.T) {
	cam := startCam(t, camsim.Config{Generation: camsim.Gen11})
	c := newClient(t, cam.HTTPURL(), vapix.Options{})
	cases := []struct {
		user, pw string
		kind     vapix.Kind
	}{
		{"root", "", vapix.InvalidPassword},
		{"root", "pässword", vapix.InvalidPassword},
		{"root", string(make([]byte, 65)), vapix.InvalidPassword},
		{"bad name", "password", vapix.InvalidUserName},
		{"fifteencharsxxx", "password", vapix.InvalidUserName},
	}
	for _, tc := range cases {
		_, err := c.CreateFirstAccount(testCtx(t, 5*time.Second), tc.user, tc.pw)
		wantKind(t, err, tc.kind)
	}
	if snap := cam.Snapshot(); !snap.NeedsSetup || len(snap.Users) != 0 {
		t.Fatalf("the camera was touched: %+v", snap)
	}
}

func TestCreateFirstAccountCanceledIsCanceledAndNeverShowsThePassword(t *testing.T) {
	cam := startCam(t, camsim.Config{Generation: camsim.Gen11})
	cam.SetFaults(camsim.Faults{Delay: 5 * time.Second})
	c := newClient(t, cam.HTTPURL(), vapix.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	_, err := c.CreateFirstAccount(ctx, "admin", testPassword)
	wantKind(t, err, vapix.Canceled)
	noPassword(t, err, testPassword)

	cam.SetFaults(camsim.Faults{DropConnection: true})
	_, err = c.CreateFirstAccount(testCtx(t, 5*time.Second), "admin", testPassword)
	wantKind(t, err, vapix.NoAnswer)
	noPassword(t, err, testPassword)
	noPassword(t, err, "s3cret")
}

func TestFirstAdminMustBeRootBefore11Point5AndIsUnknownWithoutAVersion(t *testing.T) {
	cases := []struct {
		firmware          string
		mustBeRoot, known bool
	}{
		{"9.80.3", true, true},
		{"10.12.1", true, true},
		{"10.12", true, true},
		{"11.4.59", true, true},
		{" 11.4.59 ", true, true},
		{"11.5.0", false, true},
		{"11.11.192", false, true},
		{"11.11.x", false, true},
		{"12.9.57", false, true},
		{"", false, false},
		{"unknown", false, false},
		{"abc", false, false},
		{"11", false, false},
		{"11.", false, false},
		{".5", false, false},
		{"-11.4", false, false},
		{"11.+4", false, false},
	}
	for _, tc := range cases {
		mustBeRoot, known := vapix.FirstAdminMustBeRoot(tc.firmware)
		if mustBeRoot != tc.mustBeRoot || known != tc.known {
			t.Errorf("FirstAdminMustBeRoot(%q) = %v, %v; want %v, %v", tc.firmware, mustBeRoot, known, tc.mustBeRoot, tc.known)
		}
	}
}

func TestFirstAdminMustBeRootAgreesWithEverySimulatedFirmware(t *testing.T) {
	// The simulator keeps its own rule, since the camera must not import
	// its client; the two must still agree.
	for _, gen := range camsim.Generations {
		mustBeRoot, known := vapix.FirstAdminMustBeRoot(gen.FirmwareVersion())
		if !known {
			t.Errorf("%s: firmware %q not understood", gen, gen.FirmwareVersion())
			continue
		}
		cam := startCam(t, camsim.Config{Generation: gen})
		c := newClient(t, cam.HTTPURL(), vapix.Options{})
		res, err := c.CreateFirstAccount(testCtx(t, 20*time.Second), "installer", testPassword)
		if err != nil {
			t.Fatalf("%s: %v", gen, err)
		}
		if res.FellBackToRoot != mustBeRoot {
			t.Errorf("%s (%s): the camera fell back to root: %v, FirstAdminMustBeRoot says %v", gen, gen.FirmwareVersion(), res.FellBackToRoot, mustBeRoot)
		}
	}
}
