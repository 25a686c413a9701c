package discovery

import (
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/miekg/dns"

	"github.com/openipu/openipu/core/devtext"
	"github.com/openipu/openipu/core/macaddr"
)

// The DNS-SD service types Axis devices announce (docs/protocol.md, mDNS).
// _axis-video is every camera; _vapix-http(s) arrive with AXIS OS 11.4 and
// carry the serial; nvr and bwsc are recorders and body-worn systems.
var mdnsServices = []string{
	"_axis-video._tcp.local.",
	"_vapix-http._tcp.local.",
	"_vapix-https._tcp.local.",
	"_axis-nvr._tcp.local.",
	"_axis-bwsc._tcp.local.",
}

// MDNSServiceTypes are the DNS-SD service types discovery queries, for the
// places outside the code that must name them too (the macOS app's
// NSBonjourServices, which macOS checks every browse against).
func MDNSServiceTypes() []string { return slices.Clone(mdnsServices) }

// maxMDNSRecords bounds the work one packet can cause; a camera's answer
// carries a handful of records.
const maxMDNSRecords = 64

// parseMDNS turns one mDNS response into sightings. from is the packet's
// sender, iface the interface it came in on. Every field is untrusted: the
// MAC must be a real MAC, and address records are believed as they are
// only when the sender is among them (a camera answering for itself). An
// answer from elsewhere is an mDNS gateway's (a router re-sending a camera
// VLAN's answers) or a forgery: its private, link-local or unique-local
// address records come back as Claimed, for the engine to check with one
// anonymous probe each before they are the camera's; the sender stands in
// only when there is no such record.
func parseMDNS(data []byte, from netip.Addr, iface string) []Sighting {
	var m dns.Msg
	if err := m.Unpack(data); err != nil || !m.Response {
		return nil
	}
	rrs := make([]dns.RR, 0, len(m.Answer)+len(m.Extra))
	rrs = append(rrs, m.Answer...)
	rrs = append(rrs, m.Extra...)
	if len(rrs) > maxMDNSRecords {
		rrs = rrs[:maxMDNSRecords]
	}
	type instance struct {
		name    string // as sent: the label keeps its case
		service string
		ttl     uint32
		hasTTL  bool
		target  string
		port    uint16
		txt     map[string]string
	}
	instances := map[string]*instance{}
	get := func(name string) *instance {
		key := strings.ToLower(name)
		svc := serviceOf(key)
		if svc == "" {
			return nil
		}
		in, ok := instances[key]
		if !ok {
			in = &instance{name: name, service: svc}
			instances[key] = in
		}
		return in
	}
	hosts := map[string][]netip.Addr{}
	for _, rr := range rrs {
		switch r := rr.(type) {
		case *dns.PTR:
			if serviceOf(strings.ToLower(r.Ptr)) == "" {
				continue
			}
			if in := get(r.Ptr); in != nil {
				in.ttl, in.hasTTL = r.Hdr.Ttl, true
			}
		case *dns.SRV:
			if in := get(r.Hdr.Name); in != nil {
				in.target, in.port = strings.ToLower(r.Target), r.Port
				if !in.hasTTL {
					in.ttl, in.hasTTL = r.Hdr.Ttl, true
				}
			}
		case *dns.TXT:
			if in := get(r.Hdr.Name); in != nil {
				in.txt = parseTXT(r.Txt)
			}
		case *dns.A:
			if a, ok := netip.AddrFromSlice(r.A.To4()); ok {
				h := strings.ToLower(r.Hdr.Name)
				if len(hosts[h]) < 8 {
					hosts[h] = append(hosts[h], a)
				}
			}
		case *dns.AAAA:
			if a, ok := netip.AddrFromSlice(r.AAAA.To16()); ok {
				h := strings.ToLower(r.Hdr.Name)
				if len(hosts[h]) < 8 {
					hosts[h] = append(hosts[h], a)
				}
			}
		}
	}
	var out []Sighting
	for _, in := range instances {
		mac := macaddr.Normalize(in.txt["macaddress"])
		if mac == "" {
			mac = macaddr.Normalize(in.txt["sn"])
		}
		if mac == "" {
			// Never guess it from the instance name: AXIS OS 11 and 12 may
			// announce the bare model there, and a user may rename it.
			continue
		}
		s := Sighting{MAC: mac, Source: SourceMDNS, Interface: iface, Addr: from, Service: in.service}
		// The instance name is whatever the device (or its user) chose; it
		// is shown, so it is cleaned here, where it is read.
		label := devtext.Clean(firstLabel(in.name))
		s.Name = label
		s.Model = modelFromInstance(label)
		if sn := macaddr.Normalize(in.txt["sn"]); sn != "" {
			s.Serial = sn
		}
		addrs := hosts[in.target]
		switch {
		case slices.Contains(addrs, from):
			for _, a := range addrs {
				if a != from && usable(a, iface) {
					s.Extra = append(s.Extra, withZone(a, iface))
				}
			}
		default:
			for _, a := range addrs {
				if usable(a, iface) {
					s.Claimed = append(s.Claimed, withZone(a, iface))
				}
			}
			if len(s.Claimed) > 0 {
				s.Addr, s.Via = netip.Addr{}, from
			}
		}
		switch in.service {
		case "_vapix-https._tcp.local.":
			s.HTTPSPort = int(in.port)
		case "_axis-video._tcp.local.", "_vapix-http._tcp.local.":
			s.HTTPPort = int(in.port)
		}
		if in.hasTTL {
			if in.ttl == 0 {
				s.Goodbye = true
			} else {
				s.TTL = time.Duration(in.ttl) * time.Second
			}
		}
		out = append(out, s)
	}
	return out
}

