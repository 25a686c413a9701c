package vapix_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/icholy/digest"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/vapix"
)

func TestVerifyLoginTellsRightFromWrongPassword(t *testing.T) {
	forEachCamera(t, func(t *testing.T, gen camsim.Generation, sc scheme) {
		cam := setUpCam(t, gen)
		c := newClient(t, sc.url(cam), vapix.Options{})
		c.SetCredentials("root", testPassword)
		if err := c.VerifyLogin(testCtx(t, 10*time.Second)); err != nil {
			t.Fatalf("right password: %v", err)
		}
		c.SetCredentials("root", "wrong")
		err := c.VerifyLogin(testCtx(t, 10*time.Second))
		wantKind(t, err, vapix.WrongPassword)
		if p := err.(*vapix.Error).Explain(); p.What.String() == "" || p.Next.String() == "" {
			t.Fatalf("no explanation: %+v", p)
		}
		c.SetCredentials("nobody", testPassword)
		wantKind(t, c.VerifyLogin(testCtx(t, 10*time.Second)), vapix.WrongPassword)
	})
}

func TestVerifyLoginOnAFactoryNewCameraNeedsSetup(t *testing.T) {
	cam := startCam(t, camsim.Config{Generation: camsim.Gen12})
	c := newClient(t, cam.HTTPURL(), vapix.Options{})
	c.SetCredentials("root", "pass")
	wantKind(t, c.VerifyLogin(testCtx(t, 10*time.Second)), vapix.NeedsSetup)
	c.SetCredentials("", "")
	wantKind(t, c.VerifyLogin(testCtx(t, 10*time.Second)), vapix.WrongPassword)
}

