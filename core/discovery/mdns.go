package discovery

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/miekg/dns"
	"golang.org/x/net/ipv4"

	"github.com/openipu/openipu/core/netif"
)

var mdnsGroup = &net.UDPAddr{IP: net.IPv4(224, 0, 0, 251), Port: 5353}

// recvBuffer is what we ask the OS for on each socket. A query for one
// service draws every camera's answer within 20–120 ms, and Linux's default
// receive buffer (212992 bytes, about 2 KB charged per datagram) holds only
// about a hundred of them. The OS may cap it.
const recvBuffer = 4 << 20

// maxDatagram is the largest mDNS packet (RFC 6762 §17); anything longer is
// cut and fails to parse.
const maxDatagram = 9000

type datagram struct {
	data  []byte
	from  netip.Addr
	iface string
}

// mdnsBrowser sends one-shot queries on each interface and listens
// passively on port 5353 for announcements and answers to others' queries.
type mdnsBrowser struct {
	ifaces  []netif.Interface
	out     chan<- Sighting
	stats   *counters
	logf    func(string, ...any)
	conns   []mdnsConn
	passive *ipv4.PacketConn

	// ifmu guards ifaces, conns, passive and closed: connections come and
	// go while the schedule sends and the readers place answers.
	ifmu   sync.Mutex
	closed bool // the search ended: no socket opens any more
	// raw is what every socket's reader hands to parse; readers counts
	// them, so that raw closes after the last.
	raw     chan datagram
	readers sync.WaitGroup
	// only, when set, is the one interface query sends on (queryOn). Only
	// the schedule goroutine queries, so it needs no lock.
	only string

	mu    sync.Mutex
	known map[string]map[string]knownAnswer // service -> instance -> answer
}

type mdnsConn struct {
	iface netif.Interface
	pc    *ipv4.PacketConn
}

type knownAnswer struct {
	rr    *dns.PTR
	heard time.Time
}

// ptrTTL is the TTL RFC 6762 §10 recommends for shared records such as
// PTRs. Legacy-unicast answers cap TTLs at 10 s, so the real one is not
// heard; a responder only suppresses a known answer whose TTL is at least
// half the true one, so known answers are sent as if heard by multicast.
const ptrTTL = 4500 * time.Second

// maxKnownListed bounds the known answers one query lists: about 25
// packets, room for every name of a few thousand cameras.
const maxKnownListed = 5000

// knownFor is how long after hearing an answer it is listed as known.
const knownFor = time.Minute

func newMDNSBrowser(ifaces []netif.Interface, out chan<- Sighting, stats *counters, logf func(string, ...any)) *mdnsBrowser {
	return &mdnsBrowser{ifaces: ifaces, out: out, stats: stats, logf: logf, known: map[string]map[string]knownAnswer{}}
}

// start opens the sockets. It fails only when no interface given could be
// used; an interface that fails is logged and skipped, as are passive-
// listening problems (another program may hold port 5353 without sharing
// it). The browser runs on after a failure: connections may come later.
func (b *mdnsBrowser) start(ctx context.Context, wg *sync.WaitGroup) error {
	b.raw = make(chan datagram, 4096)
	b.ifmu.Lock()
	initial := b.ifaces
	b.ifaces = nil
	b.ifmu.Unlock()
	var errs []error
	for _, it := range initial {
		if err := b.addIface(it); err != nil {
			errs = append(errs, err)
			b.logf("mdns: %s: %v", it.Name, err)
		}
	}
	wg.Add(2)
	go func() {
		defer wg.Done()
		<-ctx.Done()
		b.ifmu.Lock()
		b.closed = true
		for _, c := range b.conns {
			c.pc.Close()
		}
		if b.passive != nil {
			b.passive.Close()
		}
		b.ifmu.Unlock()
		b.readers.Wait()
		close(b.raw)
	}()
	go func() {
		defer wg.Done()
		b.parse(ctx, b.raw)
	}()
	if len(errs) > 0 && len(errs) == len(initial) {
		return fmt.Errorf("mDNS: no usable network interface: %w", errors.Join(errs...))
	}
	return nil
}

