package main

import (
	"errors"
	"net/netip"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/workflow"
)

func TestAddressesPeopleTypeAreRead(t *testing.T) {
	for text, want := range map[string]typedAddress{
		"192.168.0.90":                {host: "192.168.0.90"},
		" 192.168.0.90:8080 ":         {host: "192.168.0.90", port: 8080},
		"http://192.168.0.90/":        {scheme: "http", host: "192.168.0.90"},
		"HTTPS://10.0.0.5:8443":       {scheme: "https", host: "10.0.0.5", port: 8443},
		"fe80::1":                     {host: "fe80::1"},
		"fe80::1%eth0":                {host: "fe80::1%eth0"},
		"[fe80::1%eth0]:8080":         {host: "fe80::1%eth0", port: 8080},
		"axis-accc8e270ad8.local":     {host: "axis-accc8e270ad8.local"},
		"camera-3":                    {host: "camera-3"},
		"CAMERA3.site.example.":       {host: "CAMERA3.site.example."},
		"reception.example.com:65535": {host: "reception.example.com", port: 65535},
	} {
		got, err := parseAddress(text)
		if err != nil || got != want {
			t.Errorf("%q: %+v, %v; want %+v", text, got, err, want)
		}
	}
}

func TestAddressesThatCannotBeACameraAreRefusedWithoutBeingRepeated(t *testing.T) {
	for _, text := range []string{
		"999.1.1.1", "10.0.0", "10.0.0.256:80",
		"10.0.0.5:0", "10.0.0.5:99999", "10.0.0.5:", "10.0.0.5:08080", "10.0.0.5:+80", "10.0.0.5:http",
		"Quartz-Zebra 42", "hunter2!", "Tr0ub4dor", "p@ssw0rd", "S3cret%Pass",
		"http://10.0.0.5/axis-cgi/", "ftp://10.0.0.5", "fe80::1:8080:zz", "[10.0.0.5]:80",
		"-camera", "camera-", "a..b", strings.Repeat("a", 64) + ".local", "router.123",
	} {
		_, err := parseAddress(text)
		var ue *usageError
		if !errors.As(err, &ue) {
			t.Errorf("%q: %v, want a usage error", text, err)
			continue
		}
		if len(text) >= 4 && strings.Contains(ue.msg, strings.TrimSpace(text)) {
			t.Errorf("%q is repeated in the message: %s", text, ue.msg)
		}
	}
}

func TestAnAddressThatLooksLikeAPasswordIsNeitherLookedUpNorRecorded(t *testing.T) {
	h := newHarness(t)
	h.stdin = adminPassword + "\n"
	for _, args := range [][]string{
		{"set-password", "Quartz-Zebra 42", "--user", "admin"},
		{"restart", "Tr0ub4dor", "--user", "root"},
		{"factory-default", "999.1.1.1", "--user", "root", "--mode", "soft", "--yes"},
		{"info", "10.0.0.5:99999"},
		{"backup", "10.0.0.5:0", "--user", "root"},
	} {
		r := h.run(args...)
		if r.code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, r.code, exitUsage)
		}
		if strings.Contains(r.stderr, "Nothing answered") {
			t.Errorf("%v: looked up: %s", args, r.stderr)
		}
	}
	if es := h.entries(); len(es) != 0 {
		t.Errorf("journal %+v", es)
	}
	h.assertSecretNowhere("Quartz-Zebra 42")
	h.assertSecretNowhere("Tr0ub4dor")
}

func TestATypedPortIsAskedForHTTPSFirstUnlessASchemeIsForced(t *testing.T) {
	for _, tc := range []struct {
		text        string
		https, http bool
		want        workflow.Target
	}{
		{"10.0.0.5", false, false, workflow.Target{Host: "10.0.0.5"}},
		{"10.0.0.5:80", false, false, workflow.Target{Host: "10.0.0.5", HTTPPort: 80}},
		{"10.0.0.5:443", false, false, workflow.Target{Host: "10.0.0.5", HTTPSPort: 443}},
		{"10.0.0.5:8080", false, false, workflow.Target{Host: "10.0.0.5", HTTPPort: 8080, HTTPSPort: 8080}},
		{"http://10.0.0.5", false, false, workflow.Target{Host: "10.0.0.5"}},
		{"10.0.0.5", true, false, workflow.Target{Host: "10.0.0.5", Scheme: workflow.HTTPS}},
		{"https://10.0.0.5:8443", false, false, workflow.Target{Host: "10.0.0.5", Scheme: workflow.HTTPS, HTTPSPort: 8443}},
		{"10.0.0.5:8080", false, true, workflow.Target{Host: "10.0.0.5", Scheme: workflow.HTTP, HTTPPort: 8080}},
	} {
		a, err := parseAddress(tc.text)
		if err != nil {
			t.Fatal(err)
		}
		got, err := a.target(tc.https, tc.http)
		if err != nil || got != tc.want {
			t.Errorf("%q https=%v http=%v: %+v, %v; want %+v", tc.text, tc.https, tc.http, got, err, tc.want)
		}
	}
	for _, tc := range []struct {
		text        string
		https, http bool
	}{{"10.0.0.5", true, true}, {"https://10.0.0.5", false, true}, {"http://10.0.0.5", true, false}} {
		a, _ := parseAddress(tc.text)
		if _, err := a.target(tc.https, tc.http); err == nil {
			t.Errorf("%q https=%v http=%v: no contradiction found", tc.text, tc.https, tc.http)
		}
	}
}

func FuzzParseAddress(f *testing.F) {
	for _, s := range []string{"192.168.0.90", "10.0.0.5:8080", "https://[fe80::1%eth0]:8443/", "axis-cam.local", "999.1.1.1", "Quartz-Zebra 42", "a:b:c", "[", "http://"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		a, err := parseAddress(text)
		if err != nil {
			return
		}
		if a.host == "" || a.port < 0 || a.port > 65535 {
			t.Fatalf("%q read as %+v", text, a)
		}
		if _, err := netip.ParseAddr(a.host); err != nil {
			for _, l := range strings.Split(strings.TrimSuffix(a.host, "."), ".") {
				if !isLabel(l) {
					t.Fatalf("%q gave host %q with label %q", text, a.host, l)
				}
			}
		}
		// What the workflows are given reads back the same.
		tg, err := a.target(false, false)
		if err != nil {
			t.Fatal(err)
		}
		again, err := parseAddress(tg.Address())
		if err != nil || again.host != a.host || (a.port != 0 && a.port != 80 && a.port != 443 && again.port != a.port) {
			t.Fatalf("%q → %q → %+v, %v", text, tg.Address(), again, err)
		}
	})
}
