package camsim

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/icholy/digest"
)

// role is what a CGI requires of the caller.
type role int

const (
	roleViewer role = iota
	roleOperator
	roleAdmin
)

func (u *user) has(r role) bool {
	switch r {
	case roleAdmin:
		return u.admin
	case roleOperator:
		return u.operator || u.admin
	}
	return u.viewer || u.operator || u.admin
}

// authOutcome is the result of checking an Authorization header.
type authOutcome int

const (
	authNone   authOutcome = iota // no usable credentials: challenge
	authOK                        // accepted
	authFailed                    // wrong user or password: counts towards the lockout
	authStale                     // right password, expired or reused nonce
)

// authorize checks the request against the accounts. When it returns false it
// has already written the 401 (or 400) reply.
func (c *Camera) authorize(w http.ResponseWriter, r *http.Request, need role) bool {
	c.mu.Lock()
	setup := c.needsSetupLocked()
	policy := c.authPolicyLocked()
	c.mu.Unlock()
	if setup {
		c.writeSetupRequired(w, r, apache401, "text/html; charset=iso-8859-1")
		return false
	}
	allowDigest, allowBasic := policyAllows(policy, r.TLS != nil)
	h := r.Header.Get("Authorization")
	var (
		out  authOutcome
		name string
	)
	switch {
	case digest.IsDigest(h) && allowDigest:
		var bad bool
		out, name, bad = c.checkDigest(r, h)
		if bad {
			writeApache(w, http.StatusBadRequest, apache400)
			return false
		}
	case len(h) > 6 && strings.EqualFold(h[:6], "Basic ") && allowBasic:
		out, name = c.checkBasic(r)
	}
	switch out {
	case authOK:
		c.mu.Lock()
		u := c.userLocked(name)
		ok := u != nil && u.has(need)
		if ok {
			c.logins++
		}
		c.mu.Unlock()
		if ok {
			return true
		}
	case authFailed:
		c.recordFailure(r)
	}
	c.writeChallenge(w, r, out == authStale)
	return false
}

// authPolicyLocked is Network.HTTP.AuthenticationPolicy (default
// "recommended").
func (c *Camera) authPolicyLocked() string {
	if v, ok := c.overrides["Network.HTTP.AuthenticationPolicy"]; ok {
		return v
	}
	return "recommended"
}

// policyAllows follows the VAPIX-NP table. "recommended" means Digest on HTTP
// and Basic on HTTPS; HTTPS accepts Digest as well (KB: from 11.11 the HTTPS
// port takes Basic, Digest and OAuth), which the simulator extends to 10.12
// so Digest-only clients keep working there.
func policyAllows(policy string, tls bool) (allowDigest, allowBasic bool) {
	switch policy {
	case "basic":
		return false, true
	case "digest", "basic_digest":
		return true, false
	}
	return true, tls
}

func (c *Camera) userLocked(name string) *user {
	for i := range c.users {
		if c.users[i].name == name {
			return &c.users[i]
		}
	}
	return nil
}

// checkDigest verifies a Digest Authorization header the way Apache's
// mod_auth_digest does. bad reports a malformed header (400).
func (c *Camera) checkDigest(r *http.Request, h string) (out authOutcome, name string, bad bool) {
	cred, err := digest.ParseCredentials(h)
	if err != nil {
		return authNone, "", true
	}
	if cred.Realm != c.realm || cred.QOP != "auth" || cred.Userhash ||
		(cred.Algorithm != "" && !strings.EqualFold(cred.Algorithm, "MD5")) {
		return authNone, "", false
	}
	if !uriMatches(cred.URI, r) {
		return authNone, "", true
	}
	issued, ok := c.checkNonce(cred.Nonce)
	if !ok || cred.Nc < 1 {
		return authNone, "", false
	}
	c.mu.Lock()
	pwd, known := "", false
	if u := c.userLocked(cred.Username); u != nil {
		pwd, known = u.pwd, true
	}
	c.mu.Unlock()
	if !known {
		// Hash anyway so an unknown name costs the same as a wrong password.
		pwd = "\x00unknown"
	}
	want, err := digest.Digest(&digest.Challenge{
		Realm: cred.Realm, Nonce: cred.Nonce, Algorithm: cred.Algorithm, Opaque: cred.Opaque, QOP: []string{"auth"},
	}, digest.Options{
		Method: r.Method, URI: cred.URI, Count: cred.Nc, Cnonce: cred.Cnonce,
		Username: cred.Username, Password: pwd,
	})
	if err != nil || cred.Cnonce == "" {
		return authNone, "", true
	}
	match := subtle.ConstantTimeCompare([]byte(want.Response), []byte(strings.ToLower(cred.Response))) == 1
	if !known || !match {
		return authFailed, "", false
	}
	if time.Since(issued) > c.cfg.NonceLifetime {
		return authStale, "", false
	}
	if !c.nonces.use(cred.Nonce, cred.Nc, issued.Add(c.cfg.NonceLifetime)) {
		return authStale, "", false
	}
	return authOK, cred.Username, false
}

