package vapix

import (
	"bytes"
	"context"
	"html"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/openipu/openipu/core/devtext"
)

// AccountResult says which account now exists on the camera.
type AccountResult struct {
	// User is the name actually created: the requested one, or "root" when
	// the firmware (< 11.5) refused it with "not a valid initial admin user".
	User string
	// FellBackToRoot is true in that case.
	FellBackToRoot bool
	// Verified is true once a digest login with the new password succeeded.
	Verified bool
}

const (
	pwdgrpPath = "/axis-cgi/pwdgrp.cgi"
	// initialGroups is what VAPIX-SYS requires of the first account.
	initialGroups = "grp=root&sgrp=admin:operator:viewer:ptz"
	// verifyPatience bounds how long a login right after creating the
	// account may still meet the camera in setup mode.
	verifyPatience = 5 * time.Second
)

// CreateFirstAccount creates the initial administrator (pwdgrp.cgi
// action=add, anonymous), falling back to root on old firmware, then logs in
// with digest to prove it, and only then returns success. On success the
// client's credentials are set to the new account.
func (c *Client) CreateFirstAccount(ctx context.Context, user, password string) (AccountResult, error) {
	if err := ValidateUserName(user); err != nil {
		return AccountResult{}, c.located(err, "create the first account")
	}
	if err := ValidatePassword(password); err != nil {
		return AccountResult{}, c.located(err, "create the first account")
	}
	res := AccountResult{User: user}
	err := c.addInitialAccount(ctx, user, password)
	if KindOf(err) == UserNameRefused && user != "root" {
		// Firmware before 11.5 only takes "root" for the first account
		// (the strategy of Axis' own device manager, RS4A init.rs).
		res.User, res.FellBackToRoot = "root", true
		err = c.addInitialAccount(ctx, "root", password)
	}
	if err != nil {
		return res, err
	}
	c.SetCredentials(res.User, password)
	c.tmu.Lock()
	// The password went to this certificate in the request that created
	// the account; proving it there in Basic reveals nothing new.
	c.firstPasswordTo = c.trusted
	c.tmu.Unlock()
	if err := c.verifyNewAccount(ctx); err != nil {
		return res, err
	}
	res.Verified = true
	return res, nil
}

func (c *Client) addInitialAccount(ctx context.Context, user, password string) error {
	const op = "create the first account"
	// GET with the arguments in the query, as Axis' tools do: 12.9 ignores
	// query arguments on a POST (FIELD12).
	query := "action=add&user=" + escapeQueryValue(user) + "&pwd=" + escapeQueryValue(password) + "&" + initialGroups
	// secret: over HTTPS the password goes out only to the judged
	// certificate.
	r, err := c.do(ctx, call{op: op, method: http.MethodGet, path: pwdgrpPath, query: query, secret: true, limit: jsonLimit})
	if err != nil {
		return err
	}
	switch r.status {
	case http.StatusOK, http.StatusUnauthorized, http.StatusBadRequest:
	default:
		return c.statusError(op, r)
	}
	msg, isErr, perr := ParsePwdgrpReply(r.body)
	if perr != nil {
		if r.status == http.StatusUnauthorized && r.header.Get("Axis-Setup") == "" {
			// An administrator exists, so the anonymous add was challenged.
			return &Error{Kind: AlreadySetUp, Op: op, Host: c.host, Status: r.status}
		}
		if r.status != http.StatusOK {
			return c.statusError(op, r)
		}
		return c.located(perr, op)
	}
	detail := devtext.Clean(msg)
	if !isErr || strings.Contains(msg, password) || strings.Contains(detail, password) {
		// Only the camera's own "Error: ..." sentences are worth repeating,
		// and never one that echoes the password, even one that spells it
		// out only once its escape sequences are gone.
		detail = ""
	}
	if !isErr && r.status == http.StatusOK {
		return nil
	}
	e := &Error{Op: op, Host: c.host, Status: r.status, Detail: detail}
	lower := strings.ToLower(msg)
	switch {
	case strings.Contains(lower, "not a valid initial admin user"):
		e.Kind = UserNameRefused
	case strings.Contains(lower, "already exists"),
		strings.Contains(lower, "initial admin user must be created first"):
		e.Kind = AlreadySetUp
	case strings.Contains(lower, "invalid password"):
		e.Kind = InvalidPassword
	case strings.Contains(lower, "account user name"):
		e.Kind = InvalidUserName
	case r.status == http.StatusUnauthorized && r.header.Get("Axis-Setup") == "":
		e.Kind = AlreadySetUp
	default:
		e.Kind = CameraRefused
	}
	return e
}

// verifyNewAccount logs in with the new account. A camera may take a moment
// to leave setup mode, so NeedsSetup is retried briefly.
func (c *Client) verifyNewAccount(ctx context.Context) error {
	deadline := time.Now().Add(verifyPatience)
	for {
		err := c.VerifyLogin(ctx)
		if KindOf(err) != NeedsSetup || time.Now().After(deadline) {
			return err
		}
		if serr := sleep(ctx, 500*time.Millisecond); serr != nil {
			return c.fail("log in with the new password", Canceled, serr)
		}
	}
}

// ParsePwdgrpReply extracts the message from the pwdgrp HTML wrapper, e.g.
// "Created account root." or "Error: not a valid initial admin user.", and
// says whether it is an error.
func ParsePwdgrpReply(body []byte) (message string, isError bool, err error) {
	if !utf8.Valid(body) || bytes.IndexByte(body, 0) >= 0 {
		return "", false, badReply("the account reply is not text")
	}
	text := string(body)
	lower := strings.ToLower(text)
	if i := strings.Index(lower, "<body"); i >= 0 {
		if j := strings.IndexByte(lower[i:], '>'); j >= 0 {
			text, lower = text[i+j+1:], lower[i+j+1:]
		}
		if k := strings.Index(lower, "</body"); k >= 0 {
			text = text[:k]
		}
	}
	msg := strings.Join(strings.Fields(html.UnescapeString(stripTags(text))), " ")
	if msg == "" {
		return "", false, badReply("the account reply is empty")
	}
	if len(msg) > 300 {
		return "", false, badReply("the account reply is not a camera message")
	}
	return msg, strings.HasPrefix(strings.ToLower(msg), "error"), nil
}

// stripTags drops everything between < and >; the messages themselves
// hold no markup.
func stripTags(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '<':
			depth++
		case r == '>' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// FirstAdminMustBeRoot tells from the camera's AXIS OS version ("11.11.192")
// whether the first administrator must be called "root": firmware before
// 11.5 refuses any other name (VAPIX-SYS). known is false when the version
// has no readable major.minor, and the caller cannot tell in advance;
// CreateFirstAccount copes either way by falling back to root.
func FirstAdminMustBeRoot(firmware string) (mustBeRoot, known bool) {
	parts := strings.SplitN(strings.TrimSpace(firmware), ".", 3)
	if len(parts) < 2 {
		return false, false
	}
	major, ok1 := versionNumber(parts[0])
	minor, ok2 := versionNumber(parts[1])
	if !ok1 || !ok2 {
		return false, false
	}
	return major < 11 || major == 11 && minor < 5, true
}

// versionNumber reads one part of a version: digits only, so that "-1" or
// "+5" are not versions.
func versionNumber(s string) (int, bool) {
	if s == "" || len(s) > 6 {
		return 0, false
	}
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, true
}
