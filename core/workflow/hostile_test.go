package workflow

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow/hostiletest"
)

// The hostile network: each test puts a device that wants the password
// where the camera should be (or watches the traffic of a genuine one), runs
// a workflow with a real password, and proves from every byte the device
// received that the password never left in a form anyone could read, and
// that the user was told why in plain words.

const stolen = "Garnet-Otter 19"

// hostileEnv reaches devices the real way (NewConnector, HTTPS first) with
// pins, and refuses plain HTTP unless confirm says otherwise.
func hostileEnv(pins vapix.PinStore, confirm func(context.Context, *Camera) bool) Env {
	return Env{Connect: NewConnector(pins, 5*time.Second), ConfirmPlainHTTP: confirm}
}

func freshMAC(t *testing.T) string {
	t.Helper()
	mac, err := camsim.RandomMAC()
	if err != nil {
		t.Fatal(err)
	}
	return mac
}

// at is a device found by discovery (MAC learned) with its HTTPS port.
func at(s hostiletest.Server, mac string) Target {
	return Target{Host: "127.0.0.1", HTTPSPort: s.Port, MAC: mac}
}

// noPasswordReached fails if the password, in any readable form, crossed
// a socket in clear or reached the device at all.
func noPasswordReached(t *testing.T, rec *hostiletest.Recorder) {
	t.Helper()
	if rec.InClear(stolen, "root", "admin") {
		t.Error("the password crossed the network where anyone could read it")
	}
	if rec.Decrypted(stolen, "root", "admin") || rec.Basic() {
		t.Errorf("the password reached the device: %q", rec.Authorizations())
	}
}

// plainlyExplained fails unless err explains itself in words, with want
// among them.
func plainlyExplained(t *testing.T, err error, want string) {
	t.Helper()
	p, ok := usermsg.Explain(err)
	what, next := p.What.String(), p.Next.String()
	if !ok || what == "" || next == "" || !strings.Contains(what+" "+next, want) {
		t.Errorf("not explained plainly (want %q): %q / %q", want, what, next)
	}
}

func TestAFreshImpostorOfferingOnlyBasicOverHTTPSGetsNoPassword(t *testing.T) {
	mac := freshMAC(t)
	for name, target := range map[string]func(hostiletest.Server) Target{
		"found by discovery": func(s hostiletest.Server) Target { return at(s, mac) },
		"typed address":      func(s hostiletest.Server) Target { return Target{Host: "127.0.0.1", HTTPSPort: s.Port} },
	} {
		t.Run(name, func(t *testing.T) {
			rec := hostiletest.NewRecorder()
			dev := &hostiletest.Device{MAC: mac, Model: "M1075-L", Challenge: hostiletest.BasicOnly(mac), AcceptAnyLogin: true}
			cert, _ := hostiletest.Certificate(t)
			srv := hostiletest.Serve(t, rec, dev, &cert)
			pins := &vapix.MemoryPins{}
			_, err := Restart(context.Background(), hostileEnv(pins, nil), target(srv), As(Credentials{User: "root", Password: stolen}), 0, nil)
			if vapix.KindOf(err) != vapix.BasicNotTrusted {
				t.Fatalf("err %v, want BasicNotTrusted", err)
			}
			noPasswordReached(t, rec)
			if dev.Logins() != 0 {
				t.Errorf("%d requests with credentials reached the impostor", dev.Logins())
			}
			plainlyExplained(t, err, "first time")
		})
	}
}

