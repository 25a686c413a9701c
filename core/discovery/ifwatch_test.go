package discovery

import (
	"context"
	"net/netip"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/vapix"
)

func iface(name string, index int, prefixes ...string) netif.Interface {
	it := netif.Interface{Name: name, Index: index, Up: true, Multicast: true}
	for _, p := range prefixes {
		it.Prefixes = append(it.Prefixes, netip.MustParsePrefix(p))
	}
	return it
}

func names(ifaces []netif.Interface) []string {
	var out []string
	for _, it := range ifaces {
		out = append(out, it.Name)
	}
	slices.Sort(out)
	return out
}

func TestInterfaceDiffFindsConnectionsThatCameWentOrChangedUnderTheUsersChoice(t *testing.T) {
	lo := iface("lo", 1, "127.0.0.1/8")
	lo.Loopback = true
	wifi := iface("wlan0", 3, "192.168.1.20/24")
	cable := iface("eth0", 2, "10.0.4.17/24")
	noAddr := iface("eth0", 2)
	down := cable
	down.Up = false
	unplugged := cable
	unplugged.NoCarrier = true
	cases := []struct {
		name            string
		chosen          []string
		before, now     []netif.Interface
		added, removed  []string
		renewed, update []string
	}{
		{name: "cable plugged in", before: []netif.Interface{lo, wifi, noAddr}, now: []netif.Interface{lo, wifi, cable},
			added: []string{"eth0"}},
		{name: "new adapter", before: []netif.Interface{lo, wifi}, now: []netif.Interface{lo, wifi, cable},
			added: []string{"eth0"}},
		{name: "adapter unplugged", before: []netif.Interface{lo, wifi, cable}, now: []netif.Interface{lo, wifi},
			removed: []string{"eth0"}},
		{name: "address lost", before: []netif.Interface{lo, wifi, cable}, now: []netif.Interface{lo, wifi, noAddr},
			removed: []string{"eth0"}},
		{name: "link down", before: []netif.Interface{lo, wifi, cable}, now: []netif.Interface{lo, wifi, down},
			removed: []string{"eth0"}},
		{name: "cable into a port with a fixed address", before: []netif.Interface{lo, wifi, unplugged}, now: []netif.Interface{lo, wifi, cable},
			added: []string{"eth0"}},
		{name: "cable out of a port with a fixed address", before: []netif.Interface{lo, wifi, cable}, now: []netif.Interface{lo, wifi, unplugged},
			removed: []string{"eth0"}},
		{name: "nothing changed", before: []netif.Interface{lo, wifi, cable}, now: []netif.Interface{lo, wifi, cable}},
		{name: "not chosen", chosen: []string{"wlan0"}, before: []netif.Interface{lo, wifi, noAddr}, now: []netif.Interface{lo, wifi, cable}},
		{name: "chosen adapter plugged in again", chosen: []string{"eth0"}, before: []netif.Interface{lo, wifi}, now: []netif.Interface{lo, wifi, cable},
			added: []string{"eth0"}},
		{name: "chosen adapter unplugged", chosen: []string{"eth0"}, before: []netif.Interface{lo, wifi, cable}, now: []netif.Interface{lo, wifi},
			removed: []string{"eth0"}},
		{name: "DHCP answered after a link-local address", before: []netif.Interface{iface("eth0", 2, "169.254.7.7/16")},
			now:   []netif.Interface{iface("eth0", 2, "10.0.4.17/24", "169.254.7.7/16")},
			added: []string{"eth0"}, removed: []string{"eth0"}, renewed: []string{"eth0"}},
		{name: "adapter back under another index", before: []netif.Interface{cable}, now: []netif.Interface{iface("eth0", 9, "10.0.4.17/24")},
			added: []string{"eth0"}, removed: []string{"eth0"}, renewed: []string{"eth0"}},
		{name: "second address", before: []netif.Interface{cable}, now: []netif.Interface{iface("eth0", 2, "10.0.4.17/24", "192.168.0.213/24")},
			update: []string{"eth0"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := diffInterfaces(searchable(c.before, c.chosen), searchable(c.now, c.chosen))
			var renewed []string
			for n := range d.renewed {
				renewed = append(renewed, n)
			}
			for _, f := range []struct {
				what      string
				got, want []string
			}{
				{"added", names(d.added), c.added},
				{"removed", names(d.removed), c.removed},
				{"renewed", renewed, c.renewed},
				{"updated", names(d.updated), c.update},
			} {
				if !slices.Equal(f.got, f.want) {
					t.Errorf("%s %v, want %v", f.what, f.got, f.want)
				}
			}
			if d.empty() != (len(c.added)+len(c.removed)+len(c.update) == 0) {
				t.Errorf("empty() = %v for %+v", d.empty(), d)
			}
		})
	}
}

