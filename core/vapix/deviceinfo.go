package vapix

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/openipu/openipu/core/devtext"
)

// DeviceInfo is basicdeviceinfo.cgi getAllUnrestrictedProperties.
type DeviceInfo struct {
	Brand, BuildDate, HardwareID, ProdFullName, ProdNbr, ProdShortName string
	ProdType, ProdVariant, SerialNumber, Version, WebURL               string
}

func (d DeviceInfo) empty() bool { return d == DeviceInfo{} }

const deviceInfoPath = "/axis-cgi/basicdeviceinfo.cgi"

// DeviceInfo asks basicdeviceinfo.cgi anonymously; on firmware that refuses
// anonymous access it retries with credentials if any are set.
func (c *Client) DeviceInfo(ctx context.Context) (DeviceInfo, error) {
	info, _, err := c.deviceInfo(ctx)
	return info, err
}

// deviceInfo also returns what a refusal taught us (realm, setup mode), so
// Identify need not ask again.
func (c *Client) deviceInfo(ctx context.Context) (DeviceInfo, challengeHint, error) {
	info, hint, err := c.anonDeviceInfo(ctx)
	if err == nil && !info.empty() {
		return info, hint, nil
	}
	if err != nil && KindOf(err) != WrongPassword && KindOf(err) != NeedsSetup {
		return info, hint, err
	}
	// 12.x may refuse anonymous access (FIELD12: empty propertyList or 401).
	if user, _, _, _ := c.credentials(); user == "" || hint.setup {
		return info, hint, err
	}
	if hint.mac != "" {
		if perr := c.learnSerial(hint.mac); perr != nil {
			return info, hint, perr
		}
	}
	// getAllProperties needs an operator, so the camera challenges it and
	// the digest login happens; the unrestricted call would just be
	// answered anonymously again.
	authInfo, _, aerr := c.bdi(ctx, call{op: "read the camera's model and serial number", auth: true}, "getAllProperties")
	if aerr != nil {
		return info, hint, aerr
	}
	if authInfo.SerialNumber != "" {
		if perr := c.learnSerial(authInfo.SerialNumber); perr != nil {
			return authInfo, hint, perr
		}
	}
	return authInfo, hint, nil
}

// anonDeviceInfo is the anonymous call only; a serial in the answer is used
// at once to check the HTTPS pin.
func (c *Client) anonDeviceInfo(ctx context.Context) (DeviceInfo, challengeHint, error) {
	info, r, err := c.bdi(ctx, call{op: "read the camera's model and serial number"}, "getAllUnrestrictedProperties")
	hint := hintFrom(r)
	if err != nil {
		return info, hint, err
	}
	if info.SerialNumber != "" {
		if perr := c.learnSerial(info.SerialNumber); perr != nil {
			return info, hint, perr
		}
	}
	return info, hint, nil
}

func (c *Client) bdi(ctx context.Context, cl call, method string) (DeviceInfo, reply, error) {
	cl.path = deviceInfoPath
	req := apiRequest{APIVersion: "1.0", Method: method}
	_, r, err := c.callJSON(ctx, cl, req)
	if err != nil {
		return DeviceInfo{}, r, err
	}
	info, err := ParseDeviceInfo(r.body)
	if err != nil {
		return info, r, c.located(err, cl.op)
	}
	return info, r, nil
}

// ParseDeviceInfo reads a basicdeviceinfo.cgi reply. An empty propertyList
// is not an error: some firmware sends one to anonymous callers.
func ParseDeviceInfo(body []byte) (DeviceInfo, error) {
	var d DeviceInfo
	ar, err := parseAPIReply(body)
	if err != nil {
		return d, err
	}
	if ar.Error != nil {
		return d, &Error{Kind: CameraRefused, Op: parseOp, Detail: ar.Error.String()}
	}
	var data struct {
		PropertyList *map[string]flexString `json:"propertyList"`
	}
	if err := json.Unmarshal(ar.Data, &data); err != nil {
		return d, &Error{Kind: BadReply, Op: parseOp, Detail: "unexpected device information", Err: err}
	}
	if data.PropertyList == nil {
		return d, badReply("the reply has no property list")
	}
	p := *data.PropertyList
	// Cleaned here, where they are read, so that the terminal, the window,
	// the journal and backups all get text a device cannot steer.
	get := func(k string) string { return devtext.Clean(string(p[k])) }
	d = DeviceInfo{
		Brand: get("Brand"), BuildDate: get("BuildDate"), HardwareID: get("HardwareID"),
		ProdFullName: get("ProdFullName"), ProdNbr: get("ProdNbr"), ProdShortName: get("ProdShortName"),
		ProdType: get("ProdType"), ProdVariant: get("ProdVariant"), SerialNumber: get("SerialNumber"),
		Version: get("Version"), WebURL: get("WebURL"),
	}
	return d, nil
}

// challengeHint is what a refused anonymous request reveals.
type challengeHint struct {
	mac   string // from realm AXIS_<MAC>
	setup bool   // "Axis-Setup: vapix": no administrator yet
}

func hintFrom(r reply) challengeHint {
	if r.header == nil || r.status != http.StatusUnauthorized {
		return challengeHint{}
	}
	return challengeHint{mac: realmMAC(r.header), setup: r.header.Get("Axis-Setup") != ""}
}
