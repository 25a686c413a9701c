package camsim_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/camsim"
)

const pwdgrpPath = "/axis-cgi/pwdgrp.cgi"

// pwdgrpPage is the recorded wrapper (ACAPRS add_10_12_initial_response.html).
func pwdgrpPage(msg string) string {
	return "<html><head><title>User accounts</title></head><body bgcolor=#ffffff>" + msg + "\n</body>\n\n</html>\n"
}

var nonceForm = regexp.MustCompile(`nonce="[A-Za-z0-9+/]{11}=[0-9a-f]{40}"`)

func TestFactoryNewCameraAnswersProtectedCGIsWith401AxisSetupAndADigestChallenge(t *testing.T) {
	for _, g := range camsim.Generations {
		t.Run(string(g), func(t *testing.T) {
			t.Parallel()
			cam := startCam(t, camsim.Config{Generation: g})
			base := cam.HTTPURL()
			for _, req := range []struct{ method, path, body string }{
				{http.MethodGet, "/axis-cgi/param.cgi?action=list", ""},
				{http.MethodGet, "/axis-cgi/factorydefault.cgi", ""},
				{http.MethodGet, "/axis-cgi/restart.cgi", ""},
				{http.MethodPost, "/axis-cgi/firmwaremanagement.cgi", `{"apiVersion":"1.0","method":"factoryDefault"}`},
				{http.MethodPost, "/axis-cgi/network_settings.cgi", `{"apiVersion":"1.0","method":"getNetworkInfo"}`},
				{http.MethodPost, bdiPath, `{"apiVersion":"1.0","method":"getAllProperties"}`},
			} {
				r := call(t, plainClient(), req.method, base+req.path, "application/json", req.body)
				chal := r.header.Get("WWW-Authenticate")
				if r.status != http.StatusUnauthorized || r.header.Get("Axis-Setup") != "vapix" {
					t.Errorf("%s: %d, Axis-Setup %q", req.path, r.status, r.header.Get("Axis-Setup"))
				}
				if !strings.HasPrefix(chal, `Digest realm="AXIS_`+cam.MAC()+`", nonce="`) ||
					!strings.HasSuffix(chal, `", algorithm=MD5, qop="auth"`) || !nonceForm.MatchString(chal) {
					t.Errorf("%s: challenge %q", req.path, chal)
				}
			}
			if cam.Snapshot().Resets != 0 {
				t.Error("an unauthenticated request reset the camera")
			}
		})
	}
}

func TestPwdgrpRefusesAnythingButAddUntilTheFirstAdministratorExists(t *testing.T) {
	cam := startCam(t, camsim.Config{Generation: camsim.Gen12})
	for _, q := range []string{"action=get", "action=remove&user=root", "action=update&user=root&pwd=x", ""} {
		r := call(t, plainClient(), http.MethodGet, cam.HTTPURL()+pwdgrpPath+"?"+q, "", "")
		if r.status != http.StatusUnauthorized || r.body != pwdgrpPage("Error: initial admin user must be created first.") ||
			r.header.Get("Axis-Setup") != "vapix" {
			t.Errorf("%q: %d %q", q, r.status, r.body)
		}
	}
}

func addFirst(t *testing.T, cam *camsim.Camera, q url.Values) reply {
	t.Helper()
	return call(t, plainClient(), http.MethodGet, cam.HTTPURL()+pwdgrpPath+"?"+q.Encode(), "", "")
}

func initialArgs(user, pwd string) url.Values {
	return url.Values{"action": {"add"}, "user": {user}, "pwd": {pwd}, "grp": {"root"}, "sgrp": {"admin:operator:viewer:ptz"}}
}

