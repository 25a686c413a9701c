package vapix_test

import (
	"context"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow/hostiletest"
)

func freshMAC(t *testing.T) string {
	t.Helper()
	mac, err := camsim.RandomMAC()
	if err != nil {
		t.Fatal(err)
	}
	return mac
}

func TestOffersHTTPSTellsTLSFromPlainHTTPAndFromNothing(t *testing.T) {
	cam := startCam(t, camsim.Config{Generation: camsim.Gen11})
	ctx := testCtx(t, 10*time.Second)
	for name, tc := range map[string]struct {
		port int
		want bool
	}{
		"https port":    {portOf(t, cam.HTTPSURL()), true},
		"http port":     {portOf(t, cam.HTTPURL()), false},
		"nothing there": {hostiletest.ClosedPort(t), false},
	} {
		ok, err := vapix.OffersHTTPS(ctx, "127.0.0.1", tc.port, 3*time.Second)
		if err != nil || ok != tc.want {
			t.Errorf("%s: %v, %v; want %v", name, ok, err, tc.want)
		}
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := vapix.OffersHTTPS(cancelled, "127.0.0.1", portOf(t, cam.HTTPSURL()), time.Second); vapix.KindOf(err) != vapix.Canceled {
		t.Errorf("cancelled: %v", err)
	}
}

func portOf(t *testing.T, raw string) int {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	port, err := strconv.Atoi(u.Port())
	if err != nil {
		t.Fatal(err)
	}
	return port
}

func TestASerialThatIsNotAMACIsNoPinKey(t *testing.T) {
	if _, err := vapix.New("https://10.0.0.5", vapix.Options{Serial: "////TMP/PWN"}); vapix.KindOf(err) != vapix.InvalidAddress {
		t.Errorf("a serial that is not a MAC was taken: %v", err)
	}
	// A device that reports one is not pinned under it, and gets no
	// password: its certificate cannot be checked.
	rec := hostiletest.NewRecorder()
	cert, _ := hostiletest.Certificate(t)
	srv := hostiletest.Serve(t, rec, &hostiletest.Device{MAC: "////TMP/PWN", Model: "M1075-L", Challenge: `Basic realm="x"`, AcceptAnyLogin: true}, &cert)
	pins := &vapix.MemoryPins{}
	c := newClient(t, srv.URL, vapix.Options{Pins: pins})
	c.SetCredentials("root", testPassword)
	wantKind(t, c.VerifyLogin(testCtx(t, 10*time.Second)), vapix.NotAxis)
	if _, ok := pins.Pin("////TMP/PWN"); ok {
		t.Error("pinned under a serial that is not a MAC")
	}
	if len(rec.Authorizations()) != 0 {
		t.Error("credentials were sent")
	}
}

func TestADeviceReportingAnotherMACThanDiscoveryFoundIsRefusedAndNotPinned(t *testing.T) {
	cam := startCam(t, camsim.Config{Generation: camsim.Gen12})
	expected := freshMAC(t)
	pins := &vapix.MemoryPins{}
	c := newClient(t, cam.HTTPSURL(), vapix.Options{Pins: pins, Serial: expected})
	_, err := c.Identify(testCtx(t, 10*time.Second))
	wantKind(t, err, vapix.OtherDevice)
	if e, _ := err.(*vapix.Error); e == nil || e.Detail != cam.MAC() {
		t.Errorf("the MAC it reported is not told: %v", err)
	}
	_, err = c.CreateFirstAccount(testCtx(t, 10*time.Second), "admin", testPassword)
	wantKind(t, err, vapix.OtherDevice)
	if _, ok := pins.Pin(expected); ok {
		t.Error("its certificate was pinned under the MAC discovery found")
	}
	if !cam.Snapshot().NeedsSetup {
		t.Error("the other device got the first password")
	}
}

func TestAChangedCertificateIsRefusedOnACameraThatIsNotInFactoryStateEvenWhenAccepted(t *testing.T) {
	cam := setUpCam(t, camsim.Gen11)
	pins := &vapix.MemoryPins{}
	old := otherFingerprint(cam.CertFingerprint())
	if err := pins.SetPin(cam.MAC(), old); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, cam.HTTPSURL(), vapix.Options{Pins: pins, Serial: cam.MAC(), AcceptNewCertificate: true})
	_, err := c.Identify(testCtx(t, 10*time.Second))
	wantKind(t, err, vapix.CertificateChanged)
	c.SetCredentials("root", testPassword)
	wantKind(t, c.VerifyLogin(testCtx(t, 10*time.Second)), vapix.CertificateChanged)
	if fp, _ := pins.Pin(cam.MAC()); fp != old {
		t.Error("the pin was replaced on a camera that says it is set up")
	}
	if n := cam.Snapshot().FailedLogins; n != 0 {
		t.Errorf("%d logins reached the camera", n)
	}
}

