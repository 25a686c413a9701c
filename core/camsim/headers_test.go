package camsim_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/camsim"
)

func TestEveryReplyCarriesTheGenerationsDefaultHeaders(t *testing.T) {
	for _, g := range camsim.Generations {
		t.Run(string(g), func(t *testing.T) {
			t.Parallel()
			cam := startCam(t, camsim.Config{Generation: g})
			replies := map[string]reply{
				"systemready": systemReady(t, cam),
				"401":         call(t, plainClient(), http.MethodGet, cam.HTTPURL()+"/axis-cgi/param.cgi?action=list", "", ""),
				"404":         call(t, plainClient(), http.MethodGet, cam.HTTPURL()+"/no/such/page", "", ""),
				"https":       systemReadyOver(t, cam.HTTPSURL()),
			}
			for name, r := range replies {
				h := r.header
				if !strings.HasPrefix(h.Get("Server"), "Apache/2.4.") || !strings.Contains(h.Get("Server"), "(Unix) OpenSSL/") {
					t.Errorf("%s: Server %q", name, h.Get("Server"))
				}
				for k, v := range map[string]string{"X-Frame-Options": "SAMEORIGIN", "X-Content-Type-Options": "nosniff", "X-XSS-Protection": "1; mode=block"} {
					if h.Get(k) != v {
						t.Errorf("%s: %s = %q, want %q", name, k, h.Get(k), v)
					}
				}
				if h.Get("Date") == "" {
					t.Errorf("%s: no Date", name)
				}
				modern := g != camsim.Gen10
				if (h.Get("Content-Security-Policy") != "") != modern || (h.Get("Referrer-Policy") == "strict-origin-when-cross-origin") != modern {
					t.Errorf("%s: CSP %q, Referrer-Policy %q (11.5+ only)", name, h.Get("Content-Security-Policy"), h.Get("Referrer-Policy"))
				}
			}
		})
	}
}

func systemReadyOver(t *testing.T, base string) reply {
	t.Helper()
	return postJSON(t, plainClient(), base+"/axis-cgi/systemready.cgi", `{"apiVersion":"1","method":"systemready"}`)
}