// uriMatches compares the digest uri with the request line. Like Apache it
// tolerates a uri that leaves out the query string.
func uriMatches(uri string, r *http.Request) bool {
	req := r.URL.RequestURI()
	return uri == req || uri == r.URL.EscapedPath()
}

func (c *Camera) checkBasic(r *http.Request) (authOutcome, string) {
	name, pwd, ok := r.BasicAuth()
	if !ok {
		return authNone, ""
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	u := c.userLocked(name)
	if u == nil || subtle.ConstantTimeCompare([]byte(u.pwd), []byte(pwd)) != 1 {
		return authFailed, ""
	}
	return authOK, name
}

// newNonce makes a nonce in the modern Axis (Apache) form
// "<base64 of the 8-byte issue time>=<40 hex>": the hex part is an HMAC over
// the time, so the camera needs no table of nonces it handed out.
func (c *Camera) newNonce() string {
	var t [8]byte
	binary.LittleEndian.PutUint64(t[:], uint64(time.Now().UnixMicro()))
	return base64.StdEncoding.EncodeToString(t[:]) + c.nonceMAC(t[:])
}

func (c *Camera) nonceMAC(t []byte) string {
	c.mu.Lock()
	m := hmac.New(sha1.New, c.nonceSecret[:])
	c.mu.Unlock()
	m.Write(t)
	m.Write([]byte(c.realm))
	return hex.EncodeToString(m.Sum(nil))
}

// checkNonce verifies a nonce this boot issued and returns its issue time.
func (c *Camera) checkNonce(n string) (time.Time, bool) {
	if len(n) != 12+40 {
		return time.Time{}, false
	}
	t, err := base64.StdEncoding.DecodeString(n[:12])
	if err != nil || len(t) != 8 {
		return time.Time{}, false
	}
	if subtle.ConstantTimeCompare([]byte(c.nonceMAC(t)), []byte(n[12:])) != 1 {
		return time.Time{}, false
	}
	return time.UnixMicro(int64(binary.LittleEndian.Uint64(t))), true
}

func (c *Camera) digestChallenge(stale bool) string {
	return (&digest.Challenge{
		Realm: c.realm, Nonce: c.newNonce(), Stale: stale, Algorithm: "MD5", QOP: []string{"auth"},
	}).String()
}

// setChallenges adds the WWW-Authenticate headers the policy calls for. On
// HTTPS with "recommended" Basic comes first (it is the recommended scheme
// there), with Digest after it for clients that only speak Digest.
func (c *Camera) setChallenges(w http.ResponseWriter, r *http.Request, stale bool) {
	c.mu.Lock()
	policy := c.authPolicyLocked()
	c.mu.Unlock()
	allowDigest, allowBasic := policyAllows(policy, r.TLS != nil)
	if allowBasic {
		w.Header().Add("WWW-Authenticate", `Basic realm="`+c.realm+`"`)
	}
	if allowDigest {
		w.Header().Add("WWW-Authenticate", c.digestChallenge(stale))
	}
}

func (c *Camera) writeChallenge(w http.ResponseWriter, r *http.Request, stale bool) {
	c.setChallenges(w, r, stale)
	writeApache(w, http.StatusUnauthorized, apache401)
}

// writeSetupRequired is the factory-default answer to anything that needs an
// account: 401 with "Axis-Setup: vapix" (KB) and, since whether real devices
// add a challenge is unconfirmed, a Digest challenge too.
func (c *Camera) writeSetupRequired(w http.ResponseWriter, r *http.Request, body, contentType string) {
	w.Header().Set("Axis-Setup", "vapix")
	c.setChallenges(w, r, false)
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(http.StatusUnauthorized)
	_, _ = w.Write([]byte(body))
}

// recordFailure counts a rejected login and may lock the client out.
func (c *Camera) recordFailure(r *http.Request) {
	c.mu.Lock()
	c.failedLogins++
	on := c.lockoutEnabledLocked()
	c.mu.Unlock()
	if on {
		c.lockout.fail(clientIP(r), time.Now(), c.cfg.LockoutFailures, c.cfg.LockoutFor)
	}
}

// lockoutEnabledLocked follows the config, unless param.cgi switched
// System.PreventDoSAttack.ActivatePasswordThrottling.
func (c *Camera) lockoutEnabledLocked() bool {
	if v, ok := c.overrides["System.PreventDoSAttack.ActivatePasswordThrottling"]; ok {
		return strings.EqualFold(v, "On")
	}
	switch c.cfg.Lockout {
	case LockoutOn:
		return true
	case LockoutOff:
		return false
	}
	return c.prof.lockoutByDefault
}

// withLockout answers 403 to every request from a locked-out client.
func (c *Camera) withLockout(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c.lockout.blocked(clientIP(r), time.Now()) {
			writeApache(w, http.StatusForbidden, apache403)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func clientIP(r *http.Request) netip.Addr {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return netip.Addr{}
	}
	return ap.Addr().Unmap()
}
