package mdnsresp

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/miekg/dns"

	"github.com/openipu/openipu/core/camsim"
)

// TTLs per RFC 6762 §10: records naming a host (A, SRV) live 120 s, the
// others 75 minutes. Legacy unicast answers are capped at 10 s (§6.7).
const (
	hostTTL   = 120
	otherTTL  = 4500
	legacyTTL = 10
)

// cacheFlush is the top bit of the class of a unique record (RFC 6762 §10.2).
const cacheFlush = 1 << 15

// servicesName is the DNS-SD service enumeration name (RFC 6763 §9).
const servicesName = "_services._dns-sd._udp.local."

// rtspPort is what every Axis camera announces for RTSP, whatever the
// simulator serves (docs/protocol.md, mDNS).
const rtspPort = 554

// portKind says which of the camera's ports a service announces.
type portKind int

const (
	portHTTP portKind = iota
	portHTTPS
	portRTSP
)

// service is one DNS-SD service type a camera publishes. The tables below
// are shared, read-only, by every camera.
type service struct {
	typ  string
	port portKind
	txt  func(info camsim.AnnounceInfo) []string
}

// emptyTXT is the one-empty-string TXT record RFC 6763 §6.1 asks for when a
// service has nothing to say. What Axis puts in _http/_https is not recorded.
func emptyTXT(camsim.AnnounceInfo) []string { return []string{""} }

func macTXT(info camsim.AnnounceInfo) []string {
	return []string{"macaddress=" + info.MAC}
}

// rtspTXT: the KB names the keys path and camera; camera=1 (the first video
// source, as in media.amp?camera=1) is inferred.
func rtspTXT(camsim.AnnounceInfo) []string {
	return []string{"path=/axis-media/media.amp", "camera=1"}
}

// vapixTXT is the KB's list for the services added in AXIS OS 11.4; decaf
// is there from 11.11, so on every simulated generation that has them.
func vapixTXT(info camsim.AnnounceInfo) []string {
	return []string{"sn=" + info.MAC, "txtvers=1", "ep=param,apidisc,decaf", "tags="}
}

var (
	svcAxisVideo  = service{"_axis-video._tcp.local.", portHTTP, macTXT}
	svcHTTP       = service{"_http._tcp.local.", portHTTP, emptyTXT}
	svcHTTPS      = service{"_https._tcp.local.", portHTTPS, emptyTXT}
	svcRTSP       = service{"_rtsp._tcp.local.", portRTSP, rtspTXT}
	svcVapixHTTP  = service{"_vapix-http._tcp.local.", portHTTP, vapixTXT}
	svcVapixHTTPS = service{"_vapix-https._tcp.local.", portHTTPS, vapixTXT}

	servicesBefore11 = []service{svcAxisVideo, svcHTTP, svcHTTPS, svcRTSP}
	servicesFrom11   = []service{svcAxisVideo, svcHTTP, svcHTTPS, svcRTSP, svcVapixHTTP, svcVapixHTTPS}
)

// servicesFor lists what a generation publishes: _vapix-http(s) arrived in
// AXIS OS 11.4.
func servicesFor(g camsim.Generation) []service {
	if g == camsim.Gen10 {
		return servicesBefore11
	}
	return servicesFrom11
}

// record is one resource record a camera owns, with what answering needs.
type record struct {
	rr      dns.RR // true TTL; class carries the cache-flush bit if unique
	nameKey string // owner name in comparable form
	key     string // whole record in comparable form, for known answers
	shared  bool
	// extra are indexes of the records that go in the Additional section
	// when this one is an answer (RFC 6763 §12).
	extra []int
}

// camera is one announced camera. It is immutable once published; a new
// Announce replaces it with a new value, which is how pending timers tell
// that their camera is gone.
type camera struct {
	mac string
	// ip is where the camera sends from: its primary (routable when it has
	// one) address. addrs are all its IPv4 addresses, ip first, each an A
	// record: a pre-12 camera publishes its link-local one too
	// (docs/protocol.md, mDNS).
	ip      netip.Addr
	addrs   []netip.Addr
	ifIndex int // 0 when unknown: answers queries from any interface
	name    string
	records []record
	byName  map[string][]int
	// announcement and goodbye are packed once: every record, unique ones
	// flagged, with TTL 0 in the goodbye.
	announcement []byte
	goodbye      []byte
}

// hostName is the SRV target and A owner: axis-<mac lowercase>.local.
func hostName(mac string) string {
	return "axis-" + strings.ToLower(mac) + ".local."
}

