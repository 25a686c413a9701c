// Package devtexttest plays a device that puts terminal escape sequences in
// everything it says about itself, and checks that what the program showed
// or wrote carries none of them. The camera simulator cannot send such
// text: it plays well-behaved firmware.
package devtexttest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"unicode/utf8"
)

// Payload is what a hostile device mixes into its text: it retitles the
// terminal window, clears the screen, moves the cursor home, switches to red
// with an 8-bit CSI, reverses the text that follows, and prints a fake line.
const Payload = "\x1b]0;pwned\x07\x1b[2J\x1b[H\u009b31m\u202e\r\nPassword accepted\x00\x7f\x1b[0m"

// Vanishing is escape sequences only: cleaned, nothing of it is left.
const Vanishing = "\x1b]2;pwned\x1b\\\x1b[2J\x1b[H\u009b31m"

// MAC is the hostile camera's MAC address; its reported serial is this with
// Vanishing in the middle.
const MAC = "ACCC8E270AD8"

// Fields are what the hostile camera reports about itself, by the name its
// basicdeviceinfo.cgi gives them.
var Fields = map[string]string{
	"Brand":         "AXIS" + Payload,
	"BuildDate":     "Jan 01 2025" + Payload,
	"HardwareID":    "7F4" + Payload,
	"ProdFullName":  "AXIS M1075-L" + Payload + " Box Camera",
	"ProdNbr":       "M1075-L" + Payload,
	"ProdShortName": "AXIS " + Payload + "M1075-L",
	"ProdType":      "Box Camera" + Payload,
	"ProdVariant":   Payload,
	"SerialNumber":  MAC[:6] + Vanishing + MAC[6:],
	"Version":       "12.9.57" + Payload,
	"WebURL":        "http://www.axis.com" + Payload,
}

// Camera answers like a factory-new Axis camera with Payload in every text
// field: systemready.cgi and basicdeviceinfo.cgi anonymously, param.cgi with
// a digest challenge naming the camera, pwdgrp.cgi (the first password) with
// a refusal in its own words, and every other request with an API error
// whose message is Payload.
func Camera() *httptest.Server {
	return httptest.NewServer(Handler())
}

// Handler is Camera's handler, to serve over TLS or behind another handler.
func Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/axis-cgi/systemready.cgi":
			writeJSON(w, map[string]any{
				"apiVersion": "1.4" + Payload,
				"data": map[string]string{
					"systemready": "yes", "needsetup": "yes", "uptime": "120",
					"bootid": "b" + Payload, "previewmode": Payload, "passphrasepolicy": "none" + Payload,
				},
			})
		case "/axis-cgi/basicdeviceinfo.cgi":
			writeJSON(w, map[string]any{"apiVersion": "1.3", "data": map[string]any{"propertyList": Fields}})
		case "/axis-cgi/pwdgrp.cgi":
			// pwdgrp's replies are HTML text, where a NUL would make the
			// whole reply unreadable rather than hostile.
			_, _ = w.Write([]byte("<html><body>Error: refused" + strings.ReplaceAll(Payload, "\x00", "") + "</body></html>"))
		case "/axis-cgi/param.cgi":
			w.Header().Set("WWW-Authenticate", `Digest realm="AXIS_`+MAC+`", nonce="bm9uY2U=", qop="auth", algorithm=SHA-256`)
			w.Header().Set("Axis-Setup", "vapix")
			w.WriteHeader(http.StatusUnauthorized)
		default:
			writeJSON(w, map[string]any{"apiVersion": "1.0", "error": map[string]any{"code": 2002, "message": "refused" + Payload}})
		}
	})
}

func writeJSON(w http.ResponseWriter, v any) {
	// json escapes every control character, as a camera must for its reply
	// to be read at all; the decoder gives them back as they were.
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
}

// Unsafe describes the first thing in out that a terminal would act on or
// that disguises text: an escape or other control character (newline and,
// when tabs is true, tab excepted, since output is made of lines), DEL, an
// 8-bit C1 control, a bidi control, or bytes that are not UTF-8. It returns
// "" when there is none.
func Unsafe(out []byte, tabs bool) string {
	for i := 0; i < len(out); {
		r, n := utf8.DecodeRune(out[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			return fmt.Sprintf("byte %#x at %d is not UTF-8", out[i], i)
		case r == '\n' || (tabs && r == '\t'):
		case r < 0x20 || (r >= 0x7f && r <= 0x9f):
			return fmt.Sprintf("control character %U at %d", r, i)
		case r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
			return fmt.Sprintf("bidi control %U at %d", r, i)
		}
		i += n
	}
	return ""
}
