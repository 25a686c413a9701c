package dialogs

import (
	"net/netip"
	"net/url"

	"fyne.io/fyne/v2/lang"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/vapix"
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
	return cameraTitle(d.Model, d.MAC, CameraAddress(d))
}

func cameraTitle(model, mac, host string) string {
	switch {
	case model != "" && mac != "" && host != "":
		return lang.X("dialog.camera.model_mac_at", "{{.Model}} ({{.MAC}}) at {{.Host}}", map[string]any{"Model": model, "MAC": mac, "Host": host})
	case model != "" && host != "":
		return lang.X("dialog.camera.model_at", "{{.Model}} at {{.Host}}", map[string]any{"Model": model, "Host": host})
	case host != "":
		return lang.X("dialog.camera.at", "The camera at {{.Host}}", map[string]any{"Host": host})
	case mac != "":
		return lang.X("dialog.camera.mac", "The camera {{.MAC}}", map[string]any{"MAC": mac})
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

// cameraWebURL is where the camera's own web page is: what the backend
// says (the simulated office's own page in demo mode), else the
// discovered URL, else one built from its best address and HTTP port.
func cameraWebURL(b *backend.Backend, d discovery.Device) string {
	switch {
	case b != nil && b.WebURL != nil:
		return b.WebURL(d)
	case d.HTTPURL != "":
		return d.HTTPURL
	case len(d.Addresses) > 0:
		return vapix.CameraURL(false, d.Addresses[0], d.HTTPPort)
	}
	return ""
}

// onlyRootFirmware: AXIS OS before 11.5 accepts only "root" as the first
// administrator's name.
func onlyRootFirmware(d discovery.Device) bool {
	must, known := vapix.FirstAdminMustBeRoot(d.Firmware)
	return known && must
}

// atAddress is cam as found at a new address, its ports kept.
func atAddress(cam discovery.Device, addr netip.Addr) discovery.Device {
	cam.Addresses = []netip.Addr{addr}
	cam.HTTPURL = vapix.CameraURL(false, addr, cam.HTTPPort)
	return cam
}

// cameraLabel names a camera in a list of many: its model and MAC.
func cameraLabel(d discovery.Device) string {
	if d.Model == "" {
		return d.MAC
	}
	return d.Model + " " + d.MAC
}
