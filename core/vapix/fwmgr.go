package vapix

import (
	"context"
	"net/http"
)

const fwmgrPath = "/axis-cgi/firmwaremanagement.cgi"

// fwmgrOrLegacy sends a firmware-management request, and the legacy GET CGI
// when the firmware lacks the JSON API (VAPIX-FW from 7.40; the legacy CGIs
// answer with a meta-refresh page and often drop the connection).
func (c *Client) fwmgrOrLegacy(ctx context.Context, op string, req apiRequest, legacyPath string) error {
	ar, r, err := c.callJSON(ctx, call{op: op, path: fwmgrPath, auth: true, dropOK: true}, req)
	switch {
	case err == nil && r.dropped:
		return nil
	case err == nil && ar.Error == nil:
		return nil
	case err == nil && !apiMissing(int(ar.Error.Code)):
		return &Error{Kind: CameraRefused, Op: op, Host: c.host, Detail: ar.Error.String()}
	case err != nil && !(KindOf(err) == Unsupported && r.status == http.StatusNotFound):
		return err
	}
	r, err = c.do(ctx, call{op: op, method: http.MethodGet, path: legacyPath, auth: true, dropOK: true, limit: jsonLimit})
	switch {
	case err != nil:
		return err
	case r.dropped:
		return nil
	case r.status != http.StatusOK:
		return c.statusError(op, r)
	}
	return nil
}
