package demo

import (
	"context"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/arpping"
	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/handover"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/testdir"
	"github.com/openipu/openipu/core/workflow"
)

func startBackend(t *testing.T) (*backend.Backend, <-chan discovery.Event) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	b, err := NewBackend(ctx, Options{ComeAndGo: -1, ResetDowntime: 500 * time.Millisecond, HandoverDir: testdir.New(t)})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	events, err := b.Discovery.Run(ctx)
	if err != nil {
		cancel()
		b.Shutdown()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		b.Shutdown()
	})
	return b, events
}

func TestTheDemoBackendOffersEverythingSimulatedAndNothingOfTheRealNetwork(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b, err := NewBackend(ctx, Options{ComeAndGo: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Shutdown()
	if !b.Simulated || b.Power == nil || b.ARPPing == nil || b.SearchOnly == nil || b.Interfaces == nil || b.Env.Connect == nil || b.Env.Journal == nil {
		t.Fatalf("the demo leaves out a part: %+v", b)
	}
	// The made-up addresses may exist on the user's own network: the
	// office answers for them without dialling anything.
	for addr, want := range map[string]bool{
		"10.0.4.17":    true, // the simulated computer
		"10.0.4.101":   true, // a simulated camera
		"192.168.0.90": true, // the camera on the factory address
		"10.0.4.200":   false,
		"8.8.8.8":      false,
	} {
		if got := b.AddressInUse(ctx, netip.MustParseAddr(addr)); got != want {
			t.Errorf("AddressInUse(%s) = %v, want %v", addr, got, want)
		}
	}
	web := b.WebURL(discovery.Device{Addresses: []netip.Addr{netip.MustParseAddr("10.0.4.101")}})
	if !strings.HasPrefix(web, "http://127.0.0.1:") {
		t.Errorf("the web page of a simulated camera is %q, not the simulator's own", web)
	}
	if web := b.WebURL(discovery.Device{Addresses: []netip.Addr{netip.MustParseAddr("10.0.4.200")}}); web != "" {
		t.Errorf("an address without a simulated camera opens %q", web)
	}
}

func TestWorkflowsOnTheDemoReachTheSimulatedCameraAndRecordInTheSandbox(t *testing.T) {
	b, events := startBackend(t)
	var fresh discovery.Device
	watch(t, events, 20*time.Second, func(_ map[string]discovery.Device, ev discovery.Event) bool {
		if ev.Device.MAC == "ACCC8E7A1001" && ev.Device.Setup == discovery.SetupNeeded {
			fresh = ev.Device
		}
		return fresh.MAC != ""
	})
	live, err := b.Handovers.Create("Demo office")
	if err != nil {
		t.Fatal(err)
	}
	b.Handover.Set(live)
	res := workflow.SetPassword(context.Background(), b.Env, workflow.TargetOf(fresh), workflow.PasswordRequest{User: "admin", Password: workflow.Password("Basalt-Heron 77")}, nil)
	if res.Err != nil || !res.Account.Verified {
		t.Fatalf("set password on the simulated camera: %+v", res)
	}
	if c, ok := live.Session().Camera(fresh.MAC); !ok || !c.Tick(handover.Password).Done || c.Tick(handover.Password).User != "admin" {
		t.Errorf("the active handover's password step was not ticked: %+v", c)
	}
	es, err := journal.Read(b.Env.Journal.(handover.Recorders)[0].(*journal.Journal).Path())
	if err != nil || len(es) != 1 || es[0].Camera.MAC != fresh.MAC || es[0].Camera.Host != "10.0.4.101" {
		t.Errorf("sandbox journal %+v, %v", es, err)
	}
}

func TestARPPingThroughTheDemoBackendMovesTheFactoryCamera(t *testing.T) {
	ctx := context.Background()
	b, events := startBackend(t)
	var factory discovery.Device
	watch(t, events, 20*time.Second, func(_ map[string]discovery.Device, ev discovery.Event) bool {
		if ev.Device.Diagnosis.Reach == discovery.ReachFactoryAddress {
			factory = ev.Device
		}
		return factory.MAC != ""
	})
	taken := arpping.Request{MAC: factory.MAC, Addr: netip.MustParseAddr("10.0.4.101"), Interface: Interface, Window: time.Second}
	if err := workflow.AssignByMAC(ctx, b.Env, b.ARPPing, taken, nil); err == nil {
		t.Fatal("an address another camera holds was given away")
	}
	free := arpping.Request{MAC: factory.MAC, Addr: netip.MustParseAddr("10.0.4.161"), Interface: Interface}
	if err := workflow.AssignByMAC(ctx, b.Env, b.ARPPing, free, nil); err != nil {
		t.Fatal(err)
	}
	watch(t, events, 15*time.Second, func(d map[string]discovery.Device, _ discovery.Event) bool {
		e := d[factory.MAC]
		return len(e.Addresses) > 0 && e.Addresses[0] == free.Addr && e.Diagnosis.Reach == discovery.ReachOK
	})
}
