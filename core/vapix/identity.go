package vapix

import (
	"context"
	"net/http"
	"strings"
)

// Identity is what the CLI's `info` shows: everything learnt anonymously.
type Identity struct {
	MAC        string // 12 uppercase hex, from BDI serial or the digest realm AXIS_<MAC>
	Serial     string
	Model      string // ProdShortName, e.g. "AXIS M1075-L"
	FullName   string
	Firmware   string // e.g. "11.11.192"; empty when unknown
	HardwareID string
	NeedsSetup bool
	Ready      bool
	HTTPURL    string
	Ready2     SystemReady // raw systemready answer
	Info       DeviceInfo  // raw BDI answer (may be partial)
}

// Identify combines SystemReady and DeviceInfo, tolerating either failing as
// long as the device is clearly an Axis camera.
func (c *Client) Identify(ctx context.Context) (Identity, error) {
	id := Identity{HTTPURL: c.BaseURL()}
	axis := false

	sr, srErr := c.SystemReady(ctx)
	if isTrustError(srErr) || KindOf(srErr) == NoAnswer {
		// Nothing more to learn from a device that does not answer, or
		// that is not to be trusted.
		return id, srErr
	}
	if srErr == nil {
		axis = true
		id.Ready2, id.Ready, id.NeedsSetup = sr, sr.Ready, sr.NeedsSetup
	}

	info, hint, biErr := c.deviceInfo(ctx)
	if isTrustError(biErr) {
		return id, biErr
	}
	if biErr == nil && !info.empty() {
		axis = true
	}
	id.Info = info
	id.Serial = NormalizeSerial(info.SerialNumber)
	if isMAC(id.Serial) {
		id.MAC = id.Serial
	}
	if id.MAC == "" && hint.mac == "" && biErr == nil {
		// BDI answered but said nothing (12.x anonymous): a 401 challenge
		// still names the camera in its realm.
		h, err := c.probeRealm(ctx)
		if isTrustError(err) {
			return id, err
		}
		hint = h
	}
	if id.MAC == "" && hint.mac != "" {
		id.MAC = hint.mac
		if id.Serial == "" {
			id.Serial = hint.mac
		}
		if err := c.learnSerial(hint.mac); err != nil {
			return id, err
		}
	}
	if hint.mac != "" || hint.setup {
		axis = true
	}
	if srErr != nil && hint.setup {
		id.NeedsSetup = true
	}
	id.Model = info.ProdShortName
	if id.Model == "" && info.ProdNbr != "" {
		id.Model = "AXIS " + info.ProdNbr
	}
	id.FullName, id.Firmware, id.HardwareID = info.ProdFullName, info.Version, info.HardwareID

	if !axis {
		err := srErr
		if err == nil {
			err = biErr
		}
		switch KindOf(err) {
		case Unsupported, NotAxis, BadReply, Unknown:
			return id, &Error{Kind: NotAxis, Op: "identify the camera", Host: c.host,
				Detail: "it does not answer the way Axis cameras do", Err: err}
		}
		return id, err
	}
	// The device has said who it is: the certificate it showed is judged
	// now (pinned on first contact), so a changed one is reported before
	// anyone types a password.
	if err := c.judge(false); err != nil {
		return id, err
	}
	return id, nil
}

// identifySerial learns the serial without credentials: from device
// information, else from a 401 realm.
func (c *Client) identifySerial(ctx context.Context) (string, error) {
	info, hint, err := c.anonDeviceInfo(ctx)
	switch {
	case isTrustError(err):
		return "", err
	case KindOf(err) == NoAnswer, KindOf(err) == ReplyTooLarge, KindOf(err) == LockedOut:
		// Asking again would meet the same; a lockout is the device's
		// to end, and is not waited for here.
		return "", err
	}
	if s := NormalizeSerial(info.SerialNumber); isMAC(s) {
		return s, nil
	}
	if hint.mac == "" {
		if hint, err = c.probeRealm(ctx); err != nil {
			return "", err
		}
	}
	if hint.mac == "" {
		return "", nil
	}
	return hint.mac, c.learnSerial(hint.mac)
}

// probeRealm asks for an administrator-only parameter without credentials.
// A camera that lets it through names its serial; one that refuses names
// itself in the realm of its challenge.
func (c *Client) probeRealm(ctx context.Context) (challengeHint, error) {
	cl := call{op: "identify the camera", method: http.MethodGet, path: paramPath,
		query: "action=list&group=Properties.System.SerialNumber", limit: jsonLimit}
	r, err := c.do(ctx, cl)
	if err != nil {
		return challengeHint{}, err
	}
	if r.status == http.StatusOK {
		params, _ := ParseParams(r.body)
		for _, p := range params {
			if strings.HasSuffix(p.Name, "Properties.System.SerialNumber") {
				if s := NormalizeSerial(p.Value); isMAC(s) {
					return challengeHint{mac: s}, c.learnSerial(s)
				}
			}
		}
		return challengeHint{}, nil
	}
	return hintFrom(r), nil
}

// realmMAC finds AXIS_<MAC> (or AXIS_WS_<MAC>) in any challenge.
func realmMAC(h http.Header) string {
	for _, v := range h.Values("WWW-Authenticate") {
		realm, ok := realmOf(v)
		if !ok {
			continue
		}
		rest, ok := strings.CutPrefix(realm, "AXIS_")
		if !ok {
			continue
		}
		rest = strings.TrimPrefix(rest, "WS_")
		if s := NormalizeSerial(rest); isMAC(s) {
			return s
		}
	}
	return ""
}

// realmOf extracts the quoted realm of a Digest or Basic challenge.
func realmOf(challenge string) (string, bool) {
	lower := strings.ToLower(challenge)
	i := strings.Index(lower, "realm=")
	if i < 0 {
		return "", false
	}
	rest := challenge[i+len("realm="):]
	if strings.HasPrefix(rest, `"`) {
		end := strings.IndexByte(rest[1:], '"')
		if end < 0 {
			return "", false
		}
		return rest[1 : end+1], true
	}
	if end := strings.IndexAny(rest, ", "); end >= 0 {
		rest = rest[:end]
	}
	return rest, rest != ""
}