func TestBasicGoesOnlyToACameraWhoseCertificateWasRememberedBefore(t *testing.T) {
	// The other side of the rule above, which also proves the recorder
	// sees Basic when it is sent: a camera in FIPS mode met on an earlier
	// occasion gets its password in Basic, over HTTPS only.
	mac := freshMAC(t)
	rec := hostiletest.NewRecorder()
	dev := &hostiletest.Device{MAC: mac, Model: "M1075-L", Challenge: hostiletest.BasicOnly(mac), AcceptAnyLogin: true}
	cert, fp := hostiletest.Certificate(t)
	srv := hostiletest.Serve(t, rec, dev, &cert)
	pins := &vapix.MemoryPins{}
	if err := pins.SetPin(mac, fp); err != nil {
		t.Fatal(err)
	}
	if _, err := Restart(context.Background(), hostileEnv(pins, nil), at(srv, mac), As(Credentials{User: "root", Password: stolen}), 0, nil); err != nil {
		t.Fatal(err)
	}
	if !rec.Basic() || !rec.Decrypted(stolen, "root") {
		t.Error("the known camera did not get its password in Basic")
	}
	if rec.InClear(stolen, "root") {
		t.Error("Basic crossed the network in clear")
	}
}

func TestAFirstPasswordIsProvedInBasicOnlyToTheCertificateItWasJustSentTo(t *testing.T) {
	// A factory-new camera in FIPS mode: the first password goes in the
	// account request to the certificate pinned on first contact, and
	// proving it there in Basic hands that device nothing it did not have.
	mac := freshMAC(t)
	rec := hostiletest.NewRecorder()
	dev := &hostiletest.Device{MAC: mac, Model: "M1075-L", NeedsSetup: true, Challenge: hostiletest.BasicOnly(mac), AcceptAnyLogin: true}
	cert, _ := hostiletest.Certificate(t)
	srv := hostiletest.Serve(t, rec, dev, &cert)
	res := SetPassword(context.Background(), hostileEnv(&vapix.MemoryPins{}, nil), at(srv, mac), PasswordRequest{User: "root", Password: Password(stolen)}, nil)
	if res.Err != nil || !res.Account.Verified {
		t.Fatalf("%+v", res)
	}
	if dev.FirstAccounts() != 1 || rec.InClear(stolen, "root") {
		t.Errorf("first accounts %d; in clear: %v", dev.FirstAccounts(), rec.InClear(stolen, "root"))
	}
}

func TestAnImpostorClaimingAKnownCamerasMACWithAnotherCertificateGetsNoPassword(t *testing.T) {
	genuine := startCamera(t, camsim.Gen11, admin())
	pins := &vapix.MemoryPins{}
	// The camera is met once, over HTTPS: its certificate is pinned under
	// its MAC.
	cam, err := Open(context.Background(), hostileEnv(pins, nil), targetOf(t, genuine))
	if err != nil {
		t.Fatal(err)
	}
	cam.Close()
	if fp, ok := pins.Pin(genuine.MAC()); !ok || fp != genuine.CertFingerprint() {
		t.Fatalf("the genuine camera was not pinned: %q %v", fp, ok)
	}

	for _, tc := range []struct {
		name       string
		factory    bool
		afterReset bool
		want       vapix.Kind
		explained  string
	}{
		{"says it is set up", false, false, vapix.CertificateChanged, "imitating"},
		{"says it is set up, reset confirmed", false, true, vapix.CertificateChanged, "imitating"},
		{"says it has factory settings", true, false, vapix.CertificateReset, "imitating"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := hostiletest.NewRecorder()
			dev := &hostiletest.Device{MAC: genuine.MAC(), Model: "M3106-L", NeedsSetup: tc.factory, AcceptAnyLogin: true}
			cert, _ := hostiletest.Certificate(t)
			srv := hostiletest.Serve(t, rec, dev, &cert)
			for _, target := range []Target{at(srv, genuine.MAC()), {Host: "127.0.0.1", HTTPSPort: srv.Port}} {
				asked := false
				var err error
				if tc.factory || tc.afterReset {
					res := SetPassword(context.Background(), hostileEnv(pins, nil), target, PasswordRequest{User: "root", AfterReset: tc.afterReset,
						Password: func(context.Context, *Camera) (string, error) { asked = true; return stolen, nil }}, nil)
					err = res.Err
				} else {
					_, err = Restart(context.Background(), hostileEnv(pins, nil), target,
						func(context.Context, *Camera) (Credentials, error) {
							asked = true
							return Credentials{User: "root", Password: stolen}, nil
						}, 0, nil)
				}
				if vapix.KindOf(err) != tc.want {
					t.Fatalf("MAC %q: err %v, want %v", target.MAC, err, tc.want)
				}
				if asked {
					t.Error("the password was asked for, for a device with another certificate")
				}
				plainlyExplained(t, err, tc.explained)
			}
			noPasswordReached(t, rec)
			if dev.Logins() != 0 || dev.FirstAccounts() != 0 {
				t.Errorf("logins %d, first accounts %d", dev.Logins(), dev.FirstAccounts())
			}
			if fp, _ := pins.Pin(genuine.MAC()); fp != genuine.CertFingerprint() {
				t.Error("the impostor's certificate replaced the genuine camera's pin")
			}
		})
	}
}

