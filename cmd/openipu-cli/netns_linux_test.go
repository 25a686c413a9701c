//go:build linux

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/openipu/openipu/core/netlab"
)

// These tests and benchmarks run the real programs — the simulator and
// openipu-cli — in network namespaces joined by veth pairs on a bridge, so
// discovery crosses real interfaces with real multicast.

var (
	buildOnce sync.Once
	binDir    string
	buildErr  error
)

// programs builds camsim and openipu-cli once per test binary.
func programs(tb testing.TB) (camsim, cli string) {
	tb.Helper()
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "openipu-netns-bin")
		if buildErr != nil {
			return
		}
		// `go test` puts its own go command first on PATH; the Makefile's
		// fallback location covers a stripped environment.
		goBin, err := exec.LookPath("go")
		if err != nil {
			goBin = "/usr/local/go/bin/go"
		}
		cmd := exec.Command(goBin, "build", "-o", binDir+string(os.PathSeparator),
			"github.com/openipu/openipu/cmd/camsim", "github.com/openipu/openipu/cmd/openipu-cli")
		out, err := cmd.CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("building the programs: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		tb.Fatal(buildErr)
	}
	return filepath.Join(binDir, "camsim"), filepath.Join(binDir, "openipu-cli")
}

// camLine is one camera from camsim's ready output.
type camLine struct {
	MAC, HTTP, HTTPS, Firmware, Hostile string
}

// fleet is a running camsim process.
type fleet struct {
	cmd    *exec.Cmd
	cams   []camLine
	exited chan struct{} // closed once Wait has returned
}

// startFleet runs camsim in host and waits for its n ready lines.
func startFleet(tb testing.TB, host *netlab.Host, n int, args ...string) *fleet {
	tb.Helper()
	camsimBin, _ := programs(tb)
	cmd := host.Command(context.Background(), camsimBin, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	f := &fleet{cmd: cmd, exited: make(chan struct{})}
	lines := make(chan camLine)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			fs := strings.Fields(sc.Text())
			if len(fs) < 4 {
				continue
			}
			l := camLine{MAC: fs[0], HTTP: fs[1], HTTPS: fs[2], Firmware: fs[3]}
			if len(fs) > 4 {
				l.Hostile = strings.TrimPrefix(fs[4], "hostile=")
			}
			lines <- l
		}
		close(lines)
		_ = cmd.Wait()
		close(f.exited)
	}()
	deadline := time.After(60 * time.Second)
	for len(f.cams) < n {
		select {
		case l, ok := <-lines:
			if !ok {
				tb.Fatalf("camsim ended before its cameras were ready:\n%s", stderr.String())
			}
			f.cams = append(f.cams, l)
		case <-deadline:
			f.kill()
			tb.Fatalf("camsim not ready after a minute:\n%s", stderr.String())
		}
	}
	tb.Cleanup(f.kill)
	return f
}

// stop ends camsim cleanly (its cameras say goodbye).
func (f *fleet) stop(tb testing.TB) {
	tb.Helper()
	_ = f.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-f.exited:
	case <-time.After(20 * time.Second):
		tb.Fatal("camsim did not stop on SIGINT")
	}
}

// kill ends camsim at once: the cameras stop answering without a goodbye.
func (f *fleet) kill() {
	select {
	case <-f.exited:
	default:
		_ = f.cmd.Process.Kill()
		<-f.exited
	}
}

func (f *fleet) byMAC() map[string]camLine {
	m := map[string]camLine{}
	for _, c := range f.cams {
		m[c.MAC] = c
	}
	return m
}