// claimable reports whether an address record may name a camera: private,
// link-local or unique-local. Loopback, multicast and public addresses
// would point the probe at this computer, a group or the internet.
func claimable(a netip.Addr) bool {
	a = a.Unmap()
	return a.IsPrivate() || a.IsLinkLocalUnicast()
}

// usable reports whether an address record heard on iface can be tried: it
// is claimable, and an IPv6 link-local one needs the interface as its zone.
func usable(a netip.Addr, iface string) bool {
	return claimable(a) && (a.Is4() || a.Is4In6() || !a.IsLinkLocalUnicast() || iface != "")
}

// withZone scopes an IPv6 link-local address to the interface it was heard
// on, without which it cannot be reached.
func withZone(a netip.Addr, iface string) netip.Addr {
	if a.Is6() && !a.Is4In6() && a.IsLinkLocalUnicast() && iface != "" {
		return a.WithZone(iface)
	}
	return a.Unmap()
}

// serviceOf returns which of our service types an instance or service name
// belongs to, or "".
func serviceOf(lowerName string) string {
	for _, s := range mdnsServices {
		if lowerName == s || strings.HasSuffix(lowerName, "."+s) {
			return s
		}
	}
	return ""
}

func parseTXT(txt []string) map[string]string {
	m := make(map[string]string, len(txt))
	for i, kv := range txt {
		if i >= 32 {
			break
		}
		k, v, _ := strings.Cut(kv, "=")
		m[strings.ToLower(k)] = v
	}
	return m
}

