// Package discovery finds Axis cameras on every network connection of this
// computer at once — mDNS/DNS-SD, SSDP (active and passive), and unicast
// probes of single addresses or ranges — and merges what it hears into one
// device per MAC address, enriched through the camera's anonymous HTTP probes
// and explained in plain words when it cannot be reached.
//
// The engine streams events (added, updated, lost) so that the window and the
// command line show cameras the moment they answer.
package discovery

import (
	"net/netip"
	"slices"
	"time"
)

// Source names how a camera was heard of.
type Source string

const (
	SourceMDNS   Source = "mdns"
	SourceSSDP   Source = "ssdp"
	SourceManual Source = "manual" // added by IP address or host name
	SourceScan   Source = "scan"   // found by scanning an address range
)

// Setup is whether a camera still needs its first password.
type Setup int

const (
	SetupUnknown Setup = iota
	SetupNeeded
	SetupDone
)

func (s Setup) String() string {
	switch s {
	case SetupNeeded:
		return "needs_setup"
	case SetupDone:
		return "ready"
	}
	return "unknown"
}

// Device is everything known about one camera. Values are snapshots: the
// engine never changes a Device after handing it out.
type Device struct {
	MAC      string // 12 uppercase hex digits; equals the serial number on Axis
	Serial   string
	Model    string // e.g. "AXIS M1075-L"
	FullName string // e.g. "AXIS M1075-L Box Camera"
	Firmware string // e.g. "12.9.57"
	Name     string // friendly name as announced

	Addresses []netip.Addr // best first: reachable, routable, then link-local
	// AnnouncedBy is the mDNS gateway that last answered on the camera's
	// behalf; unset when the camera was last heard answering for itself.
	AnnouncedBy netip.Addr
	HTTPPort    int
	HTTPSPort   int
	HTTPURL     string
	Setup       Setup
	Sources     []Source
	Interfaces  []string // local network connections that heard it

	FirstSeen time.Time
	LastSeen  time.Time
	Lost      bool // not heard from since LastSeen
	Enriched  bool // the anonymous HTTP probe answered at least once
	Diagnosis Diagnosis
}

// NeedsSetup reports whether the camera is known to need its first password.
func (d Device) NeedsSetup() bool { return d.Setup == SetupNeeded }

// HasSource reports whether src contributed to the device.
func (d Device) HasSource(src Source) bool { return slices.Contains(d.Sources, src) }

// Sighting is one observation of a camera by one source.
type Sighting struct {
	MAC       string
	Source    Source
	Interface string     // the local interface that received it; "" for unicast
	Addr      netip.Addr // where it was seen (the packet's sender or its A record)
	Extra     []netip.Addr
	// Via is who sent an answer on the camera's behalf (an mDNS gateway),
	// and Claimed the addresses that answer gave it: not the camera's until
	// a probe at one of them finds this MAC. Addr is then unset.
	Via       netip.Addr
	Claimed   []netip.Addr
	HTTPPort  int
	HTTPSPort int
	Model     string
	FullName  string
	Serial    string
	Name      string
	// Service is the DNS-SD service type an mDNS sighting answered for.
	Service string
	// TTL is how long this sighting stays valid without news (mDNS TTL,
	// SSDP max-age). Zero means the engine's default for the source.
	TTL time.Duration
	// Goodbye withdraws the sighting (ssdp:byebye, mDNS TTL 0).
	Goodbye bool
}

// AxisOUIs are the vendor prefixes registered to Axis Communications AB.
var AxisOUIs = []string{"00408C", "ACCC8E", "B8A44F", "E82725"}

// IsAxisMAC reports whether mac (normalised) has an Axis vendor prefix.
func IsAxisMAC(mac string) bool {
	return len(mac) == 12 && slices.Contains(AxisOUIs, mac[:6])
}