func TestADeviceThatSaysItIsAnotherCameraIsNeitherPinnedNorGivenAPassword(t *testing.T) {
	expected, claimed := freshMAC(t), freshMAC(t)
	rec := hostiletest.NewRecorder()
	dev := &hostiletest.Device{MAC: claimed, Model: "M1075-L", AcceptAnyLogin: true}
	cert, _ := hostiletest.Certificate(t)
	srv := hostiletest.Serve(t, rec, dev, &cert)
	pins := &vapix.MemoryPins{}
	asked := false
	_, err := Restart(context.Background(), hostileEnv(pins, nil), at(srv, expected), func(context.Context, *Camera) (Credentials, error) {
		asked = true
		return Credentials{User: "root", Password: stolen}, nil
	}, 0, nil)
	if KindOf(err) != OtherCamera || asked {
		t.Fatalf("err %v, asked %v; want OtherCamera before any password", err, asked)
	}
	if _, ok := pins.Pin(expected); ok {
		t.Error("the device's certificate was pinned under the camera discovery found")
	}
	if _, ok := pins.Pin(claimed); ok {
		t.Error("the device's certificate was pinned under the MAC it claims")
	}
	noPasswordReached(t, rec)
	plainlyExplained(t, err, claimed)
}

func TestADeviceAskingForADigestLoginWithoutQopGetsNoAnswer(t *testing.T) {
	mac := freshMAC(t)
	for _, tls := range []bool{true, false} {
		name := map[bool]string{true: "https", false: "http"}[tls]
		t.Run(name, func(t *testing.T) {
			rec := hostiletest.NewRecorder()
			dev := &hostiletest.Device{MAC: mac, Model: "M1075-L", Challenge: hostiletest.DigestWithoutQop(mac), AcceptAnyLogin: true}
			var target Target
			if tls {
				cert, _ := hostiletest.Certificate(t)
				target = at(hostiletest.Serve(t, rec, dev, &cert), mac)
			} else {
				srv := hostiletest.Serve(t, rec, dev, nil)
				target = Target{Host: "127.0.0.1", HTTPPort: srv.Port, HTTPSPort: hostiletest.ClosedPort(t), MAC: mac}
			}
			confirm := func(context.Context, *Camera) bool { return true }
			_, err := Restart(context.Background(), hostileEnv(&vapix.MemoryPins{}, confirm), target, As(Credentials{User: "root", Password: stolen}), 0, nil)
			if vapix.KindOf(err) != vapix.WeakDigest {
				t.Fatalf("err %v, want WeakDigest", err)
			}
			if n := len(rec.Authorizations()); n != 0 {
				t.Errorf("%d answers to the challenge: %q", n, rec.Authorizations())
			}
			noPasswordReached(t, rec)
			plainlyExplained(t, err, "unsafe")
		})
	}
}

