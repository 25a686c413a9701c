package camsim

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// MaxFleet caps a fleet and an IP range.
const MaxFleet = 4096

// FleetConfig describes many cameras at once.
type FleetConfig struct {
	Count int
	// Firmware is "10.12", "11.11", "12.9" (or a full version), or "mixed"
	// for round-robin over the three; empty means "mixed".
	Firmware string
	// IPs: camera i binds IPs[i]. Empty puts every camera on 127.0.0.1 with
	// its own ephemeral port pair.
	IPs []netip.Addr
	// HTTPPort and HTTPSPort are used with IPs (0 = ephemeral).
	HTTPPort, HTTPSPort int
	ResetDowntime       time.Duration
	// Latency, when set, is every camera's (Config.Latency); each draws
	// its own delays.
	Latency LatencyRange
	// Template supplies the remaining Config fields (durations, announcers,
	// log); its MAC, Model, Generation and addresses are ignored.
	Template Config
}

// NewFleet prepares cfg.Count cameras with distinct MACs; each generation
// cycles through its models in a fixed order. Nothing listens until each
// camera's Start (or StartAll).
func NewFleet(cfg FleetConfig) ([]*Camera, error) {
	if cfg.Count < 1 || cfg.Count > MaxFleet {
		return nil, fmt.Errorf("camsim: fleet size %d out of range 1-%d", cfg.Count, MaxFleet)
	}
	if len(cfg.IPs) > 0 && len(cfg.IPs) < cfg.Count {
		return nil, fmt.Errorf("camsim: %d cameras but only %d addresses", cfg.Count, len(cfg.IPs))
	}
	var gens []Generation
	switch strings.ToLower(strings.TrimSpace(cfg.Firmware)) {
	case "", "mixed":
		gens = Generations
	default:
		g, err := ParseGeneration(cfg.Firmware)
		if err != nil {
			return nil, err
		}
		gens = []Generation{g}
	}
	seen := map[string]bool{}
	perGen := map[Generation]int{}
	cams := make([]*Camera, 0, cfg.Count)
	for i := 0; i < cfg.Count; i++ {
		g := gens[i%len(gens)]
		c := cfg.Template
		c.MAC = ""
		c.Generation = g
		models := modelsByGen[g]
		c.Model = models[perGen[g]%len(models)]
		perGen[g]++
		for c.MAC == "" || seen[c.MAC] {
			mac, err := RandomMAC()
			if err != nil {
				return nil, err
			}
			c.MAC = mac
		}
		seen[c.MAC] = true
		if cfg.ResetDowntime != 0 {
			c.ResetDowntime = cfg.ResetDowntime
		}
		if cfg.Latency != (LatencyRange{}) {
			c.Latency = cfg.Latency
		}
		httpsOff := strings.EqualFold(cfg.Template.HTTPSAddr, "off")
		c.HTTPAddr, c.HTTPSAddr = "127.0.0.1:0", "127.0.0.1:0"
		if len(cfg.IPs) > 0 {
			ip := cfg.IPs[i].String()
			c.HTTPAddr = joinHostPort(ip, cfg.HTTPPort)
			c.HTTPSAddr = joinHostPort(ip, cfg.HTTPSPort)
		}
		if httpsOff {
			c.HTTPSAddr = "off"
		}
		cam, err := New(c)
		if err != nil {
			return nil, fmt.Errorf("camsim: camera %d: %w", i, err)
		}
		cams = append(cams, cam)
	}
	return cams, nil
}

func joinHostPort(ip string, port int) string {
	if strings.Contains(ip, ":") {
		return "[" + ip + "]:" + strconv.Itoa(port)
	}
	return ip + ":" + strconv.Itoa(port)
}

// StartAll starts every camera; on failure it closes the ones it started.
func StartAll(cams []*Camera) error {
	for i, c := range cams {
		if err := c.Start(); err != nil {
			_ = CloseAll(cams[:i])
			return fmt.Errorf("camsim: start camera %s: %w", c.MAC(), err)
		}
	}
	return nil
}

// CloseAll closes every camera.
func CloseAll(cams []*Camera) error {
	var errs []error
	for _, c := range cams {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}

// ParseIPRange parses "10.0.0.10-10.0.0.20" (inclusive) or a single address,
// up to MaxFleet addresses.
func ParseIPRange(s string) ([]netip.Addr, error) {
	s = strings.TrimSpace(s)
	first, last, isRange := strings.Cut(s, "-")
	a, err := netip.ParseAddr(strings.TrimSpace(first))
	if err != nil {
		return nil, fmt.Errorf("camsim: IP range %q: %w", s, err)
	}
	if !isRange {
		return []netip.Addr{a}, nil
	}
	b, err := netip.ParseAddr(strings.TrimSpace(last))
	if err != nil {
		return nil, fmt.Errorf("camsim: IP range %q: %w", s, err)
	}
	if a.Is4() != b.Is4() || b.Less(a) {
		return nil, fmt.Errorf("camsim: IP range %q: end before start", s)
	}
	var out []netip.Addr
	for x := a; ; x = x.Next() {
		if len(out) == MaxFleet {
			return nil, fmt.Errorf("camsim: IP range %q: more than %d addresses", s, MaxFleet)
		}
		out = append(out, x)
		if x == b {
			return out, nil
		}
	}
}