func TestLockoutIsReportedAndTheRightPasswordGetsInAfterTheBackOff(t *testing.T) {
	cam := startCam(t, camsim.Config{Generation: camsim.Gen11, LockoutFor: 3 * time.Second,
		Admin: &camsim.Account{User: "root", Password: testPassword}})
	attacker := newClient(t, cam.HTTPURL(), vapix.Options{})
	attacker.SetCredentials("root", "guess")
	var locked *vapix.Error
	for i := 0; i < 200 && locked == nil; i++ {
		// A short deadline: VerifyLogin must not wait out the lockout
		// when the caller cannot afford it.
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		err := attacker.VerifyLogin(ctx)
		cancel()
		switch vapix.KindOf(err) {
		case vapix.WrongPassword:
		case vapix.LockedOut:
			errors.As(err, &locked)
		default:
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	if locked == nil {
		t.Fatal("200 wrong passwords never caused a lockout")
	}
	if locked.RetryAfter != 10*time.Second {
		t.Errorf("RetryAfter = %v, want AXIS OS's 10 s", locked.RetryAfter)
	}
	if what := locked.Explain().Next.String(); !strings.Contains(what, "10 seconds") {
		t.Errorf("the advice does not say how long to wait: %q", what)
	}

	owner := newClient(t, cam.HTTPURL(), vapix.Options{})
	owner.SetCredentials("root", testPassword)
	// Still locked out right now, so only the back-off and retry can
	// let the owner in.
	probe := newClient(t, cam.HTTPURL(), vapix.Options{})
	probe.SetCredentials("root", testPassword)
	short, cancel := context.WithTimeout(context.Background(), time.Second)
	wantKind(t, probe.VerifyLogin(short), vapix.LockedOut)
	cancel()
	if err := owner.VerifyLogin(testCtx(t, 30*time.Second)); err != nil {
		t.Fatalf("right password after the back-off: %v", err)
	}
}

func TestVerifyLoginCanceledDuringTheBackOffIsCanceled(t *testing.T) {
	cam := startCam(t, camsim.Config{Generation: camsim.Gen12, Admin: &camsim.Account{User: "root", Password: testPassword}})
	c := newClient(t, cam.HTTPURL(), vapix.Options{})
	c.SetCredentials("root", "guess")
	for i := 0; i < 200; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := c.VerifyLogin(ctx)
		cancel()
		if vapix.KindOf(err) == vapix.LockedOut {
			break
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	wantKind(t, c.VerifyLogin(ctx), vapix.Canceled)
}

func TestBasicOnlyCameraMetBeforeGetsBasicOverHTTPSAndNeverOverHTTP(t *testing.T) {
	cam := setUpCam(t, camsim.Gen12)
	// FIPS mode on a real camera; here the authentication policy "basic".
	setPolicy(t, cam, "basic")

	// Its certificate was pinned on an earlier occasion, not by this run.
	pins := &vapix.MemoryPins{}
	if err := pins.SetPin(cam.MAC(), cam.CertFingerprint()); err != nil {
		t.Fatal(err)
	}
	overTLS := newClient(t, cam.HTTPSURL(), vapix.Options{Pins: pins})
	overTLS.SetCredentials("root", testPassword)
	if err := overTLS.VerifyLogin(testCtx(t, 10*time.Second)); err != nil {
		t.Fatalf("Basic over HTTPS: %v", err)
	}
	overTLS.SetCredentials("root", "wrong")
	wantKind(t, overTLS.VerifyLogin(testCtx(t, 10*time.Second)), vapix.WrongPassword)

	plain := newClient(t, cam.HTTPURL(), vapix.Options{})
	plain.SetCredentials("root", testPassword)
	err := plain.VerifyLogin(testCtx(t, 10*time.Second))
	wantKind(t, err, vapix.Unsupported)
	if snap := cam.Snapshot(); snap.FailedLogins != 1 {
		t.Fatalf("failed logins = %d: only the deliberate wrong password should count", snap.FailedLogins)
	}
}

func TestBasicOnlyCameraFirstMetInThisRunGetsNoPassword(t *testing.T) {
	cam := setUpCam(t, camsim.Gen12)
	setPolicy(t, cam, "basic")

	pins := &vapix.MemoryPins{}
	c := newClient(t, cam.HTTPSURL(), vapix.Options{Pins: pins})
	c.SetCredentials("root", "wrong")
	wantKind(t, c.VerifyLogin(testCtx(t, 10*time.Second)), vapix.BasicNotTrusted)
	if fp, ok := pins.Pin(cam.MAC()); !ok || fp != cam.CertFingerprint() {
		t.Errorf("the certificate was not remembered for next time: %q, %v", fp, ok)
	}
	// Had the wrong password gone out in Basic, the camera would count it.
	if n := cam.Snapshot().FailedLogins; n != 0 {
		t.Fatalf("the camera saw %d logins from a client that met it for the first time", n)
	}
	// Another client of this same run is no different: the pin is still
	// one this run wrote.
	again := newClient(t, cam.HTTPSURL(), vapix.Options{Pins: pins})
	again.SetCredentials("root", "wrong")
	wantKind(t, again.VerifyLogin(testCtx(t, 10*time.Second)), vapix.BasicNotTrusted)
	if n := cam.Snapshot().FailedLogins; n != 0 {
		t.Fatalf("the camera saw %d logins", n)
	}
}

// setPolicy switches Network.HTTP.AuthenticationPolicy with a digest login
// over HTTP: a raw param update, which the client has no call for.
func setPolicy(t *testing.T, cam *camsim.Camera, policy string) {
	t.Helper()
	hc := &http.Client{Transport: &digest.Transport{Username: "root", Password: testPassword}, Timeout: 10 * time.Second}
	res, err := hc.Get(cam.HTTPURL() + "/axis-cgi/param.cgi?action=update&Network.HTTP.AuthenticationPolicy=" + policy)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
	if res.StatusCode != http.StatusOK || string(body) != "OK" {
		t.Fatalf("setting the policy: %d %q", res.StatusCode, body)
	}
}

func TestOneClientIsSafeForConcurrentUse(t *testing.T) {
	cam := setUpCam(t, camsim.Gen11)
	for _, sc := range schemes {
		c := newClient(t, sc.url(cam), vapix.Options{})
		c.SetCredentials("root", testPassword)
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for i := 0; i < 10; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ctx := testCtx(t, 20*time.Second)
				if err := c.VerifyLogin(ctx); err != nil {
					errs <- err
				}
				if _, _, err := c.ListParams(ctx, "Brand"); err != nil {
					errs <- err
				}
				if _, err := c.Identify(ctx); err != nil {
					errs <- err
				}
				if i == 5 {
					c.SetCredentials("root", testPassword)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("%s: %v", sc.name, err)
		}
	}
	if n := cam.Snapshot().FailedLogins; n != 0 {
		t.Fatalf("%d failed logins: concurrent requests upset the digest exchange", n)
	}
}
