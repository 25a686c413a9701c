package resetwizard

import (
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/internal/fakes"
)

func gone(d discovery.Device) discovery.Device {
	d.Lost = true
	d.Diagnosis = discovery.Diagnosis{Reach: discovery.ReachLost}
	return d
}

const (
	macLost   = "B8A44F7A1004" // the camera whose password is lost
	macOther  = "ACCC8E7A1002" // another camera on the network
	macStrang = "E827257A1009" // a camera nobody listed
)

func TestResetWatchFollowsACameraThroughAPowerCutToFactoryState(t *testing.T) {
	cam := fakes.Camera(macLost, discovery.SetupDone, "192.168.1.41")
	other := fakes.Camera(macOther, discovery.SetupNeeded, "192.168.1.42")
	w := newResetWatch(macLost, []discovery.Device{cam, other})

	for _, step := range []struct {
		what string
		devs []discovery.Device
		want watchState
	}{
		{"still as it was", []discovery.Device{cam, other}, watchWaiting},
		{"power cut: lost", []discovery.Device{gone(cam), other}, watchOffline},
		{"gone from the list", []discovery.Device{other}, watchOffline},
		{"back, not yet probed", []discovery.Device{cam, other}, watchReturned},
		{"back needing a password", []discovery.Device{fakes.Camera(macLost, discovery.SetupNeeded, "192.168.1.77"), other}, watchBack},
	} {
		if got := w.observe(step.devs).state; got != step.want {
			t.Errorf("%s: state %d, want %d", step.what, got, step.want)
		}
	}
}

func TestResetWatchKnowsAQuickPowerCycleByANewNeedForAPasswordOrNewAddresses(t *testing.T) {
	cam := fakes.Camera(macLost, discovery.SetupDone, "192.168.1.41")
	// Never seen lost: the engine had not missed it yet.
	if got := newResetWatch(macLost, []discovery.Device{cam}).observe([]discovery.Device{fakes.Camera(macLost, discovery.SetupNeeded, "192.168.1.41")}).state; got != watchBack {
		t.Errorf("same address, now needing a password: state %d, want back", got)
	}
	if got := newResetWatch(macLost, []discovery.Device{cam}).observe([]discovery.Device{fakes.Camera(macLost, discovery.SetupDone, "192.168.0.90", "169.254.7.8")}).state; got != watchBackAway {
		t.Errorf("moved to the factory address: state %d, want back away", got)
	}
	if got := newResetWatch(macLost, []discovery.Device{cam}).observe([]discovery.Device{fakes.Camera(macLost, discovery.SetupDone, "192.168.1.41")}).state; got != watchWaiting {
		t.Errorf("unchanged: state %d, want waiting", got)
	}
}

func TestResetWatchOnACameraNotInTheListAdoptsTheNewestThatShowsUpInFactoryState(t *testing.T) {
	other := fakes.Camera(macOther, discovery.SetupNeeded, "192.168.1.42")
	w := newResetWatch("", []discovery.Device{other})
	if v := w.observe([]discovery.Device{other}); v.found || v.state != watchWaiting {
		t.Errorf("a camera that needed a password before is not the one: %+v", v)
	}
	set := fakes.Camera("ACCC8E7A10AA", discovery.SetupDone, "192.168.1.50") // new, but has a password
	older := fakes.Camera("ACCC8E7A10BB", discovery.SetupNeeded, "192.168.1.51")
	fresh := fakes.Camera(macStrang, discovery.SetupUnknown, "169.254.3.4")
	fresh.FirstSeen = older.FirstSeen.Add(time.Minute)
	v := w.observe([]discovery.Device{other, set, older, fresh})
	if !v.found || v.dev.MAC != macStrang || v.state != watchBackAway {
		t.Errorf("adopted %s in state %d, want the newest factory-state camera %s back away", v.dev.MAC, v.state, macStrang)
	}
	// Once adopted it is followed by its MAC.
	if v := w.observe([]discovery.Device{other, older, fakes.Camera(macStrang, discovery.SetupNeeded, "192.168.1.60")}); v.dev.MAC != macStrang || v.state != watchBack {
		t.Errorf("after adoption: %s in state %d", v.dev.MAC, v.state)
	}
}

func TestResetWatchWithATypedMACWaitsForThatCameraToAppear(t *testing.T) {
	w := newResetWatch(strings.ToLower("E8:27:25:7A:10:09"), nil)
	if v := w.observe([]discovery.Device{fakes.Camera(macOther, discovery.SetupNeeded, "192.168.1.42")}); v.found || v.state != watchWaiting {
		t.Errorf("another camera matched the typed MAC: %+v", v)
	}
	if v := w.observe([]discovery.Device{fakes.Camera(macStrang, discovery.SetupNeeded, "192.168.1.61")}); v.state != watchBack {
		t.Errorf("the typed camera appeared needing a password: state %d, want back", v.state)
	}
}

func TestTroubleshooterKeysItsAdviceToWhatTheNetworkShows(t *testing.T) {
	for _, c := range []struct {
		what string
		v    watchView
		want troubleKind
	}{
		{"not seen", watchView{}, troubleNothing},
		{"lost", watchView{found: true, dev: gone(fakes.Camera(macLost, discovery.SetupDone, "192.168.1.41"))}, troubleNothing},
		{"factory address", watchView{found: true, dev: fakes.Camera(macLost, discovery.SetupUnknown, "192.168.0.90", "169.254.7.8")}, troubleFactory},
		{"link-local only", watchView{found: true, dev: fakes.Camera(macLost, discovery.SetupUnknown, "169.254.7.8")}, troubleLinkLocal},
		{"back with its password", watchView{found: true, dev: fakes.Camera(macLost, discovery.SetupDone, "192.168.1.41")}, troubleNotReset},
		{"another network", watchView{found: true, dev: fakes.Camera(macLost, discovery.SetupUnknown, "10.20.30.40")}, troubleOtherSubnet},
		{"not answering yet", watchView{found: true, dev: fakes.Camera(macLost, discovery.SetupUnknown)}, troubleStarting},
	} {
		if got := troubleFor(c.v); got != c.want {
			t.Errorf("%s: advice %d, want %d", c.what, got, c.want)
		}
	}
}

func TestTheManualLinkIsTheModelsPageOnAxisHelp(t *testing.T) {
	for model, want := range map[string]string{
		"AXIS M1075-L":  "https://help.axis.com/en-us/axis-m1075-l",
		"P3265-LVE":     "https://help.axis.com/en-us/axis-p3265-lve",
		"":              "https://help.axis.com/",
		"AXIS Q/../etc": "https://help.axis.com/",
	} {
		if got := manualURL(model); got != want {
			t.Errorf("manualURL(%q) = %q, want %q", model, got, want)
		}
	}
}

func TestTheChooserListsCamerasWithAPasswordFirstAndLostOnesLast(t *testing.T) {
	lost := gone(fakes.Camera("00408C7A1006", discovery.SetupDone, "192.168.1.46"))
	need := fakes.Camera(macOther, discovery.SetupNeeded, "192.168.1.42")
	set := fakes.Camera(macLost, discovery.SetupDone, "192.168.1.41")
	got := chooserOrder([]discovery.Device{lost, need, set})
	if got[0].MAC != macLost || got[1].MAC != macOther || got[2].MAC != lost.MAC {
		t.Errorf("order %s, %s, %s", got[0].MAC, got[1].MAC, got[2].MAC)
	}
}
