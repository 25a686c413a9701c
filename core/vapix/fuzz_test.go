package vapix

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/openipu/openipu/core/devtext"
)

// The parsers read whatever a device on the network sends. Beyond not
// panicking, each target checks that a failure is a typed *Error and that
// what a parser accepts is self-consistent.

func parseErrorKindOK(t *testing.T, err error, kinds ...Kind) {
	t.Helper()
	if err == nil {
		return
	}
	e, ok := err.(*Error)
	if !ok {
		t.Fatalf("error %v (%T) is not an *Error", err, err)
	}
	for _, k := range kinds {
		if e.Kind == k {
			return
		}
	}
	t.Fatalf("error kind %v, want one of %v", e.Kind, kinds)
}

// cleanTextOK checks that every string a parser returns, and the Detail of
// its error, is already what devtext.Clean makes of it: device text is
// cleaned where it is read.
func cleanTextOK(t *testing.T, v any, err error) {
	t.Helper()
	rv := reflect.ValueOf(v)
	for i := range rv.NumField() {
		if f := rv.Field(i); f.Kind() == reflect.String && devtext.Clean(f.String()) != f.String() {
			t.Fatalf("%s = %q is not clean", rv.Type().Field(i).Name, f.String())
		}
	}
	if e, ok := err.(*Error); ok && devtext.Clean(e.Detail) != e.Detail {
		t.Fatalf("error detail %q is not clean", e.Detail)
	}
}

func FuzzParseSystemReady(f *testing.F) {
	for _, s := range []string{srGen10Setup, srGen11Boot, srGen12Ready, `{"data":{"systemready":1,"uptime":12.5}}`, `{"error":{"code":1}}`,
		`{"apiVersion":"1\u001b]0;t\u0007","data":{"systemready":"yes","bootid":"\u009b2J\u202e"}}`, `{"error":{"code":1,"message":"\u001b[2J\r\n"}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		s, err := ParseSystemReady(body)
		parseErrorKindOK(t, err, BadReply, CameraRefused)
		cleanTextOK(t, s, err)
		if err != nil {
			return
		}
		if s.Uptime < 0 || (!s.HasUptime && s.Uptime != 0) {
			t.Fatalf("uptime %v with HasUptime %v", s.Uptime, s.HasUptime)
		}
	})
}

func FuzzParseDeviceInfo(f *testing.F) {
	for _, s := range []string{bdiGen12, bdiEmpty, bdiGetError, `{"data":{"propertyList":{"Version":5}}}`,
		`{"data":{"propertyList":{"ProdShortName":"AXIS \u001b]0;t\u0007M1075\r\n\u202e"}}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		d, err := ParseDeviceInfo(body)
		parseErrorKindOK(t, err, BadReply, CameraRefused)
		cleanTextOK(t, d, err)
	})
}

func FuzzParsePwdgrpReply(f *testing.F) {
	for _, s := range []string{pwdgrpCreated, pwdgrpExists, pwdgrpInitial,
		"<html><head><title>User accounts</title></head><body bgcolor=#ffffff>Error: invalid password.\n</body>\n\n</html>",
		"<html><head><title>User accounts</title></head><body bgcolor=#ffffff>Error: account user name.\n</body>\n\n</html>",
		"Error: initial admin user must be created first."} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		msg, isErr, err := ParsePwdgrpReply(body)
		parseErrorKindOK(t, err, BadReply)
		if err != nil {
			return
		}
		if msg == "" || msg != strings.TrimSpace(msg) || strings.Contains(msg, "  ") || strings.ContainsAny(msg, "\n\r\t") {
			t.Fatalf("message %q is not one trimmed line", msg)
		}
		if !utf8.ValidString(msg) {
			t.Fatalf("message %q is not UTF-8", msg)
		}
		if isErr != strings.HasPrefix(strings.ToLower(msg), "error") {
			t.Fatalf("isError %v for %q", isErr, msg)
		}
	})
}

func FuzzParseParams(f *testing.F) {
	for _, s := range []string{paramsGen12, paramsError, "root.A=\n\nroot.B=c=d\r\n", "# comment\n", "# Error: \x1b]0;t\x07x\x1b[2J\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		params, err := ParseParams(body)
		parseErrorKindOK(t, err, BadReply, CameraRefused)
		cleanTextOK(t, struct{}{}, err)
		if err != nil && KindOf(err) == BadReply {
			return
		}
		// Writing what was read back out as lines and reading it again
		// must give the same parameters.
		var b strings.Builder
		for _, p := range params {
			if p.Name == "" || strings.ContainsAny(p.Name, "=\n\r") || strings.ContainsAny(p.Value, "\n") {
				t.Fatalf("parameter %+v cannot be one line", p)
			}
			b.WriteString(p.Name + "=" + p.Value + "\n")
		}
		again, err := ParseParams([]byte(b.String()))
		if err != nil {
			t.Fatalf("re-reading %q: %v", b.String(), err)
		}
		if len(params) != 0 && !reflect.DeepEqual(again, params) {
			t.Fatalf("round trip changed %v into %v", params, again)
		}
	})
}
