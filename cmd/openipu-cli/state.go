package main

import (
	"time"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/vapix"
)

// camState is what a camera's state column says. The window's camera table
// (gui/window/camerarows.go, stateOf and stateText) uses the same words by
// the same rule, so that "Ready" means one thing everywhere: the password
// is set and the camera answers. The window's "Busy…" has no counterpart
// here: nothing else works on a camera while this program does.
type camState int

const (
	stateChecking camState = iota
	stateNeedsPassword
	stateReady
	stateUnreachable
	stateLost
)

func stateOf(d discovery.Device) camState {
	if d.Lost {
		return stateLost
	}
	switch d.Diagnosis.Reach {
	case discovery.ReachFactoryAddress, discovery.ReachLinkLocalOnly, discovery.ReachOtherSubnet, discovery.ReachNoHTTP:
		return stateUnreachable
	}
	switch d.Setup {
	case discovery.SetupNeeded:
		return stateNeedsPassword
	case discovery.SetupDone:
		return stateReady
	}
	return stateChecking
}

// stateText words a state; now decides whether "Not seen since" needs the
// date as well as the time.
func stateText(s camState, d discovery.Device, now time.Time) string {
	switch s {
	case stateNeedsPassword:
		return "Needs a password"
	case stateReady:
		return "Ready"
	case stateUnreachable:
		return "Unreachable"
	case stateLost:
		return "Not seen since " + seenAt(d.LastSeen, now)
	}
	return "Checking…"
}

func seenAt(t, now time.Time) string {
	if t.IsZero() {
		return "?"
	}
	y1, m1, d1 := t.Date()
	y2, m2, d2 := now.Date()
	if y1 == y2 && m1 == m2 && d1 == d2 {
		return t.Format("15:04")
	}
	return t.Format("2006-01-02 15:04")
}

// setupOf is what discovery concludes from a camera's anonymous answer,
// by discovery's own rule, so that info and discover agree about a camera.
func setupOf(id vapix.Identity) discovery.Setup {
	switch {
	case id.NeedsSetup:
		return discovery.SetupNeeded
	case id.Ready2.APIVersion != "" || id.Ready:
		return discovery.SetupDone
	}
	return discovery.SetupUnknown
}
