package vapix

import (
	"context"
	"net/http"
	"time"
)

// VerifyLogin makes an authenticated call with the current credentials and
// reports WrongPassword / LockedOut / NeedsSetup as typed errors. When the
// login itself is refused with 403 it tries once more after the pause the
// camera asked for, if that pause fits within the client's timeout and the
// caller's deadline; Options.Waiting hears of the pause first. A 403 to the
// anonymous questions asked before the login is returned at once.
func (c *Client) VerifyLogin(ctx context.Context) error {
	if err := c.ensurePinned(ctx); err != nil {
		return err
	}
	err := c.login(ctx)
	e, ok := errorsAs(err)
	if !ok || e.Kind != LockedOut {
		return err
	}
	wait := e.RetryAfter
	if wait > c.timeout {
		// A device is not to hold a command longer than it allows for
		// an answer; the error says how long to wait.
		return err
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
		// Waiting would outlive the caller's deadline; let it decide.
		return err
	}
	if c.waiting != nil {
		c.waiting(wait)
	}
	if serr := sleep(ctx, wait); serr != nil {
		return c.fail("log in", Canceled, serr)
	}
	return c.login(ctx)
}

// login asks for the user list: it is administrator-only on every firmware,
// so a camera that allows anonymous viewing cannot make a wrong password
// look right.
func (c *Client) login(ctx context.Context) error {
	const op = "log in"
	if user, _, _, _ := c.credentials(); user == "" {
		return &Error{Kind: WrongPassword, Op: op, Host: c.host, Detail: "no user name was given"}
	}
	r, err := c.do(ctx, call{op: op, method: http.MethodGet, path: pwdgrpPath, query: "action=get", auth: true, limit: jsonLimit})
	if err != nil {
		return err
	}
	if r.status != http.StatusOK {
		return c.statusError(op, r)
	}
	return nil
}
