package vapix

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/openipu/openipu/core/devtext"
)

// Param is one root.X.Y=value line.
type Param struct{ Name, Value string }

const paramPath = "/axis-cgi/param.cgi"

// ListParams returns param.cgi?action=list (all groups when none given),
// and the raw body for backups. When the camera reports "# Error:" lines
// (with HTTP 200), the parameters it did list and the body come back
// together with a CameraRefused error.
func (c *Client) ListParams(ctx context.Context, groups ...string) ([]Param, []byte, error) {
	const op = "read the camera's settings"
	query := "action=list"
	if len(groups) > 0 {
		esc := make([]string, len(groups))
		for i, g := range groups {
			esc[i] = escapeQueryValue(g)
		}
		query += "&group=" + strings.Join(esc, ",")
	}
	r, err := c.do(ctx, call{op: op, method: http.MethodGet, path: paramPath, query: query, auth: true, limit: paramLimit})
	if err != nil {
		return nil, nil, err
	}
	if r.status != http.StatusOK {
		return nil, nil, c.statusError(op, r)
	}
	params, err := ParseParams(r.body)
	if err != nil {
		return params, r.body, c.located(err, op)
	}
	return params, r.body, nil
}

// ParseParams reads "root.X.Y=value" lines. "# Error: ..." lines become a
// CameraRefused error returned with the parameters that were read; any
// other line without "=" means the reply is not a parameter list.
func ParseParams(body []byte) ([]Param, error) {
	if !utf8.Valid(body) || bytes.IndexByte(body, 0) >= 0 {
		return nil, badReply("the settings list is not text")
	}
	var params []Param
	var refused []string
	for line := range strings.Lines(string(body)) {
		line = strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if msg, ok := strings.CutPrefix(line, "#"); ok {
			msg = strings.TrimSpace(msg)
			if strings.HasPrefix(strings.ToLower(msg), "error") {
				refused = append(refused, devtext.Clean(msg))
			}
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok || !validParamName(name) {
			return params, badReply("the settings list has a line that is not name=value")
		}
		params = append(params, Param{Name: name, Value: value})
	}
	if len(refused) > 0 {
		return params, &Error{Kind: CameraRefused, Op: parseOp, Detail: strings.Join(refused, "; ")}
	}
	return params, nil
}

// validParamName: names are dotted words; anything with spaces, controls or
// markup means the body is something else (an HTML page, say).
func validParamName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		if r <= ' ' || r == 0x7f || r == '<' || r == '>' {
			return false
		}
	}
	return true
}

// OK replies of param.cgi?action=update are "OK"; failures are "# Error:".
func parseUpdateReply(body []byte) (ok bool, detail string) {
	text := strings.TrimSpace(string(body))
	if strings.EqualFold(text, "OK") {
		return true, ""
	}
	// The camera's own words become an Error's Detail; Clean also bounds
	// them.
	return false, devtext.Clean(strings.TrimPrefix(text, "#"))
}
