package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/journal"
)

func TestSetIPStaticThenDHCPChangesTheCamerasSettings(t *testing.T) {
	for _, gen := range camsim.Generations {
		t.Run(string(gen), func(t *testing.T) {
			cam := startCamera(t, gen, admin())
			h := newHarness(t)
			h.stdin = adminPassword + "\n"
			r := h.run("set-ip", hostOf(cam), "--user", "root", "--static", "10.20.30.40/24", "--gateway", "10.20.30.1", "--dns", "10.20.30.2", "--dns", "10.20.30.3")
			if r.code != exitOK {
				t.Fatalf("static: exit %d", r.code)
			}
			n := cam.Snapshot().Network
			if n.BootProto != "none" || n.IPAddress != "10.20.30.40" || n.SubnetMask != "255.255.255.0" || n.DefaultRouter != "10.20.30.1" ||
				!slices.Equal(n.DNSServers, []string{"10.20.30.2", "10.20.30.3"}) {
				t.Errorf("network after --static: %+v", n)
			}
			if !strings.Contains(r.stderr, "will move to 10.20.30.40") {
				t.Errorf("no warning that the camera moves:\n%s", r.stderr)
			}

			r = h.run("set-ip", hostOf(cam), "--user", "root", "--dhcp")
			if r.code != exitOK {
				t.Fatalf("dhcp: exit %d", r.code)
			}
			if n := cam.Snapshot().Network; n.BootProto != "dhcp" {
				t.Errorf("network after --dhcp: %+v", n)
			}
			if !strings.Contains(r.stderr, "DHCP server") {
				t.Errorf("no warning about DHCP:\n%s", r.stderr)
			}

			es := h.entries()
			if len(es) != 2 || es[0].Action != journal.SetIP || es[0].Detail != "10.20.30.40/24 gw 10.20.30.1 dns 10.20.30.2 10.20.30.3" || es[1].Detail != "dhcp" {
				t.Errorf("journal: %+v", es)
			}
			h.assertSecretNowhere(adminPassword)
		})
	}
}

func TestSetIPRefusesUnusableSettingsBeforeSendingAnything(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, admin())
	before := cam.Snapshot().Network
	for name, args := range map[string][]string{
		"no prefix":          {"--static", "10.0.0.5"},
		"network address":    {"--static", "10.0.0.0/24"},
		"broadcast address":  {"--static", "10.0.0.255/24"},
		"not an address":     {"--static", "ten.0.0.5/24"},
		"ipv6":               {"--static", "fd00::5/64"},
		"gateway elsewhere":  {"--static", "10.0.0.5/24", "--gateway", "10.0.1.1"},
		"gateway is itself":  {"--static", "10.0.0.5/24", "--gateway", "10.0.0.5"},
		"both modes":         {"--static", "10.0.0.5/24", "--dhcp"},
		"neither mode":       {},
		"gateway with dhcp":  {"--dhcp", "--gateway", "10.0.0.1"},
		"three name servers": {"--dhcp", "--dns", "1.1.1.1", "--dns", "8.8.8.8", "--dns", "9.9.9.9"},
		"/32":                {"--static", "10.0.0.5/32"},
		"/31":                {"--static", "10.0.0.5/31"},
		"/1":                 {"--static", "10.0.0.5/1"},
		"link-local":         {"--static", "169.254.7.8/16"},
		"loopback gateway":   {"--static", "10.0.0.5/24", "--gateway", "127.0.0.1"},
		"multicast gateway":  {"--static", "10.0.0.5/24", "--gateway", "224.0.0.1"},
		"loopback dns":       {"--dhcp", "--dns", "127.0.0.53"},
		"multicast dns":      {"--static", "10.0.0.5/24", "--dns", "224.0.0.251"},
	} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t)
			h.stdin = adminPassword + "\n"
			r := h.run(append([]string{"set-ip", hostOf(cam), "--user", "root"}, args...)...)
			if r.code != exitUsage {
				t.Errorf("exit %d, want %d", r.code, exitUsage)
			}
			if len(h.entries()) != 0 {
				t.Errorf("journaled: %+v", h.entries())
			}
		})
	}
	after := cam.Snapshot().Network
	if after.BootProto != before.BootProto || after.IPAddress != before.IPAddress {
		t.Errorf("the network settings changed: %+v", after)
	}
}
