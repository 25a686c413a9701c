package vapix_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/devtext/devtexttest"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/vapix"
)

// wantNoUnsafeText fails for every string field of v, however nested, that
// carries a control character, an escape, a bidi control or bad UTF-8.
func wantNoUnsafeText(t *testing.T, what string, v reflect.Value) {
	t.Helper()
	switch v.Kind() {
	case reflect.String:
		if u := devtexttest.Unsafe([]byte(v.String()), false); u != "" {
			t.Errorf("%s = %q: %s", what, v.String(), u)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			wantNoUnsafeText(t, what+"."+v.Type().Field(i).Name, v.Field(i))
		}
	}
}

func TestIdentifyOfADeviceWithEscapeSequencesInEveryFieldGivesCleanText(t *testing.T) {
	srv := devtexttest.Camera()
	defer srv.Close()
	id, err := newClient(t, srv.URL, vapix.Options{}).Identify(testCtx(t, 10*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	wantNoUnsafeText(t, "Identity", reflect.ValueOf(id))
	if id.MAC != devtexttest.MAC || id.Serial != devtexttest.MAC {
		t.Errorf("MAC/serial %q/%q, want %s: escape sequences alone must not hide the serial", id.MAC, id.Serial, devtexttest.MAC)
	}
	if !strings.HasPrefix(id.Model, "AXIS") || !strings.HasSuffix(id.Model, "M1075-L") || !strings.HasPrefix(id.Firmware, "12.9.57") {
		t.Errorf("the device's own words are lost: model %q, firmware %q", id.Model, id.Firmware)
	}
	if !id.NeedsSetup || !id.Ready {
		t.Errorf("ready %v, needs setup %v", id.Ready, id.NeedsSetup)
	}
}

// wantCleanError checks the error's text and both sentences of its
// explanation.
func wantCleanError(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	if u := devtexttest.Unsafe([]byte(err.Error()), false); u != "" {
		t.Errorf("error text %q: %s", err.Error(), u)
	}
	p, _ := usermsg.Explain(err)
	for _, s := range []string{p.What.String(), p.Next.String()} {
		if u := devtexttest.Unsafe([]byte(s), false); u != "" {
			t.Errorf("explanation %q: %s", s, u)
		}
	}
}

func TestACameraRefusalWithEscapeSequencesIsShownClean(t *testing.T) {
	for name, body := range map[string]string{
		"json api error": `{"apiVersion":"1.0","error":{"code":2002,"message":"no\u001b]0;pwned\u0007\u001b[2J\r\nPassword accepted"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := vapix.ParseDeviceInfo([]byte(body))
			wantKind(t, err, vapix.CameraRefused)
			wantCleanError(t, err)
			_, err = vapix.ParseSystemReady([]byte(body))
			wantKind(t, err, vapix.CameraRefused)
			wantCleanError(t, err)
		})
	}
	_, err := vapix.ParseParams([]byte("# Error: \x1b]0;pwned\x07bad group\x1b[2J\n"))
	wantKind(t, err, vapix.CameraRefused)
	wantCleanError(t, err)
	var e *vapix.Error
	if errors.As(err, &e) && !strings.Contains(e.Detail, "bad group") {
		t.Errorf("the camera's words are lost: %q", e.Detail)
	}
}

func TestAnErrorWhoseDetailWasNotCleanedIsStillShownClean(t *testing.T) {
	err := &vapix.Error{Kind: vapix.CameraRefused, Op: "do it", Host: "10.0.0.5", Detail: "x\x1b]0;t\x07\u202ey\n"}
	wantCleanError(t, err)
}

func TestAHostileNetworkSettingsRefusalIsShownClean(t *testing.T) {
	// param.cgi's update answers "# Error: ..." in its own words.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/axis-cgi/network_settings.cgi" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write([]byte("# Error: \x1b]0;pwned\x07refused\x1b[2J\r\nPassword accepted\n"))
	}))
	defer srv.Close()
	c := newClient(t, srv.URL, vapix.Options{})
	c.SetCredentials("root", testPassword)
	err := c.SetNetwork(testCtx(t, 10*time.Second), vapix.NetworkConfig{DHCP: true})
	wantKind(t, err, vapix.CameraRefused)
	wantCleanError(t, err)
}

func TestAnAccountRefusalThatSpellsThePasswordOnceCleanedIsNotRepeated(t *testing.T) {
	const password = "Secret-Pass 9"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The echo is split by an escape sequence that Clean removes.
		_, _ = w.Write([]byte("<html><body>Error: refused Secret-\x1b[0mPass 9\x1b]0;t\x07 here.</body></html>"))
	}))
	defer srv.Close()
	_, err := newClient(t, srv.URL, vapix.Options{}).CreateFirstAccount(testCtx(t, 10*time.Second), "root", password)
	if err == nil {
		t.Fatal("a refusal was taken for success")
	}
	wantCleanError(t, err)
	p, _ := usermsg.Explain(err)
	if strings.Contains(err.Error(), password) || strings.Contains(p.What.String(), password) {
		t.Errorf("the password is repeated: %v / %s", err, p.What.String())
	}
}