func TestFirstAccountOn1012MustBeRootWithFullAdminRole(t *testing.T) {
	cam := startCam(t, camsim.Config{Generation: camsim.Gen10})
	notValid := pwdgrpPage("Error: not a valid initial admin user.")
	for name, q := range map[string]url.Values{
		"custom name":  initialArgs("admin", "pw"),
		"with comment": func() url.Values { v := initialArgs("root", "pw"); v.Set("comment", "boss"); return v }(),
		"group users":  func() url.Values { v := initialArgs("root", "pw"); v.Set("grp", "users"); return v }(),
		"no ptz":       func() url.Values { v := initialArgs("root", "pw"); v.Set("sgrp", "admin:operator:viewer"); return v }(),
	} {
		r := addFirst(t, cam, q)
		if r.status != http.StatusUnauthorized || r.body != notValid {
			t.Errorf("%s: %d %q", name, r.status, r.body)
		}
	}
	// Group order does not matter (VAPIX: "the group names can be in any order").
	q := initialArgs("root", "Good morning")
	q.Set("sgrp", "ptz:viewer:admin:operator")
	r := addFirst(t, cam, q)
	if r.status != http.StatusOK || r.body != pwdgrpPage("Created account root.") || r.header.Get("Content-Type") != "text/html" {
		t.Fatalf("root: %d %q %q", r.status, r.body, r.header.Get("Content-Type"))
	}
	s := cam.Snapshot()
	if s.NeedsSetup || len(s.Users) != 1 || s.Users[0] != "root" {
		t.Errorf("after setup: %+v", s)
	}
}

func TestFirstAccountOn1111And129MayHaveACustomName(t *testing.T) {
	for _, g := range []camsim.Generation{camsim.Gen11, camsim.Gen12} {
		t.Run(string(g), func(t *testing.T) {
			t.Parallel()
			cam := startCam(t, camsim.Config{Generation: g})
			viewer := initialArgs("Installer1", "pw")
			viewer.Set("sgrp", "viewer")
			if r := addFirst(t, cam, viewer); r.status != http.StatusUnauthorized || r.body != pwdgrpPage("Error: not a valid initial admin user.") {
				t.Errorf("viewer as first account: %d %q", r.status, r.body)
			}
			if r := addFirst(t, cam, initialArgs("Installer1", "pw")); r.status != http.StatusOK || r.body != pwdgrpPage("Created account Installer1.") {
				t.Fatalf("custom first account: %d %q", r.status, r.body)
			}
			if s := cam.Snapshot(); s.NeedsSetup || s.Users[0] != "Installer1" {
				t.Errorf("after setup: %+v", s)
			}
			// The anonymous door is now shut.
			if r := addFirst(t, cam, initialArgs("intruder", "pw")); r.status != http.StatusUnauthorized || r.header.Get("Axis-Setup") != "" {
				t.Errorf("second anonymous add: %d, Axis-Setup %q", r.status, r.header.Get("Axis-Setup"))
			}
		})
	}
}

func TestPwdgrpRejectsEmptyPasswordsBadNamesAndNonStrictPasswords(t *testing.T) {
	for _, g := range camsim.Generations {
		t.Run(string(g), func(t *testing.T) {
			t.Parallel()
			cam := startCam(t, camsim.Config{Generation: g})
			user := firstUser(g)
			strict := func(pwd string) url.Values { v := initialArgs(user, pwd); v.Set("strict_pwd", "1"); return v }
			for name, tc := range map[string]struct {
				q   url.Values
				msg string
			}{
				"empty password":   {initialArgs(user, ""), "Error: invalid password."},
				"bang in name":     {initialArgs("user!", "pw"), "Error: account user name."},
				"15 chars name":    {initialArgs("abcdefghijklmno", "pw"), "Error: account user name."},
				"missing name":     {url.Values{"action": {"add"}, "pwd": {"pw"}}, "Error: account user name."},
				"strict non-ASCII": {strict("pässword"), "Error: invalid password."},
				"strict 65 chars":  {strict(strings.Repeat("a", 65)), "Error: invalid password."},
			} {
				r := addFirst(t, cam, tc.q)
				if r.status != http.StatusOK || r.body != pwdgrpPage(tc.msg) {
					t.Errorf("%s: %d %q, want 200 %q", name, r.status, r.body, tc.msg)
				}
			}
			if !cam.Snapshot().NeedsSetup {
				t.Fatal("a rejected add created an account")
			}
			if r := addFirst(t, cam, strict(strings.Repeat("~", 64))); r.status != http.StatusOK {
				t.Errorf("64 printable characters with strict_pwd: %d %q", r.status, r.body)
			}
		})
	}
}