func openQueryConn(it netif.Interface) (*ipv4.PacketConn, error) {
	src := primaryAddr(it)
	if !src.IsValid() {
		return nil, fmt.Errorf("%s has no IPv4 address", it.Name)
	}
	c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: src.AsSlice()})
	if err != nil {
		return nil, fmt.Errorf("opening an mDNS socket on %s: %w", it.Name, err)
	}
	_ = c.SetReadBuffer(recvBuffer)
	pc := ipv4.NewPacketConn(c)
	ifi := &net.Interface{Index: it.Index, Name: it.Name}
	if err := pc.SetMulticastInterface(ifi); err != nil {
		c.Close()
		return nil, fmt.Errorf("choosing %s for multicast: %w", it.Name, err)
	}
	_ = pc.SetMulticastTTL(255) // RFC 6762 §11
	_ = pc.SetMulticastLoopback(true)
	return pc, nil
}

func openPassiveConn(ifaces []netif.Interface) (*ipv4.PacketConn, error) {
	lc := net.ListenConfig{Control: reuseAddrControl}
	c, err := lc.ListenPacket(context.Background(), "udp4", "0.0.0.0:5353")
	if err != nil {
		return nil, err
	}
	if u, ok := c.(*net.UDPConn); ok {
		_ = u.SetReadBuffer(recvBuffer)
	}
	pc := ipv4.NewPacketConn(c)
	joined := 0
	for _, it := range ifaces {
		if err := pc.JoinGroup(&net.Interface{Index: it.Index, Name: it.Name}, mdnsGroup); err == nil {
			joined++
		}
	}
	if joined == 0 {
		c.Close()
		return nil, errors.New("could not join the mDNS group on any interface")
	}
	_ = pc.SetControlMessage(ipv4.FlagInterface, true)
	_ = pc.SetMulticastTTL(255) // RFC 6762 §11
	_ = pc.SetMulticastLoopback(true)
	return pc, nil
}

// primaryAddr is the interface's first routable IPv4 address, else its
// link-local one.
func primaryAddr(it netif.Interface) netip.Addr {
	var ll netip.Addr
	for _, p := range it.Prefixes {
		if p.Addr().IsLinkLocalUnicast() {
			if !ll.IsValid() {
				ll = p.Addr()
			}
			continue
		}
		return p.Addr()
	}
	return ll
}

// read drains a socket as fast as it can so the kernel buffer does not
// overflow during an answer burst; parsing happens elsewhere.
func (b *mdnsBrowser) read(pc *ipv4.PacketConn, iface string, raw chan<- datagram) {
	buf := make([]byte, maxDatagram+1)
	for {
		n, cm, src, err := pc.ReadFrom(buf)
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		b.stats.received.Add(1)
		if n > maxDatagram {
			b.stats.dropped.Add(1)
			continue
		}
		ua, ok := src.(*net.UDPAddr)
		if !ok {
			continue
		}
		from, ok := netip.AddrFromSlice(ua.IP)
		if !ok {
			continue
		}
		name := iface
		if name == "" && cm != nil {
			name = b.ifaceName(cm.IfIndex)
		}
		d := datagram{data: append([]byte(nil), buf[:n]...), from: from.Unmap(), iface: name}
		select {
		case raw <- d:
		default:
			b.stats.dropped.Add(1)
		}
	}
}

func (b *mdnsBrowser) ifaceName(index int) string {
	b.ifmu.Lock()
	defer b.ifmu.Unlock()
	for _, it := range b.ifaces {
		if it.Index == index {
			return it.Name
		}
	}
	return ""
}

func (b *mdnsBrowser) parse(ctx context.Context, raw <-chan datagram) {
	for d := range raw {
		sightings := parseMDNS(d.data, d.from, d.iface)
		if len(sightings) > 0 {
			b.stats.mdnsAnswers.Add(1)
		}
		iface := d.iface
		if iface == "" && len(sightings) > 0 {
			iface = b.ifaceFor(d.from)
		}
		for i := range sightings {
			if sightings[i].Interface == "" {
				sightings[i].Interface = iface
			}
			b.remember(sightings[i])
		}
		for _, s := range oneSightingPerCamera(sightings) {
			select {
			case b.out <- s:
			case <-ctx.Done():
				return
			}
		}
	}
}