func TestADigestChallengeWithoutQopIsNeverAnswered(t *testing.T) {
	mac := freshMAC(t)
	rec := hostiletest.NewRecorder()
	srv := hostiletest.Serve(t, rec, &hostiletest.Device{MAC: mac, Model: "M1075-L", Challenge: hostiletest.DigestWithoutQop(mac), AcceptAnyLogin: true}, nil)
	c := newClient(t, srv.URL, vapix.Options{})
	c.SetCredentials("root", testPassword)
	wantKind(t, c.VerifyLogin(testCtx(t, 10*time.Second)), vapix.WeakDigest)
	_, _, err := c.ListParams(testCtx(t, 10*time.Second))
	wantKind(t, err, vapix.WeakDigest)
	if n := len(rec.Authorizations()); n != 0 {
		t.Errorf("%d answers: %q", n, rec.Authorizations())
	}
}

func TestRetryAfterIsWaitedOnlyWithinTheTimeoutAndAnnouncedFirst(t *testing.T) {
	for _, tc := range []struct {
		retryAfter int
		timeout    time.Duration
		waits      bool
	}{
		{600, 5 * time.Second, false},
		{6, 5 * time.Second, false},
		{1, 5 * time.Second, true},
	} {
		mac := freshMAC(t)
		rec := hostiletest.NewRecorder()
		dev := &hostiletest.Device{MAC: mac, Model: "M1075-L", LoginRetryAfter: tc.retryAfter}
		srv := hostiletest.Serve(t, rec, dev, nil)
		var heard []time.Duration
		c := newClient(t, srv.URL, vapix.Options{Timeout: tc.timeout, Waiting: func(d time.Duration) { heard = append(heard, d) }})
		c.SetCredentials("root", testPassword)
		err := c.VerifyLogin(context.Background())
		e, _ := err.(*vapix.Error)
		if e == nil || e.Kind != vapix.LockedOut || e.RetryAfter != time.Duration(tc.retryAfter)*time.Second {
			t.Fatalf("Retry-After %d: %v", tc.retryAfter, err)
		}
		wantLogins, wantHeard := 1, 0
		if tc.waits {
			wantLogins, wantHeard = 2, 1
		}
		if dev.Logins() != wantLogins || len(heard) != wantHeard {
			t.Errorf("Retry-After %d with timeout %s: %d logins, pauses announced %v", tc.retryAfter, tc.timeout, dev.Logins(), heard)
		}
	}
}

func TestAForbiddenAnonymousQuestionBeforeALoginIsNotWaitedFor(t *testing.T) {
	mac := freshMAC(t)
	rec := hostiletest.NewRecorder()
	dev := &hostiletest.Device{MAC: mac, Model: "M1075-L", AnonymousRetryAfter: 3}
	cert, _ := hostiletest.Certificate(t)
	srv := hostiletest.Serve(t, rec, dev, &cert)
	waited := false
	c := newClient(t, srv.URL, vapix.Options{Pins: &vapix.MemoryPins{}, Timeout: 10 * time.Second, Waiting: func(time.Duration) { waited = true }})
	c.SetCredentials("root", testPassword)
	wantKind(t, c.VerifyLogin(context.Background()), vapix.LockedOut)
	if waited || dev.Logins() != 0 {
		t.Errorf("waited %v, %d logins", waited, dev.Logins())
	}
}

func TestADeviceThatKeepsItsMACQuietIsNotTrustedUnderDiscoverysMAC(t *testing.T) {
	expected := freshMAC(t)
	rec := hostiletest.NewRecorder()
	cert, _ := hostiletest.Certificate(t)
	srv := hostiletest.Serve(t, rec, &hostiletest.Device{Model: "M1075-L", AcceptAnyLogin: true}, &cert)
	pins := &vapix.MemoryPins{}
	c := newClient(t, srv.URL, vapix.Options{Pins: pins, Serial: expected})
	c.SetCredentials("root", testPassword)
	wantKind(t, c.VerifyLogin(testCtx(t, 10*time.Second)), vapix.NotAxis)
	if _, ok := pins.Pin(expected); ok {
		t.Error("pinned under discovery's MAC although the device never said it")
	}
	if n := len(rec.Authorizations()); n != 0 {
		t.Errorf("%d requests with credentials", n)
	}
}