func TestARetryAfterOf600SecondsEndsTheLoginAtOnceAndSaysHowLong(t *testing.T) {
	mac := freshMAC(t)
	rec := hostiletest.NewRecorder()
	dev := &hostiletest.Device{MAC: mac, Model: "M1075-L", LoginRetryAfter: 600}
	cert, _ := hostiletest.Certificate(t)
	srv := hostiletest.Serve(t, rec, dev, &cert)
	var st steps
	// No deadline of the test's own: had the client honoured the 600 s,
	// the test would hang rather than pass.
	_, err := Restart(context.Background(), hostileEnv(&vapix.MemoryPins{}, nil), at(srv, mac), As(Credentials{User: "root", Password: stolen}), 0, st.add)
	var ve *vapix.Error
	if !errors.As(err, &ve) || ve.Kind != vapix.LockedOut || ve.RetryAfter != 600*time.Second {
		t.Fatalf("err %v, want LockedOut for 600 s", err)
	}
	if st.has(StepDeviceWait) || dev.Logins() != 1 {
		t.Errorf("the pause was waited for (%d logins)", dev.Logins())
	}
	plainlyExplained(t, err, "600 seconds")
	noPasswordReached(t, rec)
}

func TestAShortPauseTheCameraAsksForIsShownThenWaited(t *testing.T) {
	mac := freshMAC(t)
	rec := hostiletest.NewRecorder()
	dev := &hostiletest.Device{MAC: mac, Model: "M1075-L", LoginRetryAfter: 1}
	cert, _ := hostiletest.Certificate(t)
	srv := hostiletest.Serve(t, rec, dev, &cert)
	var st steps
	_, err := Restart(context.Background(), hostileEnv(&vapix.MemoryPins{}, nil), at(srv, mac), As(Credentials{User: "root", Password: stolen}), 0, st.add)
	if vapix.KindOf(err) != vapix.LockedOut {
		t.Fatalf("err %v", err)
	}
	var wait Progress
	for _, p := range st.all {
		if p.Step == StepDeviceWait {
			wait = p
		}
	}
	if wait.Wait != time.Second || !strings.Contains(wait.Message().String(), "1 s") || dev.Logins() != 2 {
		t.Errorf("pause reported %+v (%q), %d logins; want 1 s shown, then one more try", wait, wait.Message().String(), dev.Logins())
	}
	noPasswordReached(t, rec)
}

func TestAForbiddenAnonymousQuestionIsNotWaitedFor(t *testing.T) {
	mac := freshMAC(t)
	rec := hostiletest.NewRecorder()
	dev := &hostiletest.Device{MAC: mac, Model: "M1075-L", AnonymousRetryAfter: 3}
	cert, _ := hostiletest.Certificate(t)
	srv := hostiletest.Serve(t, rec, dev, &cert)
	var st steps
	_, err := Restart(context.Background(), hostileEnv(&vapix.MemoryPins{}, nil), at(srv, mac), As(Credentials{User: "root", Password: stolen}), 0, st.add)
	if vapix.KindOf(err) != vapix.LockedOut {
		t.Fatalf("err %v", err)
	}
	if st.has(StepDeviceWait) || dev.Logins() != 0 {
		t.Errorf("waited or logged in (%d logins)", dev.Logins())
	}
	noPasswordReached(t, rec)
}

