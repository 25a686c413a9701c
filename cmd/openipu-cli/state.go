package main

import (
	"time"

	"github.com/openipu/openipu/core/discovery"
)

// stateText is a camera's state in the window's words, by discovery's one
// rule (discovery.StateOf), so that "Ready" means one thing everywhere: the
// password is set and the camera answers. The window's "Busy…" has no
// counterpart here: nothing else works on a camera while this program does.
func stateText(d discovery.Device, now time.Time) string {
	return discovery.StateMessage(discovery.StateOf(d), d, now).String()
}