// newCamera builds a camera's records. name is its instance name after
// conflict resolution.
// m may change the addresses in its A records (Misbehaviour.ClaimAddress,
// StaleAddress).
func newCamera(info camsim.AnnounceInfo, ip netip.Addr, ifIndex int, name string, m Misbehaviour) (*camera, error) {
	c := &camera{mac: info.MAC, ip: ip, addrs: []netip.Addr{ip}, ifIndex: ifIndex, name: name, byName: map[string][]int{}}
	for _, a := range info.Addrs {
		if a = a.Unmap(); a.Is4() && !slices.Contains(c.addrs, a) {
			c.addrs = append(c.addrs, a)
		}
	}
	host := hostName(info.MAC)
	add := func(rr dns.RR, shared bool) (int, error) {
		if !shared {
			rr.Header().Class |= cacheFlush
		}
		key, err := rrKey(rr)
		if err != nil {
			return 0, err
		}
		nk, err := nameKey(rr.Header().Name)
		if err != nil {
			return 0, err
		}
		c.records = append(c.records, record{rr: rr, nameKey: nk, key: key, shared: shared})
		i := len(c.records) - 1
		c.byName[nk] = append(c.byName[nk], i)
		return i, nil
	}
	var hostRecs []int
	recorded := c.addrs
	switch {
	case m.ClaimAddress.IsValid():
		recorded = []netip.Addr{m.ClaimAddress}
	case m.StaleAddress.IsValid():
		recorded = append([]netip.Addr{m.StaleAddress}, c.addrs...)
	}
	for _, addr := range recorded {
		i, err := add(&dns.A{
			Hdr: dns.RR_Header{Name: host, Rrtype: dns.TypeA, Class: dns.ClassINET, Ttl: hostTTL},
			A:   addr.AsSlice(),
		}, false)
		if err != nil {
			return nil, fmt.Errorf("mdnsresp: host record for %s: %w", info.MAC, err)
		}
		hostRecs = append(hostRecs, i)
	}
	label := escapeLabel(name)
	for _, svc := range servicesFor(info.Generation) {
		port := servicePort(svc.port, info)
		if port == 0 {
			continue // HTTP or HTTPS is off: not advertised (KB)
		}
		instance := label + "." + svc.typ
		srv, err := add(&dns.SRV{
			Hdr:  dns.RR_Header{Name: instance, Rrtype: dns.TypeSRV, Class: dns.ClassINET, Ttl: hostTTL},
			Port: port, Target: host,
		}, false)
		if err != nil {
			return nil, fmt.Errorf("mdnsresp: instance %q: %w", instance, err)
		}
		txt, err := add(&dns.TXT{
			Hdr: dns.RR_Header{Name: instance, Rrtype: dns.TypeTXT, Class: dns.ClassINET, Ttl: otherTTL},
			Txt: escapeTXT(svc.txt(info)),
		}, false)
		if err != nil {
			return nil, fmt.Errorf("mdnsresp: instance %q: %w", instance, err)
		}
		ptr, err := add(&dns.PTR{
			Hdr: dns.RR_Header{Name: svc.typ, Rrtype: dns.TypePTR, Class: dns.ClassINET, Ttl: otherTTL},
			Ptr: instance,
		}, true)
		if err != nil {
			return nil, fmt.Errorf("mdnsresp: instance %q: %w", instance, err)
		}
		if _, err := add(&dns.PTR{
			Hdr: dns.RR_Header{Name: servicesName, Rrtype: dns.TypePTR, Class: dns.ClassINET, Ttl: otherTTL},
			Ptr: svc.typ,
		}, true); err != nil {
			return nil, err
		}
		c.records[ptr].extra = append([]int{srv, txt}, hostRecs...)
		c.records[srv].extra = slices.Clone(hostRecs)
	}
	if len(c.records) == len(hostRecs) {
		return nil, fmt.Errorf("mdnsresp: camera %s has neither HTTP nor HTTPS on", info.MAC)
	}
	var err2 error
	if c.announcement, err2 = c.unsolicited(false); err2 != nil {
		return nil, err2
	}
	if c.goodbye, err2 = c.unsolicited(true); err2 != nil {
		return nil, err2
	}
	return c, nil
}

func servicePort(k portKind, info camsim.AnnounceInfo) uint16 {
	switch k {
	case portHTTP:
		if info.HTTPAddr.IsValid() {
			return info.HTTPAddr.Port()
		}
	case portHTTPS:
		if info.HTTPSAddr.IsValid() {
			return info.HTTPSAddr.Port()
		}
	case portRTSP:
		return rtspPort
	}
	return 0
}

// unsolicited packs every record of the camera into one response: an
// announcement (RFC 6762 §8.3) or, with TTL 0, a goodbye (§10.1). The
// goodbye carries the TXT records too: a browser needs the MAC in them to
// know which camera left.
func (c *camera) unsolicited(goodbye bool) ([]byte, error) {
	m := newResponse()
	for _, rec := range c.records {
		rr := dns.Copy(rec.rr)
		if goodbye {
			rr.Header().Ttl = 0
		}
		m.Answer = append(m.Answer, rr)
	}
	b, err := m.Pack()
	if err != nil {
		return nil, fmt.Errorf("mdnsresp: packing the announcement of %s: %w", c.mac, err)
	}
	return b, nil
}

// newResponse is an empty mDNS response: ID 0, authoritative, compressed
// (RFC 6762 §18).
func newResponse() *dns.Msg {
	m := new(dns.Msg)
	m.Response = true
	m.Authoritative = true
	m.Compress = true
	return m
}

// escapeLabel turns an instance name into one label in miekg/dns
// presentation form. Names are cut at 63 bytes, the DNS label limit.
func escapeLabel(name string) string {
	if len(name) > 63 {
		name = name[:63]
	}
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '.' || c == ' ' || c == '\'' || c == '@' || c == ';' || c == '(' || c == ')' || c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < ' ' || c > '~':
			fmt.Fprintf(&b, "\\%03d", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// escapeTXT protects TXT strings from miekg/dns' presentation-form parsing.
func escapeTXT(in []string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = txtEscaper.Replace(s)
	}
	return out
}

// txtEscaper is built once: a fleet of a thousand cameras escapes a few
// TXT strings each when it is announced.
var txtEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)
