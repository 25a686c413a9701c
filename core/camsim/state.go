package camsim

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"net/netip"
	"slices"
	"time"
)

// State is a snapshot of the camera for tests and the demo UI.
type State struct {
	Online     bool
	NeedsSetup bool
	// Booting is true while systemready still says "no" after a reboot.
	Booting bool
	// Users are the account names, in creation order.
	Users  []string
	BootID string
	// Uptime counts from the last (re)boot; zero while off the network.
	Uptime  time.Duration
	Network NetworkState
	// Resets counts accepted factory defaults, restarts and power cycles.
	Resets int
	// LastReset is "soft", "hard", "restart" or "".
	LastReset string
	// FailedLogins is the total of rejected credentials since New.
	FailedLogins int
	// Logins is the total of accepted credentials since New: requests
	// that passed the login and were allowed what they asked.
	Logins int
	// CertFingerprint is the SHA-256 of the current certificate.
	CertFingerprint string
}

// NetworkState is the IPv4 configuration as the camera stores it. The
// simulator records it but keeps listening where it was started.
type NetworkState struct {
	// BootProto is "dhcp" or "none" (static).
	BootProto string
	// IPAddress, SubnetMask, Broadcast and DefaultRouter are the static
	// configuration: in use when BootProto is "none", the DHCP fallback on
	// firmware before 12 otherwise (factory 192.168.0.90/24).
	IPAddress     string
	SubnetMask    string
	Broadcast     string
	DefaultRouter string
	// DNSServers are the static name servers.
	DNSServers []string
	// UseDHCPResolver says name servers come from DHCP.
	UseDHCPResolver bool
	// DomainName and SearchDomains are the static resolver settings.
	DomainName    string
	SearchDomains []string
	// HostName is the static host name; UseDHCPHostName prefers DHCP's.
	HostName        string
	UseDHCPHostName bool
	// ZeroConf: link-local addressing. On ≤11 it is always on beside the main
	// address; on 12 it is only a fallback when DHCP gives nothing.
	ZeroConfEnabled   bool
	ZeroConfFallback  bool
	ZeroConfIPAddress string
	// StaticDHCPFallback: without a DHCP answer, use IPAddress (≤11 default).
	StaticDHCPFallback bool
}

func (n NetworkState) clone() NetworkState {
	n.DNSServers = slices.Clone(n.DNSServers)
	n.SearchDomains = slices.Clone(n.SearchDomains)
	return n
}

// factoryNetwork is the network configuration of a hard-reset camera
// (docs/protocol.md, Address after a reset; VAPIX-NP).
func factoryNetwork(p *profile, mac string) NetworkState {
	n := NetworkState{
		BootProto:       "dhcp",
		IPAddress:       "192.168.0.90",
		SubnetMask:      "255.255.255.0",
		Broadcast:       "192.168.0.255",
		DefaultRouter:   "192.168.0.1",
		UseDHCPResolver: true,
		HostName:        "axis-" + lowerHex(mac),
		UseDHCPHostName: true,
		ZeroConfEnabled: true,
	}
	if p.compliantIPv4 {
		// 12.x: with DHCP one address only; link-local only as a fallback.
		n.ZeroConfFallback = true
	} else {
		n.StaticDHCPFallback = true
		n.ZeroConfIPAddress = linkLocalFor(mac)
	}
	return n
}

// softKeep applies a soft factory default: only the boot protocol, static
// address, mask, broadcast and router survive (VAPIX-SYS).
func softKeep(p *profile, mac string, old NetworkState) NetworkState {
	n := factoryNetwork(p, mac)
	n.BootProto = old.BootProto
	n.IPAddress = old.IPAddress
	n.SubnetMask = old.SubnetMask
	n.Broadcast = old.Broadcast
	n.DefaultRouter = old.DefaultRouter
	return n
}

// linkLocalFor derives a stable 169.254.x.y address from the MAC, as a
// camera that has always won its ARP probe would keep.
func linkLocalFor(mac string) string {
	b, _ := hex.DecodeString(mac)
	x := 1 + int(b[4])%254
	y := int(b[5])
	return fmt.Sprintf("169.254.%d.%d", x, y)
}

func lowerHex(mac string) string {
	out := []byte(mac)
	for i, c := range out {
		if c >= 'A' && c <= 'F' {
			out[i] = c + 'a' - 'A'
		}
	}
	return string(out)
}

// colonMAC formats 00408C123456 as 00:40:8C:12:34:56 (or lowercase).
func colonMAC(mac string, lower bool) string {
	if lower {
		mac = lowerHex(mac)
	}
	out := make([]byte, 0, 17)
	for i := 0; i < 12; i += 2 {
		if i > 0 {
			out = append(out, ':')
		}
		out = append(out, mac[i], mac[i+1])
	}
	return string(out)
}

// maskToPrefix converts a dotted mask; ok is false for a non-contiguous mask.
func maskToPrefix(mask string) (int, bool) {
	a, err := netip.ParseAddr(mask)
	if err != nil || !a.Is4() {
		return 0, false
	}
	b := a.As4()
	v := binary.BigEndian.Uint32(b[:])
	n := 0
	for v&0x80000000 != 0 {
		n++
		v <<= 1
	}
	if v != 0 {
		return 0, false
	}
	return n, true
}

func prefixToMask(bits int) string {
	v := uint32(0)
	if bits > 0 {
		v = ^uint32(0) << (32 - bits)
	}
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], v)
	return netip.AddrFrom4(b).String()
}

func broadcastOf(addr string, bits int) string {
	a, err := netip.ParseAddr(addr)
	if err != nil || !a.Is4() {
		return ""
	}
	b := a.As4()
	v := binary.BigEndian.Uint32(b[:])
	if bits < 32 {
		v |= ^uint32(0) >> bits
	}
	binary.BigEndian.PutUint32(b[:], v)
	return netip.AddrFrom4(b).String()
}

func validIPv4(s string) bool {
	a, err := netip.ParseAddr(s)
	return err == nil && a.Is4()
}
