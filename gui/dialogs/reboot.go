package dialogs

import (
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/openipu/openipu/core/vapix"
)

// rebootWait is how long the dialogs wait for a camera to come back:
// most are back within a minute, large PTZ and multi-sensor models take
// longer (docs/protocol.md, "Going down and coming back").
const rebootWait = 3 * time.Minute

// rebootText puts a reboot phase in words, with the seconds so far so a
// long wait visibly has not hung.
func rebootText(p vapix.RebootProgress, factory bool) string {
	secs := int(p.Elapsed.Seconds())
	switch p.Phase {
	case vapix.RebootWaitingToGoDown:
		return lang.X("dialog.reboot.going_down", "Restarting… the camera is still answering; it goes off the network in a moment. ({{.Seconds}} s)", map[string]any{"Seconds": secs})
	case vapix.RebootDown:
		return lang.X("dialog.reboot.down", "The camera is off the network while it restarts. ({{.Seconds}} s)", map[string]any{"Seconds": secs})
	case vapix.RebootBooting:
		return lang.X("dialog.reboot.booting", "The camera answers again and is starting up. ({{.Seconds}} s)", map[string]any{"Seconds": secs})
	}
	if factory {
		return lang.X("dialog.reboot.back_needs_password", "The camera is back, with factory settings. It needs a password now.")
	}
	return lang.X("dialog.reboot.back", "The camera is back.")
}