func TestPwdgrpPostReadsOnlyAFormBody(t *testing.T) {
	cam := startCam(t, camsim.Config{Generation: camsim.Gen12})
	args := initialArgs("admin", "pw").Encode()
	// Arguments in the query string of a POST are not parsed (FIELD12).
	r := call(t, plainClient(), http.MethodPost, cam.HTTPURL()+pwdgrpPath+"?"+args, "application/x-www-form-urlencoded", "")
	if r.status != http.StatusUnauthorized || r.body != pwdgrpPage("Error: initial admin user must be created first.") {
		t.Fatalf("query-string POST: %d %q", r.status, r.body)
	}
	r = call(t, plainClient(), http.MethodPost, cam.HTTPURL()+pwdgrpPath, "text/plain", args)
	if r.status != http.StatusUnauthorized {
		t.Fatalf("text/plain body: %d %q", r.status, r.body)
	}
	r = call(t, plainClient(), http.MethodPost, cam.HTTPURL()+pwdgrpPath, "application/x-www-form-urlencoded", args)
	if r.status != http.StatusOK || r.body != pwdgrpPage("Created account admin.") {
		t.Fatalf("form body: %d %q", r.status, r.body)
	}
}

func TestPwdgrpAfterSetupManagesAccountsForAnAdministrator(t *testing.T) {
	cam := startCam(t, camsim.Config{Generation: camsim.Gen11})
	setUp(t, cam, "boss", "secret")
	admin := digestClient("boss", "secret")
	get := func(q string) reply {
		t.Helper()
		return call(t, admin, http.MethodGet, cam.HTTPURL()+pwdgrpPath+"?"+q, "", "")
	}
	steps := []struct{ q, want string }{
		{"action=add&user=joe&pwd=pw1&grp=users&sgrp=viewer", pwdgrpPage("Created account joe.")},
		{"action=add&user=joe&pwd=pw1&grp=users&sgrp=viewer", pwdgrpPage("Error: this user name already exists, consult the system log file.")},
		{"action=update&user=joe&pwd=pw2", pwdgrpPage("Modified account joe.")},
		{"action=update&user=nobody&pwd=pw2", pwdgrpPage("Error: account user name.")},
		{"action=remove&user=nobody", pwdgrpPage("Error: account user name.")},
		{"action=frobnicate", pwdgrpPage("Error: action operation type.")},
	}
	for _, s := range steps {
		if r := get(s.q); r.status != http.StatusOK || r.body != s.want {
			t.Errorf("%s: %d %q, want %q", s.q, r.status, r.body, s.want)
		}
	}
	r := get("action=get")
	want := "admin=\"boss\"\r\noperator=\"boss\"\r\nviewer=\"boss,joe\"\r\nptz=\"boss\"\r\ndigusers=\"boss,joe\"\r\n"
	if r.header.Get("Content-Type") != "text/plain" || r.body != want {
		t.Errorf("get: %q %q", r.header.Get("Content-Type"), r.body)
	}
	// joe's new password works, his old one does not; a viewer cannot manage accounts.
	if r := call(t, digestClient("joe", "pw1"), http.MethodGet, cam.HTTPURL()+pwdgrpPath+"?action=get", "", ""); r.status != http.StatusUnauthorized {
		t.Errorf("old password: %d", r.status)
	}
	if r := call(t, digestClient("joe", "pw2"), http.MethodGet, cam.HTTPURL()+pwdgrpPath+"?action=get", "", ""); r.status != http.StatusUnauthorized {
		t.Errorf("viewer managing accounts: %d", r.status)
	}
	if r := get("action=remove&user=joe"); r.body != pwdgrpPage("Removed account joe.") {
		t.Errorf("remove: %q", r.body)
	}
	if r := get("action=remove&user=boss"); r.body != pwdgrpPage("Error: consult the system log file.") {
		t.Errorf("removing the last administrator: %q", r.body)
	}
	if r := call(t, plainClient(), http.MethodGet, cam.HTTPURL()+pwdgrpPath+"?action=get", "", ""); r.status != http.StatusUnauthorized {
		t.Errorf("anonymous get after setup: %d", r.status)
	}
}