func TestACameraOfferingOnlyHTTPIsNamedAndWarnedAboutBeforeAnyPassword(t *testing.T) {
	cam, err := camsim.New(camsim.Config{Generation: camsim.Gen11, HTTPSAddr: "off"})
	if err != nil {
		t.Fatal(err)
	}
	if err := cam.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cam.Close() })
	u, _ := url.Parse(cam.HTTPURL())
	rec := hostiletest.NewRecorder()
	// Someone on the network sees every byte on the way to the camera.
	watched := Target{Host: "127.0.0.1", HTTPPort: hostiletest.Relay(t, rec, u.Host), HTTPSPort: hostiletest.ClosedPort(t), MAC: cam.MAC()}

	s := newSite(t)
	var st steps
	asked := false
	s.env.ConfirmPlainHTTP = nil
	res := SetPassword(context.Background(), s.env, watched, PasswordRequest{User: "admin",
		Password: func(context.Context, *Camera) (string, error) { asked = true; return stolen, nil }}, st.add)
	if KindOf(res.Err) != Unencrypted || asked {
		t.Fatalf("err %v, asked %v; want Unencrypted before the password", res.Err, asked)
	}
	if !st.has(StepNoEncryption) || !cam.Snapshot().NeedsSetup || rec.InClear(stolen, "admin") || len(s.entries()) != 0 {
		t.Errorf("warned %v, camera %+v, journal %+v", st.has(StepNoEncryption), cam.Snapshot(), s.entries())
	}
	plainlyExplained(t, res.Err, "encrypted")

	// The user agrees: the warning, with the camera named, came before
	// the password was asked for, and nothing had gone out then.
	var mu sync.Mutex
	var order []string
	s.env.ConfirmPlainHTTP = func(_ context.Context, c *Camera) bool {
		mu.Lock()
		defer mu.Unlock()
		if c.MAC() != cam.MAC() || c.Model() == "" || c.Encrypted() {
			t.Errorf("confirmation asked about %q %q (encrypted %v)", c.MAC(), c.Model(), c.Encrypted())
		}
		if rec.InClear(stolen, "admin") {
			t.Error("the password had gone out before the user agreed")
		}
		order = append(order, "confirm")
		return true
	}
	res = SetPassword(context.Background(), s.env, watched, PasswordRequest{User: "admin",
		Password: func(context.Context, *Camera) (string, error) {
			mu.Lock()
			order = append(order, "password")
			mu.Unlock()
			return stolen, nil
		}}, nil)
	if res.Err != nil || strings.Join(order, ",") != "confirm,password" {
		t.Fatalf("err %v, order %v", res.Err, order)
	}
	// What the user was warned of: over plain HTTP the first password
	// can be read by anyone watching. (This also proves the recorder sees
	// it when it is there.)
	if !rec.InClear(stolen, "admin") {
		t.Error("the recorder missed a password sent in clear")
	}
	if es := s.entries(); len(es) != 1 || es[0].Action != journal.SetPassword || es[0].Outcome != journal.Done {
		t.Errorf("journal %+v", es)
	}
}

func TestAGenuineCameraOfferingHTTPSGetsItsPasswordsOnlyEncrypted(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, nil)
	https, _ := url.Parse(cam.HTTPSURL())
	plain, _ := url.Parse(cam.HTTPURL())
	tlsRec, plainRec := hostiletest.NewRecorder(), hostiletest.NewRecorder()
	target := Target{
		Host:      "127.0.0.1",
		HTTPPort:  hostiletest.Relay(t, plainRec, plain.Host),
		HTTPSPort: hostiletest.Relay(t, tlsRec, https.Host),
		MAC:       cam.MAC(),
	}
	s := newSite(t)
	s.env.ConfirmPlainHTTP = nil
	res := SetPassword(context.Background(), s.env, target, PasswordRequest{User: "admin", Password: Password(stolen)}, nil)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if _, err := Backup(context.Background(), s.env, target, As(Credentials{User: "admin", Password: stolen}), s.dir+"/", nil); err != nil {
		t.Fatal(err)
	}
	if tlsRec.Connections() == 0 || tlsRec.InClear(stolen, "admin") {
		t.Errorf("%d TLS connections; password in clear: %v", tlsRec.Connections(), tlsRec.InClear(stolen, "admin"))
	}
	if n := plainRec.Connections(); n != 0 {
		t.Errorf("%d connections over plain HTTP to a camera that offers HTTPS", n)
	}
	s.noSecretsOnDisk(stolen)
}

func TestNoCertificateListMeansAQuestionNotPlainHTTP(t *testing.T) {
	cam := startCamera(t, camsim.Gen11, nil)
	env := Env{Connect: NewConnector(nil, 5*time.Second), ConfirmPlainHTTP: func(context.Context, *Camera) bool { return true }}
	res := SetPassword(context.Background(), env, targetOf(t, cam), PasswordRequest{User: "admin", Password: Password(stolen)}, nil)
	if KindOf(res.Err) != NoPinStore || !cam.Snapshot().NeedsSetup {
		t.Fatalf("err %v; camera %+v", res.Err, cam.Snapshot())
	}
	plainlyExplained(t, res.Err, "certificates")
}