func TestRemovedConnectionLosesTheCamerasHeardOnlyThereAndKeepsOneHeardOnAnother(t *testing.T) {
	r, _ := newTestRegistry()
	onlyThere := "ACCC8E000001"
	both := "ACCC8E000002"
	elsewhere := "ACCC8E000003"
	r.observe(Sighting{MAC: onlyThere, Source: SourceMDNS, Interface: "eth1", Addr: ip("10.0.5.50")})
	r.observe(Sighting{MAC: onlyThere, Source: SourceSSDP, Interface: "eth1", Addr: ip("10.0.5.50")})
	r.observe(Sighting{MAC: both, Source: SourceMDNS, Interface: "eth1", Addr: ip("10.0.5.51")})
	r.observe(Sighting{MAC: both, Source: SourceMDNS, Interface: "eth0", Addr: ip("10.0.4.51")})
	r.observe(Sighting{MAC: elsewhere, Source: SourceMDNS, Interface: "eth0", Addr: ip("10.0.4.52")})

	evs := r.dropInterface("eth1")
	kinds := map[string]EventKind{}
	for _, ev := range evs {
		kinds[ev.Device.MAC] = ev.Kind
	}
	if kinds[onlyThere] != Lost || kinds[both] == Lost || len(evs) != 2 {
		t.Fatalf("events %v, want %s lost and %s updated", kinds, onlyThere, both)
	}
	devs := map[string]Device{}
	for _, d := range r.devices() {
		devs[d.MAC] = d
	}
	if d := devs[onlyThere]; !d.Lost || d.Diagnosis.Reach != ReachLost || d.Diagnosis.What.Key != msgLost.Key {
		t.Errorf("camera heard only on the removed connection: %+v", d)
	}
	if d := devs[both]; d.Lost || !slices.Equal(d.Interfaces, []string{"eth0"}) {
		t.Errorf("camera heard on two connections: %+v", d)
	}
	if d := devs[elsewhere]; d.Lost {
		t.Errorf("camera on the other connection: %+v", d)
	}
	// A camera given by address keeps its own way of being judged.
	r.observe(Sighting{MAC: "ACCC8E000004", Source: SourceManual, Interface: "eth0", Addr: ip("10.0.4.60")})
	r.dropInterface("eth0")
	for _, d := range r.devices() {
		if d.MAC == "ACCC8E000004" && d.Lost {
			t.Errorf("a camera added by address was lost with its connection: %+v", d)
		}
	}
}

// fakeInterfaces is a computer whose connections the test plugs and
// unplugs.
type fakeInterfaces struct {
	mu  sync.Mutex
	all []netif.Interface
}

func (f *fakeInterfaces) list() ([]netif.Interface, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.all), nil
}

func (f *fakeInterfaces) set(all ...netif.Interface) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.all = all
}

// waitStatus waits, through StatusChanged, for the status to satisfy ok.
func waitStatus(t *testing.T, eng *Engine, ok func(Status) bool) Status {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		if st := eng.Status(); ok(st) {
			return st
		}
		select {
		case <-eng.StatusChanged():
		case <-timeout:
			t.Fatalf("status never came: %+v", eng.Status())
		}
	}
}

