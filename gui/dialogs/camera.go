package dialogs

import (
	"net"
	"net/url"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/openipu/openipu/core/discovery"
)

// CameraAddress is the address the dialogs name a camera by: its best address
// (discovery orders them), else the host of its web address.
func CameraAddress(d discovery.Device) string {
	if len(d.Addresses) > 0 && d.Addresses[0].IsValid() {
		return d.Addresses[0].String()
	}
	if u, err := url.Parse(d.HTTPURL); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return ""
}

// CameraTitle is how a sentence refers to a camera, as specifically as
// what is known allows: "AXIS M1075-L (ACCC8E270AD8) at 10.0.0.5".
func CameraTitle(d discovery.Device) string {
	host, model := CameraAddress(d), d.Model
	switch {
	case model != "" && d.MAC != "" && host != "":
		return lang.X("dialog.camera.model_mac_at", "{{.Model}} ({{.MAC}}) at {{.Host}}", map[string]any{"Model": model, "MAC": d.MAC, "Host": host})
	case model != "" && host != "":
		return lang.X("dialog.camera.model_at", "{{.Model}} at {{.Host}}", map[string]any{"Model": model, "Host": host})
	case host != "":
		return lang.X("dialog.camera.at", "The camera at {{.Host}}", map[string]any{"Host": host})
	case d.MAC != "":
		return lang.X("dialog.camera.mac", "The camera {{.MAC}}", map[string]any{"MAC": d.MAC})
	}
	return lang.X("dialog.camera.unknown", "The camera")
}

// CameraName names a camera without its address, for sentences that say
// the address themselves.
func CameraName(d discovery.Device) string {
	switch {
	case d.Model != "" && d.MAC != "":
		return d.Model + " (" + d.MAC + ")"
	case d.MAC != "":
		return lang.X("dialog.camera.mac", "The camera {{.MAC}}", map[string]any{"MAC": d.MAC})
	}
	return lang.X("dialog.camera.unknown", "The camera")
}

// cameraWebURL is where the camera's own web page is: the discovered URL,
// else one built from its best address and HTTP port.
func cameraWebURL(d discovery.Device) string {
	if d.HTTPURL != "" {
		return d.HTTPURL
	}
	host := CameraAddress(d)
	if host == "" {
		return ""
	}
	if d.HTTPPort != 0 && d.HTTPPort != 80 {
		host = net.JoinHostPort(host, strconv.Itoa(d.HTTPPort))
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return "http://" + host + "/"
}

// firmwareBefore reports whether version ("11.11.192") is older than
// major.minor, and whether the version could be read at all.
func firmwareBefore(version string, major, minor int) (before, known bool) {
	parts := strings.SplitN(strings.TrimSpace(version), ".", 3)
	if len(parts) < 2 {
		return false, false
	}
	ma, err1 := strconv.Atoi(parts[0])
	mi, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return false, false
	}
	return ma < major || ma == major && mi < minor, true
}

// onlyRootFirmware: AXIS OS before 11.5 accepts only "root" as the first
// administrator's name (docs/protocol.md, "First account").
func onlyRootFirmware(d discovery.Device) bool {
	before, known := firmwareBefore(d.Firmware, 11, 5)
	return known && before
}
