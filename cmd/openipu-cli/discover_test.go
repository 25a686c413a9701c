package main

import (
	"encoding/json"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/usermsg"
)

func TestDiscoverRefusesBadArgumentsBeforeSearching(t *testing.T) {
	h := newHarness(t)
	for _, args := range [][]string{
		{"discover", "10.0.0.5"},
		{"discover", "--only", "wsd"},
		{"discover", "--scan", "10.0.0.0/16"},
		{"discover", "--scan", "not-a-range"},
		{"discover", "--timeout", "-1s"},
		{"discover", "--timeout", "0s"},
		{"discover", "--password", "x"},
	} {
		r := h.run(args...)
		if r.code != exitUsage {
			t.Errorf("%v: exit %d, want %d\n%s", args, r.code, exitUsage, r.stderr)
		}
	}
	if r := h.run("discover", "--scan", "10.0.0.0/16"); !strings.Contains(r.stderr, "1024") {
		t.Errorf("a too-large range should say the limit: %s", r.stderr)
	}
}

func TestDiscoverRecordHasTheDocumentedKeys(t *testing.T) {
	d := discovery.Device{
		MAC: "ACCC8E270AD8", Model: "AXIS M1075-L", Firmware: "12.9.57",
		Addresses: []netip.Addr{netip.MustParseAddr("10.0.4.50")}, HTTPURL: "http://10.0.4.50/",
		Setup: discovery.SetupNeeded, Sources: []discovery.Source{discovery.SourceMDNS, discovery.SourceSSDP},
		Interfaces: []string{"eth0"}, LastSeen: time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC),
		Diagnosis: discovery.Diagnosis{Reach: discovery.ReachOK, What: usermsg.Message{Text: "Reachable at 10.0.4.50."}},
	}
	b, err := json.Marshal(recordOf(d))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"mac", "serial", "model", "firmware", "addresses", "http_url", "needs_setup", "sources", "interface", "diagnosis"} {
		if _, ok := m[k]; !ok {
			t.Errorf("key %q missing in %s", k, b)
		}
	}
	if m["serial"] != "ACCC8E270AD8" || m["needs_setup"] != true || m["interface"] != "eth0" || m["reach"] != "ok" {
		t.Fatalf("record %s", b)
	}
	d.Setup = discovery.SetupUnknown
	if r := recordOf(d); r.NeedsSetup != nil {
		t.Fatal("unknown setup state must be null, not false")
	}
}

func TestConnectionChangesNamesWhatWasPluggedInAndPulledButNotWhatMerelyChanged(t *testing.T) {
	it := func(name, prefix string) netif.Interface {
		return netif.Interface{Name: name, Up: true, Multicast: true, Prefixes: []netip.Prefix{netip.MustParsePrefix(prefix)}}
	}
	before := []netif.Interface{it("wlan0", "192.168.1.20/24"), it("eth0", "10.0.4.17/24")}
	// eth0 has a new address, eth1 came, wlan0 went.
	now := []netif.Interface{it("eth0", "10.0.9.17/24"), it("eth1", "10.84.255.1/16")}
	added, removed := connectionChanges(before, now)
	if strings.Join(added, ",") != "eth1" || strings.Join(removed, ",") != "wlan0" {
		t.Fatalf("added %v, removed %v", added, removed)
	}
	if added, removed := connectionChanges(now, now); added != nil || removed != nil {
		t.Fatalf("no change read as added %v, removed %v", added, removed)
	}
}