func TestEngineSearchesAConnectionThatCameAndLosesItsCamerasWhenItGoes(t *testing.T) {
	eth0 := iface("eth0", 2, "10.0.4.17/24")
	eth1 := iface("eth1", 3, "10.0.5.17/24")
	computer := &fakeInterfaces{all: []netif.Interface{eth0}}
	eng := New(Options{
		DisableMDNS: true, DisableSSDP: true,
		Identify: func(ctx context.Context, target string) (vapix.Identity, error) {
			return vapix.Identity{}, &vapix.Error{Kind: vapix.NoAnswer, Host: target}
		},
		ListInterfaces: computer.list,
		Liveness:       time.Hour, // only the watcher may change what is searched
	})
	eng.ifacePoll = 10 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events, err := eng.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st := eng.Status(); !slices.Equal(names(st.Interfaces), []string{"eth0"}) || len(st.Joining) != 0 {
		t.Fatalf("status at the start %+v", st)
	}

	computer.set(eth0, eth1)
	st := waitStatus(t, eng, func(st Status) bool { return len(st.Interfaces) == 2 })
	if !slices.Equal(names(st.Interfaces), []string{"eth0", "eth1"}) || !slices.Equal(st.Joining, []string{"eth1"}) {
		t.Fatalf("status once eth1 came: %+v", st)
	}
	if m, ok := st.JoiningMessage(); !ok || m.String() != "Searching the new connection eth1…" {
		t.Fatalf("joining message %q %v", m.String(), ok)
	}
	// The burst ends by itself, and says so.
	waitStatus(t, eng, func(st Status) bool { return len(st.Joining) == 0 })

	eng.Inject(Sighting{MAC: "ACCC8E000001", Source: SourceMDNS, Interface: "eth1", Addr: netip.MustParseAddr("10.0.5.50")})
	eng.Inject(Sighting{MAC: "ACCC8E000002", Source: SourceMDNS, Interface: "eth1", Addr: netip.MustParseAddr("10.0.5.51")})
	eng.Inject(Sighting{MAC: "ACCC8E000002", Source: SourceMDNS, Interface: "eth0", Addr: netip.MustParseAddr("10.0.4.51")})
	next(t, events, Updated, func(d Device) bool { return d.MAC == "ACCC8E000002" && len(d.Interfaces) == 2 })

	computer.set(eth0)
	d := next(t, events, Lost, nil)
	if d.MAC != "ACCC8E000001" {
		t.Fatalf("lost %+v, want the camera heard only on eth1", d)
	}
	waitStatus(t, eng, func(st Status) bool { return len(st.Interfaces) == 1 })
	for _, d := range eng.Devices() {
		if d.MAC == "ACCC8E000002" && (d.Lost || !slices.Equal(d.Interfaces, []string{"eth0"})) {
			t.Fatalf("the camera also heard on eth0: %+v", d)
		}
	}
}

// A packet read from a connection just before it went is handed over just
// after: it must not bring its camera back to life there, where nothing
// can renew it; once the connection is back, it is heard again.
func TestASightingFromARemovedConnectionDoesNotReviveItsCamera(t *testing.T) {
	r, _ := newTestRegistry()
	mac := "ACCC8E000001"
	r.observe(Sighting{MAC: mac, Source: SourceMDNS, Interface: "eth1", Addr: ip("10.0.5.50")})
	r.dropInterface("eth1")
	r.observe(Sighting{MAC: mac, Source: SourceMDNS, Interface: "eth1", Addr: ip("10.0.5.50")})
	if d := r.devices()[0]; !d.Lost {
		t.Fatalf("a late sighting from the removed connection revived the camera: %+v", d)
	}
	r.interfaceBack("eth1")
	r.observe(Sighting{MAC: mac, Source: SourceMDNS, Interface: "eth1", Addr: ip("10.0.5.50")})
	if d := r.devices()[0]; d.Lost {
		t.Fatalf("the camera is not heard on the connection once it is back: %+v", d)
	}
}
