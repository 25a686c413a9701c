package main

import (
	"context"
	"fmt"
	"net/netip"
	"strings"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/camsim/mdnsresp"
	"github.com/openipu/openipu/core/camsim/ssdpresp"
)

// discoveryFlags say which responders announce the fleet.
type discoveryFlags struct {
	mdns    string // auto|on|off
	ssdp    string // auto|on|off
	hostile string // comma-separated misbehaviour kinds, one extra device each
}

// hostileKinds are the misbehaving devices a hostile-network test mixes in.
var hostileKinds = []string{"location-elsewhere", "huge-description", "slow-description", "malformed", "flood", "claims-elsewhere", "stale-address"}

// check validates the flags. Cameras on loopback (no --ips) announce
// nothing unless asked: their announcements would only leave on the
// computer's real network, where they mean nothing.
func (f *discoveryFlags) check(withIPs bool) ([]string, error) {
	switch f.mdns {
	case "auto":
		f.mdns = map[bool]string{true: "on", false: "off"}[withIPs]
	case "on", "off":
	default:
		return nil, fmt.Errorf("--mdns takes auto, on or off, not %q", f.mdns)
	}
	switch f.ssdp {
	case "auto":
		if !withIPs {
			f.ssdp = "off"
		}
	case "on", "off":
	default:
		return nil, fmt.Errorf("--ssdp takes auto (10.12 and 11.11; off on 12.9, as shipped), on or off, not %q", f.ssdp)
	}
	var kinds []string
	for _, k := range strings.Split(f.hostile, ",") {
		k = strings.TrimSpace(k)
		if k == "" {
			continue
		}
		known := false
		for _, h := range hostileKinds {
			known = known || h == k
		}
		if !known {
			return nil, fmt.Errorf("--hostile: unknown kind %q (known: %s)", k, strings.Join(hostileKinds, ", "))
		}
		kinds = append(kinds, k)
	}
	return kinds, nil
}

// responders are the running announcers.
type responders struct {
	mdns *mdnsresp.Responder
	ssdp *ssdpresp.Responder
}

// start makes and starts the responders the flags ask for. They start
// before the cameras so that every camera's first announcement goes out.
func (f discoveryFlags) start(ctx context.Context) (*responders, []camsim.Announcer, error) {
	r := &responders{}
	var ann []camsim.Announcer
	if f.mdns == "on" {
		m, err := mdnsresp.New(mdnsresp.Options{})
		if err != nil {
			return nil, nil, fmt.Errorf("mDNS responder: %w", err)
		}
		if err := m.Start(ctx); err != nil {
			return nil, nil, fmt.Errorf("mDNS responder: %w", err)
		}
		r.mdns = m
		ann = append(ann, m)
	}
	if f.ssdp != "off" {
		s, err := ssdpresp.New(ssdpresp.Options{EnableOnGen12: f.ssdp == "on"})
		if err != nil {
			r.close()
			return nil, nil, fmt.Errorf("SSDP responder: %w", err)
		}
		if err := s.Start(ctx); err != nil {
			r.close()
			return nil, nil, fmt.Errorf("SSDP responder: %w", err)
		}
		r.ssdp = s
		ann = append(ann, s)
	}
	return r, ann, nil
}

// misbehave turns a camera into the hostile device of kind; other is a
// normal camera's address for a LOCATION that points elsewhere.
func (r *responders) misbehave(mac, kind string, other netip.AddrPort) {
	var m mdnsresp.Misbehaviour
	var s ssdpresp.Misbehaviour
	switch kind {
	case "location-elsewhere":
		s.LocationElsewhere = other
	case "huge-description":
		s.HugeDescription = true
	case "slow-description":
		s.SlowDescription = true
	case "malformed":
		m.Malformed, s.Malformed = true, true
	case "flood":
		m.AnnounceFlood, s.NotifyFlood = 200, 200
	case "claims-elsewhere":
		m.ClaimAddress = other.Addr()
	case "stale-address":
		m.StaleAddress = other.Addr()
	}
	if r.mdns != nil {
		r.mdns.SetMisbehaviour(mac, m)
	}
	if r.ssdp != nil {
		r.ssdp.SetMisbehaviour(mac, s)
	}
}

func (r *responders) close() {
	if r == nil {
		return
	}
	if r.mdns != nil {
		r.mdns.Close()
	}
	if r.ssdp != nil {
		r.ssdp.Close()
	}
}
