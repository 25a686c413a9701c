package vapix_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/vapix"
)

// Test cameras keep real behaviour but short lifecycles, so a reset test
// waits seconds, not minutes.
const (
	testGoDown   = 50 * time.Millisecond
	testDowntime = 1500 * time.Millisecond
	// 10.12 reports neither boot id nor uptime: the client must see it
	// down, and it polls once a second, so it must stay down longer.
	testDowntimeGen10 = 2500 * time.Millisecond
	testPassword      = "s3cret pass&#+%"
)

func startCam(t testing.TB, cfg camsim.Config) *camsim.Camera {
	t.Helper()
	if cfg.GoDownAfter == 0 {
		cfg.GoDownAfter = testGoDown
	}
	if cfg.ResetDowntime == 0 {
		cfg.ResetDowntime = testDowntime
		if cfg.Generation == camsim.Gen10 {
			cfg.ResetDowntime = testDowntimeGen10
		}
	}
	if cfg.BootingFor == 0 {
		cfg.BootingFor = 300 * time.Millisecond
	}
	cam, err := camsim.New(cfg)
	if err != nil {
		t.Fatalf("camsim.New: %v", err)
	}
	if err := cam.Start(); err != nil {
		t.Fatalf("camsim Start: %v", err)
	}
	t.Cleanup(func() { _ = cam.Close() })
	return cam
}

// setUpCam is a camera that already has an administrator.
func setUpCam(t testing.TB, gen camsim.Generation) *camsim.Camera {
	return startCam(t, camsim.Config{Generation: gen, Admin: &camsim.Account{User: "root", Password: testPassword}})
}

func newClient(t testing.TB, target string, opts vapix.Options) *vapix.Client {
	t.Helper()
	c, err := vapix.New(target, opts)
	if err != nil {
		t.Fatalf("vapix.New(%q): %v", target, err)
	}
	return c
}

func testCtx(t testing.TB, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// scheme is one way of reaching a camera.
type scheme struct {
	name string
	url  func(*camsim.Camera) string
}

var schemes = []scheme{
	{"http", (*camsim.Camera).HTTPURL},
	{"https", (*camsim.Camera).HTTPSURL},
}

// forEachCamera runs f for every firmware generation over HTTP and HTTPS,
// in parallel: each case has its own simulated camera.
func forEachCamera(t *testing.T, f func(t *testing.T, gen camsim.Generation, sc scheme)) {
	for _, gen := range camsim.Generations {
		for _, sc := range schemes {
			t.Run(string(gen)+"/"+sc.name, func(t *testing.T) {
				t.Parallel()
				f(t, gen, sc)
			})
		}
	}
}

func wantKind(t testing.TB, err error, k vapix.Kind) {
	t.Helper()
	if vapix.KindOf(err) != k {
		t.Fatalf("err = %v (kind %v), want kind %v", err, vapix.KindOf(err), k)
	}
}

// firmwareVariant is a loopback HTTP proxy in front of a simulated camera
// that makes it behave like firmware the simulator does not model: without
// the JSON APIs (before 7.40 for firmware management), or refusing
// anonymous basic device information (FIELD12's account of 12.x). Everything
// else, digest included, is the camera's own answer.
type firmwareVariant struct {
	noJSONAPIs bool
	bdiEmpty   bool // anonymous BDI answers an empty propertyList
	bdi401     bool // anonymous BDI answers the camera's own 401 challenge
}

func (v firmwareVariant) start(t testing.TB, cam *camsim.Camera) string {
	t.Helper()
	target, err := url.Parse(cam.HTTPURL())
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		anonymous := r.Header.Get("Authorization") == ""
		var body []byte
		if r.Body != nil {
			body, _ = io.ReadAll(io.LimitReader(r.Body, 1<<20))
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		// Only the unrestricted call is anonymous on a real camera; the
		// others are challenged anyway.
		unrestricted := r.URL.Path == "/axis-cgi/basicdeviceinfo.cgi" && bytes.Contains(body, []byte("getAllUnrestrictedProperties"))
		switch {
		case v.noJSONAPIs && (r.URL.Path == "/axis-cgi/firmwaremanagement.cgi" || r.URL.Path == "/axis-cgi/network_settings.cgi"):
			_, _ = io.Copy(io.Discard, r.Body)
			http.Error(w, "Not Found", http.StatusNotFound)
			return
		case v.bdiEmpty && anonymous && unrestricted:
			_, _ = io.Copy(io.Discard, r.Body)
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"apiVersion": "1.3", "data": {"propertyList": {}}}`)
			return
		case v.bdi401 && anonymous && unrestricted:
			// The camera's own refusal of an anonymous protected call,
			// challenge and all.
			_, _ = io.Copy(io.Discard, r.Body)
			r2 := r.Clone(r.Context())
			r2.Method, r2.Body, r2.ContentLength = http.MethodGet, http.NoBody, 0
			r2.URL.Path, r2.URL.RawQuery = "/axis-cgi/param.cgi", "action=list&group=Brand"
			proxy.ServeHTTP(w, r2)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func noPassword(t testing.TB, err error, password string) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), password) {
		t.Fatalf("error text contains the password: %v", err)
	}
}
