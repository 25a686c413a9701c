package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/workflow"
)

func TestAnAddressThatLooksLikeAPasswordIsNeitherLookedUpNorRecorded(t *testing.T) {
	h := newHarness(t)
	h.stdin = adminPassword + "\n"
	for _, args := range [][]string{
		{"set-password", "Quartz-Zebra 42", "--user", "admin"},
		{"restart", "Tr0ub4dor", "--user", "root"},
		{"factory-default", "999.1.1.1", "--user", "root", "--mode", "soft", "--yes"},
		{"info", "10.0.0.5:99999"},
		{"backup", "10.0.0.5:0", "--user", "root"},
		{"discover", "--add", "Tr0ub4dor", "--timeout", "2s"},
	} {
		r := h.run(args...)
		if r.code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, r.code, exitUsage)
		}
		if strings.Contains(r.stderr, "Nothing answered") || strings.Contains(r.stderr, "Searching") {
			t.Errorf("%v: looked up: %s", args, r.stderr)
		}
	}
	if es := h.entries(); len(es) != 0 {
		t.Errorf("journal %+v", es)
	}
	h.assertSecretNowhere("Quartz-Zebra 42")
	h.assertSecretNowhere("Tr0ub4dor")
}

func TestARefusedAddressIsExplainedWithItsReasonAndTheCommandLinesWayToGiveAUser(t *testing.T) {
	h := newHarness(t)
	r := h.run("info", "--json", "Tr0ub4dor")
	var doc jsonFailure
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || r.code != exitUsage {
		t.Fatalf("exit %d, stdout %q: %v", r.code, r.stdout, err)
	}
	if doc.OK || doc.Error.Key != "camaddr.looks_like_password" || !strings.Contains(r.stderr, "looks like a password") {
		t.Errorf("explained as %+v, stderr %q", doc, r.stderr)
	}
	r = h.run("restart", "root:Tr0ub4dor@10.0.0.5", "--user", "root")
	if r.code != exitUsage || !strings.Contains(r.stderr, "must not hold a user name or password") || !strings.Contains(r.stderr, "--user") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
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
		got, err := target(a, tc.https, tc.http)
		if err != nil || got != tc.want {
			t.Errorf("%q https=%v http=%v: %+v, %v; want %+v", tc.text, tc.https, tc.http, got, err, tc.want)
		}
	}
	for _, tc := range []struct {
		text        string
		https, http bool
	}{{"10.0.0.5", true, true}, {"https://10.0.0.5", false, true}, {"http://10.0.0.5", true, false}} {
		a, _ := parseAddress(tc.text)
		if _, err := target(a, tc.https, tc.http); err == nil {
			t.Errorf("%q https=%v http=%v: no contradiction found", tc.text, tc.https, tc.http)
		}
	}
}

func FuzzTargetOfAnAddressReadsBackTheSame(f *testing.F) {
	for _, s := range []string{"192.168.0.90", "10.0.0.5:8080", "https://[fe80::1%eth0]:8443/", "axis-cam.local", "10.0.0.5:80", "http://cam:443"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		a, err := parseAddress(text)
		if err != nil {
			return
		}
		tg, err := target(a, false, false)
		if err != nil {
			t.Fatal(err)
		}
		again, err := parseAddress(tg.Address())
		if err != nil || again.Host != a.Host || (a.Port != 0 && a.Port != 80 && a.Port != 443 && again.Port != a.Port) {
			t.Fatalf("%q → %q → %+v, %v", text, tg.Address(), again, err)
		}
	})
}
