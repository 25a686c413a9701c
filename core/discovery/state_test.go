package discovery

import (
	"testing"
	"time"

	"github.com/openipu/openipu/core/vapix"
)

func TestStateOfPutsLostBeforeUnreachableBeforeThePasswordState(t *testing.T) {
	d := Device{Setup: SetupNeeded, Diagnosis: Diagnosis{Reach: ReachFactoryAddress}}
	if s := StateOf(d); s != StateUnreachable {
		t.Errorf("a camera without a password on the factory address: %v, want unreachable", s)
	}
	d.Lost = true
	if s := StateOf(d); s != StateLost {
		t.Errorf("a lost camera: %v, want lost", s)
	}
	if s := StateOf(Device{Setup: SetupDone, Diagnosis: Diagnosis{Reach: ReachOK}}); s != StateReady {
		t.Errorf("a reachable camera with a password: %v, want ready", s)
	}
}

func TestSetupOfReadsTheAnonymousAnswerAsTheProbesDo(t *testing.T) {
	for _, tc := range []struct {
		id   vapix.Identity
		want Setup
	}{
		{vapix.Identity{NeedsSetup: true}, SetupNeeded},
		{vapix.Identity{Ready: true}, SetupDone},
		{vapix.Identity{Ready2: vapix.SystemReady{APIVersion: "1.2"}}, SetupDone},
		{vapix.Identity{}, SetupUnknown},
	} {
		if got := SetupOf(tc.id); got != tc.want {
			t.Errorf("SetupOf(%+v) = %v, want %v", tc.id, got, tc.want)
		}
		if got := enrichmentOf(tc.id, FactoryAddress).Setup; got != tc.want {
			t.Errorf("the probe reads %+v as %v, SetupOf as %v", tc.id, got, tc.want)
		}
	}
}

func TestEveryStateHasWordsAndLostSaysSince(t *testing.T) {
	now := time.Date(2026, 12, 5, 15, 0, 0, 0, time.Local)
	for s := StateChecking; s <= StateLost; s++ {
		m := StateMessage(s, Device{LastSeen: now.Add(-time.Hour)}, now)
		if m.Key == "" || m.String() == "" {
			t.Errorf("state %d has no words", s)
		}
	}
	if got := StateMessage(StateLost, Device{LastSeen: now.Add(-time.Hour)}, now).String(); got != "Not seen since 14:00" {
		t.Errorf("lost: %q", got)
	}
	if n := len(StateMessages()); n != int(StateLost)+1 {
		t.Errorf("%d state messages listed for translation", n)
	}
}
