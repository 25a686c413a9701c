package camsim_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/icholy/digest"

	"github.com/openipu/openipu/core/camsim"
)

const paramList = "/axis-cgi/param.cgi?action=list&group=Brand"

func TestDigestLoginWithTheRightPasswordSucceedsAndEachIsCounted(t *testing.T) {
	for _, g := range camsim.Generations {
		t.Run(string(g), func(t *testing.T) {
			t.Parallel()
			cam := startCam(t, camsim.Config{Generation: g, Admin: &camsim.Account{User: firstUser(g), Password: "right"}})
			if r := call(t, digestClient(firstUser(g), "right"), http.MethodGet, cam.HTTPURL()+paramList, "", ""); r.status != http.StatusOK ||
				!strings.HasPrefix(r.body, "root.Brand.Brand=AXIS\n") {
				t.Errorf("right password: %d %q", r.status, r.body)
			}
			r := call(t, digestClient(firstUser(g), "wrong"), http.MethodGet, cam.HTTPURL()+paramList, "", "")
			if r.status != http.StatusUnauthorized || r.header.Get("Axis-Setup") != "" ||
				!strings.HasPrefix(r.header.Get("WWW-Authenticate"), `Digest realm="AXIS_`+cam.MAC()+`"`) {
				t.Errorf("wrong password: %d %v", r.status, r.header)
			}
			if n := cam.Snapshot().FailedLogins; n != 1 {
				t.Errorf("FailedLogins = %d, want 1", n)
			}
			if n := cam.Snapshot().Logins; n != 1 {
				t.Errorf("Logins = %d, want 1: the right password once, the wrong one not at all", n)
			}
		})
	}
}

// challenge fetches a fresh digest challenge.
func challenge(t *testing.T, cam *camsim.Camera) *digest.Challenge {
	t.Helper()
	r := call(t, plainClient(), http.MethodGet, cam.HTTPURL()+paramList, "", "")
	c, err := digest.FindChallenge(r.header)
	if err != nil {
		t.Fatalf("no challenge in %v: %v", r.header, err)
	}
	return c
}

// withCredentials sends one request with hand-made digest credentials.
func withCredentials(t *testing.T, cam *camsim.Camera, chal *digest.Challenge, nc int, user, pwd string) reply {
	t.Helper()
	uri := paramList
	cred, err := digest.Digest(chal, digest.Options{Method: http.MethodGet, URI: uri, Count: nc, Username: user, Password: pwd})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), requestTimeout)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, cam.HTTPURL()+uri, nil)
	req.Header.Set("Authorization", cred.String())
	res, err := plainClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return reply{status: res.StatusCode, header: res.Header}
}

func TestExpiredNonceGets401WithStaleTrueAndTheClientRecovers(t *testing.T) {
	const lifetime = 300 * time.Millisecond
	cam := startCam(t, camsim.Config{Admin: &camsim.Account{User: "admin", Password: "pw"}, NonceLifetime: lifetime})
	asked := time.Now()
	chal := challenge(t, cam)
	// A refusal is only wrong if it came within the nonce's lifetime.
	if r := withCredentials(t, cam, chal, 1, "admin", "pw"); r.status != http.StatusOK && time.Since(asked) <= lifetime {
		t.Fatalf("fresh nonce: %d", r.status)
	}
	// Issued before the challenge came back, the nonce is past its
	// lifetime once that much more has gone by.
	time.Sleep(lifetime + time.Millisecond)
	r := withCredentials(t, cam, chal, 2, "admin", "pw")
	next, err := digest.FindChallenge(r.header)
	if r.status != http.StatusUnauthorized || err != nil || !next.Stale || next.Nonce == chal.Nonce {
		t.Fatalf("expired nonce: %d, challenge %+v (%v)", r.status, next, err)
	}
	if n := cam.Snapshot().FailedLogins; n != 0 {
		t.Errorf("a stale nonce counted as a failed login (%d)", n)
	}
	// A digest client re-answers the stale challenge by itself: the nonce
	// it holds from its first request has expired by its second.
	c := digestClient("admin", "pw")
	if r := call(t, c, http.MethodGet, cam.HTTPURL()+paramList, "", ""); r.status != http.StatusOK {
		t.Fatalf("first request: %d", r.status)
	}
	time.Sleep(lifetime + time.Millisecond)
	if r := call(t, c, http.MethodGet, cam.HTTPURL()+paramList, "", ""); r.status != http.StatusOK {
		t.Fatalf("request after the nonce expired: %d", r.status)
	}
	if n := cam.Snapshot().FailedLogins; n != 0 {
		t.Errorf("the digest client's stale nonce counted as a failed login (%d)", n)
	}
}

