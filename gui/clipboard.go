package gui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/usermsg"
)

var (
	msgCopyTitle     = dmsg("copy.title", "Camera details copied")
	msgCopyDone      = dmsg("copy.done", "The details of {{.Camera}} are on the clipboard. Paste them into an e-mail or a document.")
	msgDetModel      = dmsg("details.model", "Model: {{.Value}}")
	msgDetMAC        = dmsg("details.mac", "MAC address / serial number: {{.Value}}")
	msgDetSerial     = dmsg("details.serial", "Serial number: {{.Value}}")
	msgDetFirmware   = dmsg("details.firmware", "AXIS OS version: {{.Value}}")
	msgDetName       = dmsg("details.name", "Name: {{.Value}}")
	msgDetAddresses  = dmsg("details.addresses", "IP addresses: {{.Value}}")
	msgDetWeb        = dmsg("details.web", "Web page: {{.Value}}")
	msgDetState      = dmsg("details.state", "State: {{.Value}}")
	msgDetDiagnosis  = dmsg("details.diagnosis", "Reachability: {{.Value}}")
	msgDetFoundBy    = dmsg("details.found_by", "Found by: {{.Value}}")
	msgDetLastSeen   = dmsg("details.last_seen", "Last seen: {{.Value}}")
	msgStateNeedsPw  = dmsg("details.state_needs_password", "needs a password")
	msgStateReady    = dmsg("details.state_ready", "ready (has an administrator password)")
	msgStateUnknown  = dmsg("details.state_unknown", "not known yet")
	msgStateNotSeen  = dmsg("details.state_lost", "not seen since {{.Time}}")
	msgDetailsHeader = dmsg("details.header", "Axis camera")
)

// CopyDetails puts a plain-text description of the camera on the clipboard.
func CopyDetails(h ActionHost, cam discovery.Device) {
	fyne.CurrentApp().Clipboard().SetContent(cameraDetailsText(cam))
	dialog.ShowInformation(dtext(msgCopyTitle), dtext(msgCopyDone, "Camera", cameraTitle(cam)), h.Window())
}

// cameraDetailsText is what a property manager pastes into a support
// e-mail or a handover sheet: everything known, one fact a line, in words.
// It holds no password: the Device has none to give.
func cameraDetailsText(cam discovery.Device) string {
	var lines []string
	line := func(msg usermsg.Message, v string) {
		if strings.TrimSpace(v) != "" {
			lines = append(lines, dtext(msg, "Value", v))
		}
	}
	title := cam.FullName
	if title == "" {
		title = cam.Model
	}
	if title == "" {
		title = dtext(msgDetailsHeader)
	}
	lines = append(lines, title)
	line(msgDetModel, cam.Model)
	line(msgDetMAC, cam.MAC)
	if cam.Serial != "" && cam.Serial != cam.MAC {
		line(msgDetSerial, cam.Serial)
	}
	line(msgDetFirmware, cam.Firmware)
	line(msgDetName, cam.Name)
	var addrs []string
	for _, a := range cam.Addresses {
		addrs = append(addrs, a.String())
	}
	line(msgDetAddresses, strings.Join(addrs, ", "))
	line(msgDetWeb, cameraWebURL(cam))
	line(msgDetState, stateWords(cam))
	if cam.Diagnosis.What.Text != "" {
		what, next := Text(cam.Diagnosis.What), Text(cam.Diagnosis.Next)
		line(msgDetDiagnosis, strings.TrimSpace(what+" "+next))
	}
	var srcs []string
	for _, s := range cam.Sources {
		srcs = append(srcs, string(s))
	}
	if len(cam.Interfaces) > 0 {
		srcs = append(srcs, "("+strings.Join(cam.Interfaces, ", ")+")")
	}
	line(msgDetFoundBy, strings.Join(srcs, " "))
	if !cam.LastSeen.IsZero() {
		line(msgDetLastSeen, cam.LastSeen.Local().Format(time.DateTime))
	}
	return strings.Join(lines, "\n") + "\n"
}

func stateWords(cam discovery.Device) string {
	switch {
	case cam.Lost && !cam.LastSeen.IsZero():
		return dtext(msgStateNotSeen, "Time", cam.LastSeen.Local().Format(time.DateTime))
	case cam.Setup == discovery.SetupNeeded:
		return dtext(msgStateNeedsPw)
	case cam.Setup == discovery.SetupDone:
		return dtext(msgStateReady)
	}
	return dtext(msgStateUnknown)
}
