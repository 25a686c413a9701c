package discovery

import (
	"time"

	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/vapix"
)

// State is what a camera needs, the one thing a property manager looks for
// in a list. The window's table and the command line say it in the same
// words by this one rule, so that "Ready" means one thing everywhere: the
// password is set and the camera answers.
type State int

const (
	StateChecking      State = iota // heard of, not yet asked what it is
	StateNeedsPassword              // answers, and has no administrator yet
	StateReady                      // answers, and has its administrator
	StateUnreachable                // heard of, but this computer cannot reach it
	StateLost                       // not heard from lately
)

// StateOf is d's state.
func StateOf(d Device) State {
	if d.Lost {
		return StateLost
	}
	switch d.Diagnosis.Reach {
	case ReachFactoryAddress, ReachLinkLocalOnly, ReachOtherSubnet, ReachNoHTTP:
		return StateUnreachable
	}
	switch d.Setup {
	case SetupNeeded:
		return StateNeedsPassword
	case SetupDone:
		return StateReady
	}
	return StateChecking
}

// SetupOf is what a camera's anonymous answer says of its first password:
// the rule the engine's probes follow, for a front-end that asked itself.
func SetupOf(id vapix.Identity) Setup {
	switch {
	case id.NeedsSetup:
		return SetupNeeded
	case id.Ready2.APIVersion != "" || id.Ready:
		return SetupDone
	}
	return SetupUnknown
}

var stateMessages = map[State]usermsg.Message{
	StateChecking:      {Key: "camera.state.checking", Text: "Checking…"},
	StateNeedsPassword: {Key: "camera.state.needs_password", Text: "Needs a password"},
	StateReady:         {Key: "camera.state.ready", Text: "Ready"},
	StateUnreachable:   {Key: "camera.state.unreachable", Text: "Unreachable"},
	StateLost:          {Key: "camera.state.lost", Text: "Not seen since {{.Since}}"},
}

// StateMessage words s for d; now decides whether "Not seen since" needs
// the date as well as the time.
func StateMessage(s State, d Device, now time.Time) usermsg.Message {
	m, ok := stateMessages[s]
	if !ok {
		m = stateMessages[StateChecking]
	}
	if s == StateLost {
		m.Args = map[string]any{"Since": seenAt(d.LastSeen, now)}
	}
	return m
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

// StateMessages lists the state words, for translation.
func StateMessages() []usermsg.Message {
	out := make([]usermsg.Message, 0, len(stateMessages))
	for s := StateChecking; s <= StateLost; s++ {
		out = append(out, stateMessages[s])
	}
	return out
}
