//go:build linux

package main

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/netlab"
)

// These tests play the guided physical reset and ARP/Ping across network
// namespaces: camsim moves its cameras' addresses on its namespace's
// interfaces (--dhcp off, --arpping on), its control endpoint is a Unix
// socket the test reaches from outside the namespaces, and openipu-cli runs
// on a client on another network, as a laptop would.

// controlSocket is a short path for camsim's control endpoint (a socket
// path is limited to about 100 bytes).
func controlSocket(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "oipu-ctl")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return filepath.Join(dir, "c.sock")
}

// simCamera is one camera as camsim's /cameras tells it.
type simCamera struct {
	MAC        string   `json:"mac"`
	Generation string   `json:"generation"`
	State      string   `json:"state"`
	NeedsSetup bool     `json:"needs_setup"`
	Addresses  []string `json:"addresses"`
}

// controlClient talks to camsim's control endpoint over its Unix socket.
func controlClient(sock string) *http.Client {
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", sock)
		},
	}}
}

func control(t *testing.T, sock, method, path string) []byte {
	t.Helper()
	req, err := http.NewRequest(method, "http://camsim"+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := controlClient(sock).Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %d %s", method, path, res.StatusCode, b)
	}
	return b
}

func simCameras(t *testing.T, sock string) map[string]simCamera {
	t.Helper()
	var list []simCamera
	if err := json.Unmarshal(control(t, sock, http.MethodGet, "/cameras"), &list); err != nil {
		t.Fatal(err)
	}
	out := map[string]simCamera{}
	for _, c := range list {
		out[c.Generation] = c
	}
	return out
}

