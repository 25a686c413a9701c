package vapix

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/openipu/openipu/core/devtext"
)

// SystemReady is the anonymous systemready.cgi answer.
type SystemReady struct {
	APIVersion       string
	Ready            bool
	NeedsSetup       bool
	Uptime           time.Duration
	HasUptime        bool // 10.12 sends no uptime
	BootID           string
	PreviewMode      string
	PassphrasePolicy string
}

const systemReadyPath = "/axis-cgi/systemready.cgi"

// SystemReady asks systemready.cgi (anonymous, POST JSON).
func (c *Client) SystemReady(ctx context.Context) (SystemReady, error) {
	return c.systemReady(ctx, call{op: "ask whether the camera is ready"})
}

func (c *Client) systemReady(ctx context.Context, cl call) (SystemReady, error) {
	cl.path = systemReadyPath
	// timeout lets the camera hold the answer while it finishes booting
	// (VAPIX-SR); one second keeps a probe a probe.
	req := apiRequest{APIVersion: "1", Method: "systemready", Params: map[string]int{"timeout": 1}}
	_, r, err := c.callJSON(ctx, cl, req)
	if err != nil {
		return SystemReady{}, err
	}
	s, err := ParseSystemReady(r.body)
	if err != nil {
		return s, c.located(err, cl.op)
	}
	// Whether the device says it has factory settings decides whether a
	// new certificate may replace the pin (tlsState).
	if err := c.noteState(r.fp, s.NeedsSetup); err != nil {
		return s, err
	}
	return s, nil
}

// ParseSystemReady reads a systemready.cgi reply. "systemready" must be
// present; everything else is optional because it differs by firmware.
func ParseSystemReady(body []byte) (SystemReady, error) {
	var s SystemReady
	ar, err := parseAPIReply(body)
	if err != nil {
		return s, err
	}
	if ar.Error != nil {
		return s, &Error{Kind: CameraRefused, Op: parseOp, Detail: ar.Error.String()}
	}
	var d struct {
		SystemReady      *flexString `json:"systemready"`
		NeedSetup        flexString  `json:"needsetup"`
		Uptime           *flexString `json:"uptime"`
		BootID           flexString  `json:"bootid"`
		PreviewMode      flexString  `json:"previewmode"`
		PassphrasePolicy flexString  `json:"passphrasepolicy"`
	}
	if err := json.Unmarshal(ar.Data, &d); err != nil {
		return s, &Error{Kind: BadReply, Op: parseOp, Detail: "unexpected systemready data", Err: err}
	}
	if d.SystemReady == nil {
		return s, badReply("the reply does not say whether the camera is ready")
	}
	var ok bool
	if s.Ready, ok = yesNo(string(*d.SystemReady)); !ok {
		return s, badReply("systemready is neither yes nor no")
	}
	if d.NeedSetup != "" {
		if s.NeedsSetup, ok = yesNo(string(d.NeedSetup)); !ok {
			return s, badReply("needsetup is neither yes nor no")
		}
	}
	if d.Uptime != nil && *d.Uptime != "" {
		secs, err := strconv.ParseFloat(strings.TrimSpace(string(*d.Uptime)), 64)
		if err != nil || !(secs >= 0 && secs <= 1e9) {
			return s, badReply("uptime is not a number of seconds")
		}
		s.Uptime = time.Duration(secs * float64(time.Second))
		s.HasUptime = true
	}
	s.APIVersion = devtext.Clean(ar.APIVersion)
	s.BootID = devtext.Clean(string(d.BootID))
	s.PreviewMode = devtext.Clean(string(d.PreviewMode))
	s.PassphrasePolicy = devtext.Clean(string(d.PassphrasePolicy))
	return s, nil
}

func yesNo(v string) (value, ok bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "yes", "true", "1":
		return true, true
	case "no", "false", "0":
		return false, true
	}
	return false, false
}
