package hostiletest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// Device is a device on the network that answers like an Axis camera as far
// as anyone can tell without a password: it says who it is
// (basicdeviceinfo, the realm of its challenge) and whether it is set up
// (systemready). What it does with a login is what makes it hostile.
type Device struct {
	// MAC is the serial number it reports, 12 hex digits.
	MAC string
	// Model is its ProdNbr, e.g. "M1075-L".
	Model string
	// NeedsSetup: it says it has no administrator (factory state), and
	// takes a first account anonymously.
	NeedsSetup bool
	// Challenge is the WWW-Authenticate it answers a request without
	// credentials with, e.g. `Basic realm="AXIS_<MAC>"`; "" means a digest
	// challenge with qop="auth", as Axis cameras send.
	Challenge string
	// LoginRetryAfter, when set, answers every request that carries
	// credentials with 403 and this Retry-After (seconds).
	LoginRetryAfter int
	// AnonymousRetryAfter, when set, answers every request without
	// credentials with 403 and this Retry-After (seconds).
	AnonymousRetryAfter int
	// AcceptAnyLogin answers 200 to whatever credentials arrive, as an
	// impostor that collects them would.
	AcceptAnyLogin bool

	mu        sync.Mutex
	logins    int // requests that carried credentials
	firstPass int // first-account requests
}

// Logins is how many requests arrived with credentials.
func (d *Device) Logins() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.logins
}

// FirstAccounts is how many first-account requests arrived.
func (d *Device) FirstAccounts() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.firstPass
}

func (d *Device) realm() string { return "AXIS_" + strings.ToUpper(d.MAC) }

func (d *Device) challenge() string {
	if d.Challenge != "" {
		return d.Challenge
	}
	return fmt.Sprintf(`Digest realm=%q, nonce="%s", algorithm=MD5, qop="auth"`, d.realm(), strings.Repeat("ab", 16))
}

// ServeHTTP answers like a camera, then refuses, stalls or collects logins
// as configured.
func (d *Device) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	authorised := r.Header.Get("Authorization") != ""
	if authorised {
		d.mu.Lock()
		d.logins++
		d.mu.Unlock()
	}
	switch {
	case authorised && d.LoginRetryAfter > 0:
		forbid(w, d.LoginRetryAfter)
		return
	case !authorised && d.AnonymousRetryAfter > 0:
		forbid(w, d.AnonymousRetryAfter)
		return
	}
	switch r.URL.Path {
	case "/axis-cgi/systemready.cgi":
		writeJSON(w, map[string]any{"apiVersion": "1.2", "method": "systemready", "data": map[string]any{
			"systemready": "yes", "needsetup": yesNo(d.NeedsSetup), "uptime": "4242", "bootid": "b00t",
		}})
		return
	case "/axis-cgi/basicdeviceinfo.cgi":
		writeJSON(w, map[string]any{"apiVersion": "1.3", "data": map[string]any{"propertyList": map[string]any{
			"Brand": "AXIS", "ProdNbr": d.Model, "ProdShortName": "AXIS " + d.Model, "ProdFullName": "AXIS " + d.Model + " Network Camera",
			"SerialNumber": strings.ToUpper(d.MAC), "Version": "11.11.73", "HardwareID": "7A4",
		}}})
		return
	case "/axis-cgi/pwdgrp.cgi":
		if r.URL.Query().Get("action") == "add" && d.NeedsSetup {
			d.mu.Lock()
			d.firstPass++
			d.mu.Unlock()
			w.Header().Set("Content-Type", "text/html")
			_, _ = fmt.Fprint(w, "<html><body>Created account root.</body></html>")
			return
		}
	}
	if authorised && d.AcceptAnyLogin {
		if r.Method == http.MethodPost {
			writeJSON(w, map[string]any{"apiVersion": "1.0", "data": map[string]any{}})
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = fmt.Fprint(w, "root.Brand.Brand=AXIS\n")
		return
	}
	w.Header().Set("WWW-Authenticate", d.challenge())
	http.Error(w, "Unauthorized", http.StatusUnauthorized)
}

func forbid(w http.ResponseWriter, seconds int) {
	w.Header().Set("Retry-After", strconv.Itoa(seconds))
	http.Error(w, "Forbidden", http.StatusForbidden)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// BasicOnly is the challenge of a device that takes passwords only in
// Basic, which hands over the password itself.
func BasicOnly(mac string) string { return `Basic realm="AXIS_` + strings.ToUpper(mac) + `"` }

// DigestWithoutQop is an RFC 2069 digest challenge: the answer to it
// carries no nonce of the client's.
func DigestWithoutQop(mac string) string {
	return `Digest realm="AXIS_` + strings.ToUpper(mac) + `", nonce="` + strings.Repeat("cd", 16) + `", algorithm=MD5`
}