// awaitSimCamera asks the simulator about the camera of a generation until
// ok holds, and fails the test after within.
func awaitSimCamera(t *testing.T, sock, gen string, within time.Duration, ok func(simCamera) bool) simCamera {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		c := simCameras(t, sock)[gen]
		if ok(c) {
			return c
		}
		if time.Now().After(deadline) {
			t.Fatalf("the simulator's %s camera is still %+v after %v", gen, c, within)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// awaitDevice waits for a watch event about mac whose device satisfies ok.
func (w *watcher) awaitDevice(tb testing.TB, mac, what string, within time.Duration, ok func(deviceRecord) bool) deviceRecord {
	tb.Helper()
	// Events read while waiting for another camera are kept in w.seen.
	for _, kind := range []string{"added", "updated"} {
		if ev, ok2 := w.seen[kind+" "+mac]; ok2 && ok(ev.Device) {
			return ev.Device
		}
	}
	deadline := time.After(within)
	var last deviceRecord
	for {
		select {
		case ev, open := <-w.events:
			if !open {
				tb.Fatalf("watch ended before %s %s", mac, what)
			}
			w.seen[ev.Event+" "+ev.Device.MAC] = ev
			if ev.Device.MAC != mac {
				continue
			}
			last = ev.Device
			if ok(ev.Device) {
				return ev.Device
			}
		case <-deadline:
			tb.Fatalf("%s never %s within %v; last seen %+v", mac, what, within, last)
		}
	}
}

func hasAddrIn(addrs []string, prefix string) bool {
	return slices.ContainsFunc(addrs, func(a string) bool { return strings.HasPrefix(a, prefix) })
}

func TestPhysicalResetIsSeenLostThenBackOnEachGenerationsFactoryAddress(t *testing.T) {
	lab := netlab.New(t)
	cams := lab.Host("cams", "10.82.9.1/24")
	client := lab.Host("client", "10.82.0.2/24")
	sock := controlSocket(t)
	// One camera per generation, installed on the client's network with a
	// password nobody knows, on a network without DHCP.
	startFleet(t, cams, 3, "--count", "3", "--firmware", "mixed", "--ips", "10.82.0.10-10.82.0.12",
		"--dhcp", "off", "--password-lost", "--reset-downtime", "2s", "--control", "unix:"+sock)
	before := simCameras(t, sock)
	gen11, gen12, gen10 := before["11.11"], before["12.9"], before["10.12"]

	w := startWatch(t, client, "--liveness", "500ms")
	for _, c := range before {
		w.awaitDevice(t, c.MAC, "reachable and set up", 15*time.Second, func(d deviceRecord) bool {
			return d.Reach == "ok" && d.NeedsSetup != nil && !*d.NeedsSetup
		})
	}

	// The control button held while the power comes back, on 11.11: it
	// leaves, and comes back on 192.168.0.90 with its link-local address,
	// which this client (on 10.82.0.x) cannot open.
	control(t, sock, http.MethodPost, "/power-cycle?factory=1&mac="+gen11.MAC)
	w.await(t, "lost", gen11.MAC, 10*time.Second)
	// SSDP may report it from 192.168.0.90 a moment before mDNS lists its
	// link-local address too: wait for the whole picture.
	back := w.awaitDevice(t, gen11.MAC, "back on the factory address and its link-local one", 20*time.Second, func(d deviceRecord) bool {
		return !d.Lost && d.Reach == "factory_address" && hasAddrIn(d.Addresses, "169.254.")
	})
	if !slices.Contains(back.Addresses, "192.168.0.90") || !hasAddrIn(back.Addresses, "169.254.") || hasAddrIn(back.Addresses, "10.82.") {
		t.Errorf("11.11 back on %v, want 192.168.0.90 and a 169.254 address only", back.Addresses)
	}
	if !strings.Contains(back.NextStep, "assign-ip-by-mac --mac "+gen11.MAC) {
		t.Errorf("11.11 next step %q", back.NextStep)
	}

	// AXIS OS 12 without DHCP: link-local only.
	control(t, sock, http.MethodPost, "/power-cycle?factory=1&mac="+gen12.MAC)
	w.await(t, "lost", gen12.MAC, 10*time.Second)
	back12 := w.awaitDevice(t, gen12.MAC, "back on link-local only", 20*time.Second, func(d deviceRecord) bool {
		return !d.Lost && d.Reach == "link_local_only"
	})
	if len(back12.Addresses) != 1 || !hasAddrIn(back12.Addresses, "169.254.") {
		t.Errorf("12.9 back on %v, want one 169.254 address", back12.Addresses)
	}
	// A camera announces itself as it comes up, a moment before it
	// serves: the simulator may still say "off" when the announcement is
	// heard. Wait for it to say it is up.
	if c := awaitSimCamera(t, sock, "12.9", 10*time.Second, func(c simCamera) bool { return c.State == "on" || c.State == "booting" }); !c.NeedsSetup || len(c.Addresses) != 1 {
		t.Errorf("the simulator says the 12.9 camera is %+v", c)
	}

	// The advice, followed: this computer takes an address on 192.168.0.x
	// and a link-local one, and finds both cameras waiting for their first
	// password; the camera nobody reset still has its lost one.
	client.AddAddrs("192.168.0.10/24", "169.254.200.1/16")
	found := map[string]deviceRecord{}
	for _, r := range discoverOnce(t, client, "--timeout", "4s") {
		found[r.MAC] = r
	}
	for _, c := range []simCamera{gen11, gen12} {
		r := found[c.MAC]
		if r.Reach != "ok" || r.NeedsSetup == nil || !*r.NeedsSetup {
			t.Errorf("%s (%s) from 192.168.0.x/link-local: reach %q, needs setup %v, addresses %v", c.MAC, c.Generation, r.Reach, r.NeedsSetup, r.Addresses)
		}
	}
	if r := found[gen10.MAC]; r.Reach != "ok" || r.NeedsSetup == nil || *r.NeedsSetup || !slices.Contains(r.Addresses, "10.82.0.10") {
		t.Errorf("the camera nobody reset: %+v", r)
	}
}

func TestARPPingGivesAFactoryAddressCameraAnAddressOnTheClientsNetwork(t *testing.T) {
	lab := netlab.New(t)
	cams := lab.Host("cams", "10.83.9.1/24")
	client := lab.Host("client", "10.83.0.2/24")
	sock := controlSocket(t)
	f := startFleet(t, cams, 1, "--count", "1", "--firmware", "11.11", "--ips", "10.83.0.40-10.83.0.40",
		"--dhcp", "off", "--arpping", "on", "--arpping-window", "40s", "--password-lost", "--reset-downtime", "2s", "--control", "unix:"+sock)
	mac := f.cams[0].MAC
	w := startWatch(t, client, "--liveness", "500ms")
	w.await(t, "added", mac, 10*time.Second)

	// A physical reset puts it on 192.168.0.90, which this client cannot
	// reach. The client hears its announcements after boot: a camera on
	// another subnet cannot send unicast answers back.
	control(t, sock, http.MethodPost, "/unplug?mac="+mac)
	w.await(t, "lost", mac, 10*time.Second)
	control(t, sock, http.MethodPost, "/plug?factory=1&mac="+mac)
	w.awaitDevice(t, mac, "back on the factory address", 20*time.Second, func(d deviceRecord) bool {
		return !d.Lost && d.Reach == "factory_address" && slices.Contains(d.Addresses, "192.168.0.90")
	})
	// A search started now finds it too: its queries go out from port 5353,
	// so the camera answers by multicast, which needs no route back.
	found := false
	for _, r := range discoverOnce(t, client, "--timeout", "3s", "--only", "mdns") {
		if r.MAC == mac && r.Reach == "factory_address" {
			found = true
		}
	}
	if !found {
		t.Error("a one-shot search missed the camera on the factory address")
	}

	_, cli := programs(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, err := client.Command(ctx, cli, "assign-ip-by-mac", "--mac", mac, "--ip", "10.83.0.60", "--interface", "eth0", "--window", "30s", "--json").CombinedOutput()
	if err != nil {
		t.Fatalf("assign-ip-by-mac: %v\n%s", err, out)
	}
	if neigh, _ := client.Run("ip", "neigh", "show", "10.83.0.60", "nud", "permanent"); strings.TrimSpace(neigh) != "" {
		t.Errorf("the static entry stayed behind: %s", neigh)
	}

	w.awaitDevice(t, mac, "seen on its new address", 20*time.Second, func(d deviceRecord) bool {
		return !d.Lost && d.Reach == "ok" && slices.Contains(d.Addresses, "10.83.0.60")
	})
	recs := discoverOnce(t, client, "--timeout", "3s")
	if len(recs) != 1 || recs[0].Reach != "ok" || !slices.Contains(recs[0].Addresses, "10.83.0.60") || recs[0].NeedsSetup == nil || !*recs[0].NeedsSetup {
		t.Errorf("after ARP/Ping: %+v", recs)
	}
	ictx, icancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer icancel()
	infoOut, err := client.Command(ictx, cli, "info", "10.83.0.60", "--json").Output()
	var info infoResult
	if err != nil || json.Unmarshal(infoOut, &info) != nil || info.MAC != mac || !info.NeedsSetup {
		t.Errorf("info 10.83.0.60: %v %s", err, infoOut)
	}
	if c := simCameras(t, sock)["11.11"]; len(c.Addresses) == 0 || c.Addresses[0] != "10.83.0.60/24" {
		t.Errorf("the simulator says the camera is on %v", c.Addresses)
	}
}
