package dialogs

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/i18n"
)

// CopyDetails puts a plain-text description of the camera on the clipboard.
func CopyDetails(h Host, cam discovery.Device) {
	fyne.CurrentApp().Clipboard().SetContent(cameraDetailsText(cam))
	dialog.ShowInformation(lang.X("dialog.copy.title", "Camera details copied"), lang.X("dialog.copy.done", "The details of {{.Camera}} are on the clipboard. Paste them into an e-mail or a document.", map[string]any{"Camera": CameraTitle(cam)}), h.Window())
}

// CopyDetailsOfCameras puts the description of every camera in cams on the
// clipboard, one after the other with a blank line between: a handover
// sheet for a whole site in one paste. One camera is CopyDetails.
func CopyDetailsOfCameras(h Host, cams []discovery.Device) {
	switch len(cams) {
	case 0:
		return
	case 1:
		CopyDetails(h, cams[0])
		return
	}
	texts := make([]string, len(cams))
	for i, cam := range cams {
		texts[i] = cameraDetailsText(cam)
	}
	fyne.CurrentApp().Clipboard().SetContent(strings.Join(texts, "\n"))
	dialog.ShowInformation(lang.X("dialog.copy.title_n", "Details of the cameras copied"),
		i18n.Counted("dialog.copy.done_n", "The details of {{.Count}} camera are on the clipboard. Paste them into an e-mail or a document.", "The details of {{.Count}} cameras are on the clipboard, one after the other. Paste them into an e-mail or a document.", len(cams)),
		h.Window())
}

// cameraDetailsText is what a property manager pastes into a support
// e-mail or a handover sheet: everything known, one fact a line, in words.
// It holds no password: the Device has none to give.
func cameraDetailsText(cam discovery.Device) string {
	var lines []string
	// Each fact is worded whether or not it is known; only the known ones
	// are kept.
	line := func(v, text string) {
		if strings.TrimSpace(v) != "" {
			lines = append(lines, text)
		}
	}
	value := func(v string) map[string]any { return map[string]any{"Value": v} }
	title := cam.FullName
	if title == "" {
		title = cam.Model
	}
	if title == "" {
		title = lang.X("dialog.details.header", "Axis camera")
	}
	lines = append(lines, title)
	line(cam.Model, lang.X("dialog.details.model", "Model: {{.Value}}", value(cam.Model)))
	line(cam.MAC, lang.X("dialog.details.mac", "MAC address / serial number: {{.Value}}", value(cam.MAC)))
	if cam.Serial != "" && cam.Serial != cam.MAC {
		line(cam.Serial, lang.X("dialog.details.serial", "Serial number: {{.Value}}", value(cam.Serial)))
	}
	line(cam.Firmware, lang.X("dialog.details.firmware", "AXIS OS version: {{.Value}}", value(cam.Firmware)))
	line(cam.Name, lang.X("dialog.details.name", "Name: {{.Value}}", value(cam.Name)))
	var addrs []string
	for _, a := range cam.Addresses {
		addrs = append(addrs, a.String())
	}
	addresses := strings.Join(addrs, ", ")
	line(addresses, lang.X("dialog.details.addresses", "IP addresses: {{.Value}}", value(addresses)))
	web := cameraWebURL(nil, cam)
	line(web, lang.X("dialog.details.web", "Web page: {{.Value}}", value(web)))
	state := stateWords(cam)
	line(state, lang.X("dialog.details.state", "State: {{.Value}}", value(state)))
	if cam.Diagnosis.What.Text != "" {
		what, next := i18n.Text(cam.Diagnosis.What), i18n.Text(cam.Diagnosis.Next)
		diagnosis := strings.TrimSpace(what + " " + next)
		line(diagnosis, lang.X("dialog.details.diagnosis", "Reachability: {{.Value}}", value(diagnosis)))
	}
	var srcs []string
	for _, s := range cam.Sources {
		srcs = append(srcs, string(s))
	}
	if len(cam.Interfaces) > 0 {
		srcs = append(srcs, "("+strings.Join(cam.Interfaces, ", ")+")")
	}
	foundBy := strings.Join(srcs, " ")
	line(foundBy, lang.X("dialog.details.found_by", "Found by: {{.Value}}", value(foundBy)))
	if !cam.LastSeen.IsZero() {
		seen := cam.LastSeen.Local().Format(time.DateTime)
		line(seen, lang.X("dialog.details.last_seen", "Last seen: {{.Value}}", value(seen)))
	}
	return strings.Join(lines, "\n") + "\n"
}

func stateWords(cam discovery.Device) string {
	switch {
	case cam.Lost && !cam.LastSeen.IsZero():
		return lang.X("dialog.details.state_lost", "not seen since {{.Time}}", map[string]any{"Time": cam.LastSeen.Local().Format(time.DateTime)})
	case cam.Setup == discovery.SetupNeeded:
		return lang.X("dialog.details.state_needs_password", "needs a password")
	case cam.Setup == discovery.SetupDone:
		return lang.X("dialog.details.state_ready", "ready (has an administrator password)")
	}
	return lang.X("dialog.details.state_unknown", "not known yet")
}