// ifaceFor names the searched interface whose subnet holds addr, for
// passive packets whose arrival interface the OS did not report. Only the
// searched interfaces count: the packet reached one of their sockets.
func (b *mdnsBrowser) ifaceFor(addr netip.Addr) string {
	b.ifmu.Lock()
	defer b.ifmu.Unlock()
	it, _ := netif.InterfaceFor(b.ifaces, addr)
	return it.Name
}

// remember keeps the PTR answers heard, for known-answer suppression.
func (b *mdnsBrowser) remember(s Sighting) {
	if s.Name == "" {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if svc := s.Service; svc != "" {
		m := b.known[svc]
		if m == nil {
			m = map[string]knownAnswer{}
			b.known[svc] = m
		}
		if s.Goodbye {
			delete(m, s.Name)
			return
		}
		if len(m) >= 4096 {
			return
		}
		m[s.Name] = knownAnswer{
			rr: &dns.PTR{
				Hdr: dns.RR_Header{Name: svc, Rrtype: dns.TypePTR, Class: dns.ClassINET},
				Ptr: escapeLabel(s.Name) + "." + svc,
			},
			heard: time.Now(),
		}
	}
}

// knownAnswers lists the PTRs heard recently for svc.
func (b *mdnsBrowser) knownAnswers(svc string) []dns.RR {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := time.Now()
	var out []dns.RR
	for name, ka := range b.known[svc] {
		age := now.Sub(ka.heard)
		if age > knownFor {
			delete(b.known[svc], name)
			continue
		}
		rr := *ka.rr
		rr.Hdr.Ttl = uint32((ptrTTL - age) / time.Second)
		out = append(out, &rr)
	}
	return out
}

// query sends one query for every service type on every interface, listing
// the answers already heard when withKnown is set.
//
// Queries go out from port 5353 when the shared socket could be opened, as
// AXIS IP Utility's do: the cameras then answer by multicast, which reaches
// this computer even from an address it has no route to (a camera on the
// factory address 192.168.0.90 next to a computer on 10.0.4.x cannot send
// a unicast reply back). Without that socket, one-shot queries from each
// interface's own port draw unicast replies (RFC 6762 §6.7) instead.
func (b *mdnsBrowser) query(withKnown bool) {
	var known []dns.RR
	if withKnown {
		for _, svc := range mdnsServices {
			known = append(known, b.knownAnswers(svc)...)
		}
		// Past this, a flood of fake names would make every query a
		// burst of packets; the cameras left out merely answer again.
		known = known[:min(len(known), maxKnownListed)]
	}
	pkts, err := buildMDNSQuery(mdnsServices, known)
	if err != nil {
		b.logf("mdns: building the query: %v", err)
		return
	}
	for _, c := range b.sendConns() {
		for _, pkt := range pkts {
			if err := b.send(c, pkt); err != nil {
				b.logf("mdns: sending on %s: %v", c.iface.Name, err)
				break
			}
			b.stats.sent.Add(1)
		}
	}
}

// send writes one query out of c's interface. Only the schedule goroutine
// sends, so choosing the shared socket's interface before writing is safe.
func (b *mdnsBrowser) send(c mdnsConn, pkt []byte) error {
	passive := b.passiveConn()
	if passive == nil {
		_, err := c.pc.WriteTo(pkt, nil, mdnsGroup)
		return err
	}
	if err := passive.SetMulticastInterface(&net.Interface{Index: c.iface.Index, Name: c.iface.Name}); err != nil {
		_, err := c.pc.WriteTo(pkt, nil, mdnsGroup)
		return err
	}
	_, err := passive.WriteTo(pkt, nil, mdnsGroup)
	return err
}

func escapeLabel(label string) string {
	var b strings.Builder
	for i := 0; i < len(label); i++ {
		c := label[i]
		switch {
		case c == '.' || c == '\\' || c == ' ' || c == '(' || c == ')' || c == ';' || c == '"' || c == '@' || c == '$':
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

// counters are the engine's traffic figures, reported by the benchmark.
type counters struct {
	sent, received, dropped, httpRequests atomic.Int64
	// mdnsAnswers counts the datagrams that answered for a camera: what the
	// cameras and the switches pay for a search.
	mdnsAnswers atomic.Int64
}
