package demo

import (
	"net/netip"
	"testing"
	"time"

	"github.com/openipu/openipu/core/discovery"
)

func TestUnpluggingAndPluggingInWithTheButtonHeldResetsASetUpCamera(t *testing.T) {
	n, events := startDemo(t, Options{ComeAndGo: -1})
	var cam discovery.Device
	watch(t, events, 20*time.Second, func(d map[string]discovery.Device, ev discovery.Event) bool {
		if ev.Device.Setup == discovery.SetupDone && ev.Device.Diagnosis.Reach == discovery.ReachOK {
			cam = ev.Device
		}
		return cam.MAC != ""
	})
	if err := n.Unplug(cam.MAC); err != nil {
		t.Fatal(err)
	}
	watch(t, events, 15*time.Second, func(_ map[string]discovery.Device, ev discovery.Event) bool {
		return ev.Device.MAC == cam.MAC && ev.Kind == discovery.Lost
	})
	if err := n.Plug(cam.MAC, true); err != nil {
		t.Fatal(err)
	}
	watch(t, events, 30*time.Second, func(_ map[string]discovery.Device, ev discovery.Event) bool {
		d := ev.Device
		return d.MAC == cam.MAC && !d.Lost && d.NeedsSetup()
	})
	if err := n.Unplug("000000000000"); err == nil {
		t.Error("unplugging a camera that is not in the office worked")
	}
}

func TestARPPingMovesAFreshlyPoweredFactoryCameraOntoTheComputersNetwork(t *testing.T) {
	n, events := startDemo(t, Options{ComeAndGo: -1})
	var factory discovery.Device
	watch(t, events, 20*time.Second, func(_ map[string]discovery.Device, ev discovery.Event) bool {
		if ev.Device.Diagnosis.Reach == discovery.ReachFactoryAddress {
			factory = ev.Device
		}
		return factory.MAC != ""
	})
	target := netip.MustParseAddr("10.0.4.160")
	if !n.ARPPing(factory.MAC, target) {
		t.Fatal("the camera did not take the address within its window after power-up")
	}
	watch(t, events, 15*time.Second, func(d map[string]discovery.Device, _ discovery.Event) bool {
		e := d[factory.MAC]
		return len(e.Addresses) > 0 && e.Addresses[0] == target && e.Diagnosis.Reach == discovery.ReachOK
	})
}