// discoverOnce runs `openipu-cli discover --json` in host.
func discoverOnce(tb testing.TB, host *netlab.Host, args ...string) []deviceRecord {
	tb.Helper()
	_, cli := programs(tb)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := host.Command(ctx, cli, append([]string{"discover", "--json"}, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("discover: %v\n%s", err, stderr.String())
	}
	var recs []deviceRecord
	if err := json.Unmarshal(out, &recs); err != nil {
		tb.Fatalf("discover output: %v\n%s", err, out)
	}
	return recs
}

// watchEvent is one --watch --json line.
type watchEvent struct {
	Event  string       `json:"event"`
	TMS    int64        `json:"t_ms"`
	Device deviceRecord `json:"device"`
	// connection_added and connection_removed
	Interface string `json:"interface"`
	// stats line
	Devices           int   `json:"devices"`
	DatagramsSent     int64 `json:"datagrams_sent"`
	DatagramsReceived int64 `json:"datagrams_received"`
	HTTPRequests      int64 `json:"http_requests"`
	MDNSAnswers       int64 `json:"mdns_answers"`
}

// watcher is a running `discover --watch --json`.
type watcher struct {
	cmd    *exec.Cmd
	events chan watchEvent
	done   chan struct{}
	seen   map[string]watchEvent // "kind MAC" -> last such event
}

func startWatch(tb testing.TB, host *netlab.Host, args ...string) *watcher {
	tb.Helper()
	_, cli := programs(tb)
	cmd := host.Command(context.Background(), cli, append([]string{"discover", "--watch", "--json"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	w := &watcher{cmd: cmd, events: make(chan watchEvent, 1<<16), done: make(chan struct{}), seen: map[string]watchEvent{}}
	go func() {
		defer close(w.done)
		defer close(w.events)
		dec := json.NewDecoder(stdout)
		for {
			var ev watchEvent
			if err := dec.Decode(&ev); err != nil {
				return
			}
			w.events <- ev
		}
	}()
	tb.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	return w
}

// await waits for an event of kind for mac.
func (w *watcher) await(tb testing.TB, kind, mac string, within time.Duration) watchEvent {
	tb.Helper()
	// Events for other cameras read while waiting are kept, so the order in
	// which cameras answer does not matter.
	if ev, ok := w.seen[kind+" "+mac]; ok {
		return ev
	}
	deadline := time.After(within)
	for {
		select {
		case ev, ok := <-w.events:
			if !ok {
				tb.Fatalf("watch ended before %s %s", kind, mac)
			}
			w.seen[ev.Event+" "+ev.Device.MAC] = ev
			if ev.Event == kind && ev.Device.MAC == mac {
				return ev
			}
		case <-deadline:
			var seen []string
			for k, ev := range w.seen {
				seen = append(seen, fmt.Sprintf("%s(t=%dms sources=%v reach=%s)", k, ev.TMS, ev.Device.Sources, ev.Device.Reach))
			}
			tb.Fatalf("no %s event for %s within %v; seen: %s", kind, mac, within, strings.Join(seen, ", "))
		}
	}
}

func ipOf(url string) string {
	s := strings.TrimPrefix(strings.TrimPrefix(url, "http://"), "https://")
	host, _, _ := strings.Cut(s, ":")
	return strings.TrimSuffix(host, "/")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// checkCamera asserts the fields discovery reports for a simulated camera.
func checkCamera(t *testing.T, r deviceRecord, c camLine, wantSources ...string) {
	t.Helper()
	if !contains(r.Addresses, ipOf(c.HTTP)) {
		t.Errorf("%s: addresses %v lack %s", c.MAC, r.Addresses, ipOf(c.HTTP))
	}
	if r.Firmware != c.Firmware || r.Model == "" || !strings.HasPrefix(r.Model, "AXIS ") || r.Serial != c.MAC {
		t.Errorf("%s: firmware %q (want %q), model %q, serial %q", c.MAC, r.Firmware, c.Firmware, r.Model, r.Serial)
	}
	if r.NeedsSetup == nil || !*r.NeedsSetup {
		t.Errorf("%s: needs_setup %v, want true (factory state)", c.MAC, r.NeedsSetup)
	}
	if r.Interface != "eth0" || r.Reach != "ok" || r.Lost || !r.Enriched {
		t.Errorf("%s: interface %q reach %q lost %v enriched %v (%s)", c.MAC, r.Interface, r.Reach, r.Lost, r.Enriched, r.Diagnosis)
	}
	for _, s := range wantSources {
		if !contains(r.Sources, s) {
			t.Errorf("%s: sources %v lack %s", c.MAC, r.Sources, s)
		}
	}
}

func TestDiscoverFindsEveryGenerationThroughEachProtocolAcrossNamespaces(t *testing.T) {
	lab := netlab.New(t)
	cams := lab.Host("cams", "10.77.0.1/16")
	cams.AddAddrs(netlab.Range("10.77.0.10", 3, 16)...)
	client := lab.Host("client", "10.77.255.1/16")
	f := startFleet(t, cams, 3, "--count", "3", "--firmware", "mixed", "--ips", "10.77.0.10-10.77.0.12")
	want := f.byMAC()

	// Everything at once: every camera, with SSDP on 10.12 and 11.11 only.
	got := map[string]deviceRecord{}
	for _, r := range discoverOnce(t, client, "--timeout", "3s") {
		got[r.MAC] = r
	}
	for mac, c := range want {
		r, ok := got[mac]
		if !ok {
			t.Errorf("camera %s (%s) not found", mac, c.Firmware)
			continue
		}
		checkCamera(t, r, c, "mdns")
		hasSSDP := contains(r.Sources, "ssdp")
		if wantSSDP := !strings.HasPrefix(c.Firmware, "12."); hasSSDP != wantSSDP {
			t.Errorf("%s (%s): ssdp source %v, want %v (AXIS OS 12 ships with SSDP off)", mac, c.Firmware, hasSSDP, wantSSDP)
		}
	}
	if len(got) != len(want) {
		t.Errorf("found %d devices, want %d: %v", len(got), len(want), got)
	}

	// Each protocol on its own.
	mdnsOnly := discoverOnce(t, client, "--timeout", "2s", "--only", "mdns")
	if len(mdnsOnly) != 3 {
		t.Errorf("mDNS alone found %d of 3", len(mdnsOnly))
	}
	for _, r := range mdnsOnly {
		checkCamera(t, r, want[r.MAC], "mdns")
	}
	ssdpOnly := discoverOnce(t, client, "--timeout", "3s", "--only", "ssdp")
	if len(ssdpOnly) != 2 {
		t.Errorf("SSDP alone found %d, want 2 (10.12 and 11.11)", len(ssdpOnly))
	}
	for _, r := range ssdpOnly {
		checkCamera(t, r, want[r.MAC], "ssdp")
		if strings.HasPrefix(r.Firmware, "12.") {
			t.Errorf("SSDP found the 12.9 camera %s", r.MAC)
		}
	}

	// Unicast: a scan of the cameras' range finds them without multicast.
	scanned := discoverOnce(t, client, "--timeout", "3s", "--only", "ssdp", "--scan", "10.77.0.8/29")
	var fromScan int
	for _, r := range scanned {
		if contains(r.Sources, "scan") {
			fromScan++
			checkCamera(t, r, want[r.MAC], "scan")
		}
	}
	if fromScan != 3 {
		t.Errorf("the scan found %d of 3 cameras", fromScan)
	}
}

func TestDiscoverWatchSeesCamerasComeAndGo(t *testing.T) {
	lab := netlab.New(t)
	cams := lab.Host("cams", "10.78.0.1/16")
	cams.AddAddrs(netlab.Range("10.78.0.10", 4, 16)...)
	client := lab.Host("client", "10.78.255.1/16")
	first := startFleet(t, cams, 2, "--count", "2", "--firmware", "11.11", "--ips", "10.78.0.10-10.78.0.11")

	w := startWatch(t, client, "--liveness", "500ms")
	for _, c := range first.cams {
		w.await(t, "added", c.MAC, 10*time.Second)
	}

	// A camera switched on while watching appears.
	late := startFleet(t, cams, 1, "--count", "1", "--firmware", "12.9", "--ips", "10.78.0.12-10.78.0.12")
	w.await(t, "added", late.cams[0].MAC, 10*time.Second)

	// Cameras that say goodbye (clean shutdown) are marked lost.
	first.stop(t)
	for _, c := range first.cams {
		ev := w.await(t, "lost", c.MAC, 10*time.Second)
		if !ev.Device.Lost || ev.Device.Reach != "lost" || len(ev.Device.Addresses) == 0 {
			t.Errorf("lost device keeps its last address and says so: %+v", ev.Device)
		}
	}

	// A camera that just stops answering (no goodbye) is marked lost once
	// it misses its liveness checks.
	late.kill()
	w.await(t, "lost", late.cams[0].MAC, 15*time.Second)
}

func TestDiscoverSearchesTheLANEvenWhenAVPNAdapterTakesTheMulticastRoute(t *testing.T) {
	lan := netlab.New(t)
	vpn := netlab.New(t)
	cams := lan.Host("cams", "10.81.0.1/16")
	cams.AddAddrs(netlab.Range("10.81.0.10", 2, 16)...)
	client := lan.Host("client", "10.81.255.1/16")
	client.Attach(vpn, "tun0", "172.30.0.2/24")
	// What a VPN client or a virtual adapter does to a laptop: the
	// multicast route (and the default route) point away from the LAN.
	client.Route("224.0.0.0/4 dev tun0")
	client.Route("239.0.0.0/8 dev tun0")
	client.Route("default via 172.30.0.1 dev tun0")
	f := startFleet(t, cams, 2, "--count", "2", "--firmware", "mixed", "--ips", "10.81.0.10-10.81.0.11")
	got := map[string]deviceRecord{}
	for _, r := range discoverOnce(t, client, "--timeout", "3s") {
		got[r.MAC] = r
	}
	for mac, c := range f.byMAC() {
		r, ok := got[mac]
		if !ok {
			t.Errorf("camera %s on the LAN not found with a VPN adapter present", mac)
			continue
		}
		checkCamera(t, r, c, "mdns")
		if len(r.Interfaces) != 1 || r.Interfaces[0] != "eth0" {
			t.Errorf("%s: found through %v, want the LAN adapter eth0 only", mac, r.Interfaces)
		}
	}
}

func TestDiscoverSuspectsAFirewallWhenNothingAnswersOnAnyInterface(t *testing.T) {
	lab := netlab.New(t)
	client := lab.Host("client", "10.84.0.2/24")
	_, cli := programs(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := client.Command(ctx, cli, "discover", "--timeout", "3s").CombinedOutput()
	if err != nil {
		t.Fatalf("discover: %v\n%s", err, out)
	}
	for _, want := range []string{"No camera has answered on any network connection", "firewall", "Local Network", "by its IP address"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
