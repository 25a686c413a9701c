package vapix_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openipu/openipu/core/vapix"
)

func TestCameraURLBracketsIPv6KeepsTheZoneAndLeavesOutTheSchemesPort(t *testing.T) {
	cases := []struct {
		https bool
		addr  string
		port  int
		want  string
	}{
		{false, "10.0.0.5", 0, "http://10.0.0.5/"},
		{false, "10.0.0.5", 80, "http://10.0.0.5/"},
		{false, "10.0.0.5", 8080, "http://10.0.0.5:8080/"},
		{false, "10.0.0.5", 443, "http://10.0.0.5:443/"},
		{true, "10.0.0.5", 0, "https://10.0.0.5/"},
		{true, "10.0.0.5", 443, "https://10.0.0.5/"},
		{true, "10.0.0.5", 80, "https://10.0.0.5:80/"},
		{false, "::ffff:10.0.0.5", 0, "http://10.0.0.5/"},
		{false, "2001:db8::5", 0, "http://[2001:db8::5]/"},
		{false, "2001:db8::5", 8080, "http://[2001:db8::5]:8080/"},
		{false, "fe80::1%eth0", 0, "http://[fe80::1%25eth0]/"},
		{true, "fe80::1%eth0", 443, "https://[fe80::1%25eth0]/"},
		{true, "fe80::1%eth0", 8443, "https://[fe80::1%25eth0]:8443/"},
		{true, "fe80::1%Ethernet 2", 8443, "https://[fe80::1%25Ethernet%202]:8443/"},
	}
	for _, tc := range cases {
		addr := netip.MustParseAddr(tc.addr)
		got := vapix.CameraURL(tc.https, addr, tc.port)
		if got != tc.want {
			t.Errorf("CameraURL(%v, %s, %d) = %q, want %q", tc.https, tc.addr, tc.port, got, tc.want)
			continue
		}
		// What a browser or New reads back is the same address and port.
		u, err := url.Parse(got)
		if err != nil {
			t.Errorf("%q does not parse: %v", got, err)
			continue
		}
		if back, err := netip.ParseAddr(u.Hostname()); err != nil || back != addr.Unmap() {
			t.Errorf("%q reads back as host %q (%v), want %s", got, u.Hostname(), err, addr.Unmap())
		}
	}
}

func TestCameraURLOfNoAddressIsEmpty(t *testing.T) {
	if got := vapix.CameraURL(false, netip.Addr{}, 0); got != "" {
		t.Errorf("CameraURL of the zero address = %q, want \"\"", got)
	}
}

func TestNewAcceptsCameraURLAndKeepsItsAddressPortAndZone(t *testing.T) {
	for _, a := range []string{"10.0.0.5", "2001:db8::5", "fe80::1%eth0"} {
		for _, https := range []bool{false, true} {
			for _, port := range []int{0, 8443} {
				addr := netip.MustParseAddr(a)
				target := vapix.CameraURL(https, addr, port)
				c, err := vapix.New(target, vapix.Options{})
				if err != nil {
					t.Errorf("New(%q): %v", target, err)
					continue
				}
				c.Close()
				wantPort := port
				if wantPort == 0 {
					wantPort = map[bool]int{false: 80, true: 443}[https]
				}
				u, err := url.Parse(c.BaseURL())
				if err != nil || u.Hostname() != addr.String() || u.Port() != strconv.Itoa(wantPort) {
					t.Errorf("New(%q) talks to %q (%v), want host %s port %d", target, c.BaseURL(), err, addr, wantPort)
				}
			}
		}
	}
}

// readyServer answers systemready.cgi as a ready camera would and counts
// the calls.
func readyServer(calls *atomic.Int32) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if r.URL.Path != "/axis-cgi/systemready.cgi" {
			http.NotFound(w, r)
			return
		}
		calls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = fmt.Fprint(w, `{"apiVersion":"1.4","method":"systemready","data":{"systemready":"yes","needsetup":"no"}}`)
	})
}

func TestAClientMadeFromCameraURLReachesTheCamera(t *testing.T) {
	for _, https := range []bool{false, true} {
		t.Run("https="+strconv.FormatBool(https), func(t *testing.T) {
			var calls atomic.Int32
			srv := httptest.NewUnstartedServer(readyServer(&calls))
			if https {
				srv.StartTLS()
			} else {
				srv.Start()
			}
			t.Cleanup(srv.Close)
			ap, err := netip.ParseAddrPort(srv.Listener.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			target := vapix.CameraURL(https, ap.Addr(), int(ap.Port()))
			c := newClient(t, target, vapix.Options{AcceptNewCertificate: true})
			defer c.Close()
			s, err := c.SystemReady(testCtx(t, 10*time.Second))
			if err != nil {
				t.Fatalf("SystemReady through %q: %v", target, err)
			}
			if !s.Ready || calls.Load() != 1 {
				t.Errorf("ready %v after %d calls, want the camera's answer from one call", s.Ready, calls.Load())
			}
		})
	}
}
