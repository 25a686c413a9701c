package gui

import (
	"time"

	"github.com/openipu/openipu/core/vapix"
)

var (
	msgRebootGoingDown = dmsg("reboot.going_down", "Restarting… the camera is still answering; it goes off the network in a moment. ({{.Seconds}} s)")
	msgRebootDown      = dmsg("reboot.down", "The camera is off the network while it restarts. ({{.Seconds}} s)")
	msgRebootBooting   = dmsg("reboot.booting", "The camera answers again and is starting up. ({{.Seconds}} s)")
	msgRebootBack      = dmsg("reboot.back", "The camera is back.")
	msgRebootBackSetup = dmsg("reboot.back_needs_password", "The camera is back, with factory settings. It needs a password now.")
)

// rebootWait is how long the dialogs wait for a camera to come back:
// most are back within a minute, large PTZ and multi-sensor models take
// longer (axis-protocol.md §6).
const rebootWait = 3 * time.Minute

// rebootText puts a reboot phase in words, with the seconds so far so a
// long wait visibly has not hung.
func rebootText(p vapix.RebootProgress, factory bool) string {
	secs := int(p.Elapsed.Seconds())
	switch p.Phase {
	case vapix.RebootWaitingToGoDown:
		return dtext(msgRebootGoingDown, "Seconds", secs)
	case vapix.RebootDown:
		return dtext(msgRebootDown, "Seconds", secs)
	case vapix.RebootBooting:
		return dtext(msgRebootBooting, "Seconds", secs)
	}
	if factory {
		return dtext(msgRebootBackSetup)
	}
	return dtext(msgRebootBack)
}