// firstLabel unescapes the instance label of a DNS-SD name
// ("AXIS\ M1075-L\ -\ ACCC8E270AD8._axis-video._tcp.local.").
func firstLabel(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '.':
			return b.String()
		case c == '\\' && i+3 < len(name) && isDigit(name[i+1]) && isDigit(name[i+2]) && isDigit(name[i+3]):
			v := int(name[i+1]-'0')*100 + int(name[i+2]-'0')*10 + int(name[i+3]-'0')
			if v < 256 {
				b.WriteByte(byte(v))
			}
			i += 3
		case c == '\\' && i+1 < len(name):
			b.WriteByte(name[i+1])
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// modelFromInstance takes "AXIS M1075-L - ACCC8E270AD8" or "AXIS M1075-L (2)"
// to "AXIS M1075-L". Names a user changed are not models: "" then.
func modelFromInstance(label string) string {
	if !strings.HasPrefix(label, "AXIS ") {
		return ""
	}
	if i := strings.Index(label, " - "); i > 0 {
		label = label[:i]
	}
	if i := strings.LastIndex(label, " ("); i > 0 && strings.HasSuffix(label, ")") {
		label = label[:i]
	}
	return strings.TrimSpace(label)
}

// maxQueryPacket is the largest query OpenIPU sends: RFC 6762 §17 allows
// 9000 bytes including the IP and UDP headers.
const maxQueryPacket = 8900

// buildMDNSQuery makes one PTR query asking for every service at once, so
// that a camera answers all of them in one packet, followed by the known
// answers (RFC 6762 §7.1) that do not fit it: each packet but the last has
// the TC bit, and the packets after the first carry known answers only
// (§7.2), so that every camera already heard stays quiet however large the
// fleet. The known answers are bounded by the caller (the browser keeps at
// most a few thousand).
func buildMDNSQuery(services []string, known []dns.RR) ([][]byte, error) {
	first := new(dns.Msg)
	for _, svc := range services {
		first.Question = append(first.Question, dns.Question{Name: svc, Qtype: dns.TypePTR, Qclass: dns.ClassINET})
	}
	msgs := []*dns.Msg{first}
	cur, size := first, first.Len()
	for _, rr := range known {
		n := dns.Len(rr) // upper bound; compression only shrinks it
		if size+n > maxQueryPacket {
			cur.Truncated = true
			cur = new(dns.Msg)
			msgs = append(msgs, cur)
			size = cur.Len()
		}
		cur.Answer = append(cur.Answer, rr)
		size += n
	}
	out := make([][]byte, 0, len(msgs))
	for _, m := range msgs {
		b, err := m.Pack()
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// oneSightingPerCamera merges the sightings one packet gave of the same
// camera (AXIS OS 11.4 and later answer for _axis-video, _vapix-http and
// _vapix-https at once) into one, so that a camera's answer is one change
// to the list rather than three. Values are taken in the order of
// mdnsServices; a goodbye for one service does not withdraw a camera that
// the same packet shows alive under another.
func oneSightingPerCamera(ss []Sighting) []Sighting {
	if len(ss) < 2 {
		return ss
	}
	rank := func(s Sighting) int {
		if i := slices.Index(mdnsServices, s.Service); i >= 0 {
			return i
		}
		return len(mdnsServices)
	}
	slices.SortStableFunc(ss, func(a, b Sighting) int { return rank(a) - rank(b) })
	var out []Sighting
	at := map[string]int{}
	for _, s := range ss {
		i, seen := at[s.MAC]
		if !seen {
			at[s.MAC] = len(out)
			out = append(out, s)
			continue
		}
		m := &out[i]
		if m.Goodbye && !s.Goodbye {
			s.Extra = append(s.Extra, m.Extra...)
			s.Claimed = append(s.Claimed, m.Claimed...)
			*m = s
			continue
		}
		if s.Goodbye {
			continue
		}
		if !m.Addr.IsValid() {
			m.Addr = s.Addr
		}
		if !m.Via.IsValid() {
			m.Via = s.Via
		}
		for _, a := range s.Extra {
			if a != m.Addr && !slices.Contains(m.Extra, a) {
				m.Extra = append(m.Extra, a)
			}
		}
		for _, a := range s.Claimed {
			if !slices.Contains(m.Claimed, a) {
				m.Claimed = append(m.Claimed, a)
			}
		}
		// The first service's values stand; the others only fill gaps.
		fillIf(&m.Model, s.Model)
		fillIf(&m.Serial, s.Serial)
		fillIf(&m.Name, s.Name)
		if m.HTTPPort == 0 {
			m.HTTPPort = s.HTTPPort
		}
		if m.HTTPSPort == 0 {
			m.HTTPSPort = s.HTTPSPort
		}
		if m.TTL == 0 || s.TTL > 0 && s.TTL < m.TTL {
			m.TTL = s.TTL
		}
	}
	return out
}

// fillIf sets *dst to v when *dst is still empty.
func fillIf(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}
