package backend

import (
	"context"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openipu/openipu/core/arpping"
	"github.com/openipu/openipu/core/discovery"
)

// fakeDiscoverer finds nothing, and offers nothing more.
type fakeDiscoverer struct{}

func (*fakeDiscoverer) Run(context.Context) (<-chan discovery.Event, error) {
	return make(chan discovery.Event), nil
}
func (*fakeDiscoverer) Refresh() {}
func (*fakeDiscoverer) AddHost(context.Context, string) (discovery.Device, error) {
	return discovery.Device{}, nil
}
func (*fakeDiscoverer) Scan(context.Context, netip.Prefix, func(int, int)) (int, error) {
	return 0, nil
}
func (*fakeDiscoverer) Devices() []discovery.Device { return nil }
func (*fakeDiscoverer) Status() discovery.Status    { return discovery.Status{} }

func TestARPPingIsNeverTheRealOneForSimulatedCameras(t *testing.T) {
	ok, msg := (Deps{}).For(simulatedOnly{&fakeDiscoverer{}}).ARPPing.Available("eth0")
	if ok || !strings.Contains(msg.String(), "simulated cameras are not on a real network") {
		t.Errorf("simulated cameras: available %v, %q", ok, msg.String())
	}
	if err := (Deps{}).For(simulatedOnly{&fakeDiscoverer{}}).ARPPing.Assign(context.Background(), arpping.Request{}, nil); arpping.KindOf(err) != arpping.NotPossible {
		t.Errorf("simulated cameras: assign gave %v", err)
	}
}

type simulatedOnly struct{ *fakeDiscoverer }

func (simulatedOnly) Simulated() bool { return true }

// fakeDemoNet is the simulated office's side of ARP/Ping: the camera takes
// the address on the third ping.
type fakeDemoNet struct {
	mu    sync.Mutex
	pings int
}

func (n *fakeDemoNet) ARPPing(mac string, addr netip.Addr) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.pings++
	return n.pings >= 3
}

func TestSimulatedARPPingGoesThroughArppingsStepsUntilTheCameraTakesTheAddress(t *testing.T) {
	b := simulatedARPPing(&fakeDemoNet{})
	var steps []arpping.Step
	err := b.Assign(context.Background(), arpping.Request{MAC: "B8A44F7A1004", Addr: netip.MustParseAddr("10.0.4.60"), Window: time.Minute},
		func(p arpping.Progress) { steps = append(steps, p.Step) })
	want := []arpping.Step{arpping.StepNeighbour, arpping.StepPing, arpping.StepPing, arpping.StepPing, arpping.StepAnswered, arpping.StepCleanedUp}
	if err != nil || len(steps) != len(want) {
		t.Fatalf("err %v, steps %v", err, steps)
	}
	for i := range want {
		if steps[i] != want[i] {
			t.Errorf("step %d is %v, want %v", i, steps[i], want[i])
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	never := simulatedARPPing(&fakeDemoNet{pings: -1000})
	if err := never.Assign(ctx, arpping.Request{MAC: "B8A44F7A1004", Addr: netip.MustParseAddr("10.0.4.60")}, func(arpping.Progress) {}); arpping.KindOf(err) != arpping.Canceled {
		t.Errorf("stopped: %v", err)
	}
}