func TestReplayedNonceCountIsRefusedButOutOfOrderCountsAreAccepted(t *testing.T) {
	cam := startCam(t, camsim.Config{Admin: &camsim.Account{User: "admin", Password: "pw"}})
	chal := challenge(t, cam)
	for _, step := range []struct {
		nc   int
		want int
	}{{1, 200}, {3, 200}, {2, 200}, {3, 401}, {1, 401}, {4, 200}} {
		if r := withCredentials(t, cam, chal, step.nc, "admin", "pw"); r.status != step.want {
			t.Errorf("nc=%d: %d, want %d", step.nc, r.status, step.want)
		}
	}
}

func TestNonceFromAnotherBootOrCameraIsNotAccepted(t *testing.T) {
	a := startCam(t, camsim.Config{Admin: &camsim.Account{User: "admin", Password: "pw"}})
	b := startCam(t, camsim.Config{Admin: &camsim.Account{User: "admin", Password: "pw"}, MAC: a.MAC()})
	chal := challenge(t, a)
	if r := withCredentials(t, b, chal, 1, "admin", "pw"); r.status != http.StatusUnauthorized {
		t.Errorf("nonce from another camera with the same realm: %d", r.status)
	}
}

func TestHTTPSAcceptsBasicAndHTTPOnlyDigest(t *testing.T) {
	cam := startCam(t, camsim.Config{Generation: camsim.Gen10, Admin: &camsim.Account{User: "root", Password: "pw"}})
	basic := func(base string) reply {
		ctx, cancel := context.WithTimeout(context.Background(), requestTimeout)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+paramList, nil)
		req.SetBasicAuth("root", "pw")
		res, err := plainClient().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return reply{status: res.StatusCode, header: res.Header}
	}
	if r := basic(cam.HTTPSURL()); r.status != http.StatusOK {
		t.Errorf("Basic over HTTPS: %d", r.status)
	}
	r := basic(cam.HTTPURL())
	if r.status != http.StatusUnauthorized {
		t.Errorf("Basic over HTTP: %d", r.status)
	}
	for _, v := range r.header.Values("WWW-Authenticate") {
		if strings.HasPrefix(v, "Basic") {
			t.Errorf("HTTP offers Basic: %q", v)
		}
	}
	// HTTPS offers Basic first and Digest after it; digest clients still work.
	tls := call(t, plainClient(), http.MethodGet, cam.HTTPSURL()+paramList, "", "").header.Values("WWW-Authenticate")
	if len(tls) != 2 || tls[0] != `Basic realm="AXIS_`+cam.MAC()+`"` || !strings.HasPrefix(tls[1], "Digest ") {
		t.Errorf("HTTPS challenges %q", tls)
	}
	if r := call(t, digestClient("root", "pw"), http.MethodGet, cam.HTTPSURL()+paramList, "", ""); r.status != http.StatusOK {
		t.Errorf("Digest over HTTPS: %d", r.status)
	}
}

func TestAuthenticationPolicyBasicSwitchesHTTPToBasic(t *testing.T) {
	cam := startCam(t, camsim.Config{Admin: &camsim.Account{User: "admin", Password: "pw"}})
	r := call(t, digestClient("admin", "pw"), http.MethodGet, cam.HTTPURL()+"/axis-cgi/param.cgi?action=update&Network.HTTP.AuthenticationPolicy=basic", "", "")
	if r.body != "OK" {
		t.Fatalf("update policy: %q", r.body)
	}
	h := call(t, plainClient(), http.MethodGet, cam.HTTPURL()+paramList, "", "").header.Values("WWW-Authenticate")
	if len(h) != 1 || !strings.HasPrefix(h[0], "Basic ") {
		t.Errorf("challenges under policy basic: %q", h)
	}
}
