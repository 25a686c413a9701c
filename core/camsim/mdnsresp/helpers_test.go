package mdnsresp

import (
	"context"
	"math/rand/v2"
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"
	"golang.org/x/net/ipv4"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/camsim/internal/nstest"
	"github.com/openipu/openipu/core/netif"
)

// camInfo is what a simulated camera of gen announces: the Bonjour name
// carries the MAC on 10.12 only (recorded; docs/protocol.md, mDNS).
func camInfo(mac string, gen camsim.Generation, model string, ip netip.Addr, httpsOn bool) camsim.AnnounceInfo {
	short := "AXIS " + model
	info := camsim.AnnounceInfo{
		MAC: mac, Model: model, ProdShortName: short, FullName: short + " Box Camera",
		Firmware: gen.FirmwareVersion(), Generation: gen,
		HTTPAddr:         netip.AddrPortFrom(ip, 80),
		NeedsSetup:       true,
		FriendlyNameUPnP: short + " - " + mac,
	}
	if httpsOn {
		info.HTTPSAddr = netip.AddrPortFrom(ip, 443)
	}
	info.FriendlyNameBonjour = short
	if gen == camsim.Gen10 {
		info.FriendlyNameBonjour = short + " - " + mac
	}
	return info
}

// startResponder runs a responder on the cameras' side of the test network.
func startResponder(t *testing.T) *Responder {
	t.Helper()
	r, err := New(Options{
		Interfaces: []net.Interface{*tnet.Cams},
		Rand:       rand.NewPCG(1, 2),
		Logf:       t.Logf,
	})
	if err != nil {
		t.Fatal(err)
	}
	nstest.Start(t, r)
	return r
}

// packet is one datagram the querier received.
type packet struct {
	msg *dns.Msg // nil when it does not parse
	raw []byte
	src netip.AddrPort
	dst netip.Addr
	at  time.Time
}

// querier is the browser's side: a socket on the client end of the pair.
type querier struct {
	t  *testing.T
	pc *ipv4.PacketConn
	in <-chan nstest.Datagram
}

// newQuerier binds addr ("0.0.0.0:5353" to hear multicast answers like a
// full mDNS browser, "10.77.0.2:0" to be a legacy resolver).
func newQuerier(t *testing.T, addr string) *querier {
	t.Helper()
	lc := net.ListenConfig{Control: netif.SharePort}
	c, err := lc.ListenPacket(context.Background(), "udp4", addr)
	if err != nil {
		t.Fatal(err)
	}
	var group netip.AddrPort
	if strings.HasSuffix(addr, ":5353") {
		group = mdnsGroup
	}
	// 9001 bytes: a datagram past mDNS's 9000-byte limit (RFC 6762 §17)
	// arrives cut and fails to parse.
	pc, in := tnet.Listen(t, c, group, 9001, nil)
	return &querier{t: t, pc: pc, in: in}
}

// send multicasts m to the mDNS group and returns when it left.
func (q *querier) send(m *dns.Msg) time.Time {
	q.t.Helper()
	b, err := m.Pack()
	if err != nil {
		q.t.Fatal(err)
	}
	return q.sendRaw(b, mdnsGroup)
}

func (q *querier) sendRaw(b []byte, dst netip.AddrPort) time.Time {
	q.t.Helper()
	at := time.Now()
	if _, err := q.pc.WriteTo(b, nil, net.UDPAddrFromAddrPort(dst)); err != nil {
		q.t.Fatal(err)
	}
	return at
}

// giveUp bounds a wait for packets that a working responder sends within
// a second; only a broken one takes it, as a loaded machine is merely
// slower.
const giveUp = 20 * time.Second

// until returns the mDNS responses that arrived, from anyone but the
// querier itself, once enough says they are all there.
func (q *querier) until(enough func([]packet) bool) []packet {
	q.t.Helper()
	var out []packet
	deadline := time.After(giveUp)
	for !enough(out) {
		select {
		case x := <-q.in:
			if p, ok := responseOf(x); ok {
				out = append(out, p)
			}
		case <-deadline:
			q.t.Fatalf("still waiting after %v; %d packets came: %v", giveUp, len(out), keys(bySource(out)))
		}
	}
	return out
}

// arrived returns the responses that have arrived and not been collected,
// without waiting: what came in behind the ones a test waited for.
func (q *querier) arrived() []packet {
	var out []packet
	for {
		select {
		case x := <-q.in:
			if p, ok := responseOf(x); ok {
				out = append(out, p)
			}
		default:
			return out
		}
	}
}

// settle waits for the two announcements each of the cameras at ips makes
// when it appears, so they are not taken for answers.
func (q *querier) settle(ips ...netip.Addr) {
	q.t.Helper()
	q.until(each(ips, 2, announcement))
}

func responseOf(x nstest.Datagram) (packet, bool) {
	if x.Src.Addr() == tnet.ClientIP {
		return packet{}, false // our own, looped back
	}
	p := packet{raw: x.Data, src: x.Src, dst: x.Dst, at: x.At}
	var m dns.Msg
	if m.Unpack(p.raw) == nil {
		p.msg = &m
	}
	return p, p.msg == nil || p.msg.Response
}

// each is enough once every address in ips has sent n parsable responses
// that match.
func each(ips []netip.Addr, n int, match func(packet) bool) func([]packet) bool {
	return func(ps []packet) bool {
		count := map[netip.Addr]int{}
		for _, p := range ps {
			if p.msg != nil && match(p) {
				count[p.src.Addr()]++
			}
		}
		for _, ip := range ips {
			if count[ip] < n {
				return false
			}
		}
		return true
	}
}

// announcement matches a camera's unsolicited announcement, which carries
// its address records as answers; an answer to a query carries them as
// additionals, if at all.
func announcement(p packet) bool {
	return len(records[*dns.A](&dns.Msg{Answer: p.msg.Answer})) > 0
}

// answersTo matches an answer to a query for name.
func answersTo(name string) func(packet) bool {
	return func(p packet) bool {
		if announcement(p) {
			return false
		}
		for _, rr := range p.msg.Answer {
			if rr.Header().Name == name {
				return true
			}
		}
		return false
	}
}

// only keeps the packets that match.
func only(ps []packet, match func(packet) bool) []packet {
	var out []packet
	for _, p := range ps {
		if p.msg != nil && match(p) {
			out = append(out, p)
		}
	}
	return out
}

// answered keeps the parsable responses, grouped by source address.
func bySource(ps []packet) map[netip.Addr][]packet {
	m := map[netip.Addr][]packet{}
	for _, p := range ps {
		if p.msg != nil {
			m[p.src.Addr()] = append(m[p.src.Addr()], p)
		}
	}
	return m
}

func ptrQuery(name string) *dns.Msg {
	m := new(dns.Msg)
	m.Question = []dns.Question{{Name: name, Qtype: dns.TypePTR, Qclass: dns.ClassINET}}
	return m
}

// records gathers a response's records of one type from both sections.
func records[T dns.RR](m *dns.Msg) []T {
	var out []T
	for _, rr := range append(append([]dns.RR{}, m.Answer...), m.Extra...) {
		if x, ok := rr.(T); ok {
			out = append(out, x)
		}
	}
	return out
}

// unescape turns miekg/dns' presentation form of a label back into text.
func unescape(label string) string {
	var b strings.Builder
	for i := 0; i < len(label); i++ {
		if label[i] == '\\' && i+1 < len(label) {
			i++
		}
		b.WriteByte(label[i])
	}
	return b.String()
}

// instanceOf splits "AXIS\ M1075-L._axis-video._tcp.local." into the
// instance name.
func instanceOf(name string) string {
	for i := 0; i < len(name); i++ {
		switch name[i] {
		case '\\':
			i++
		case '.':
			return unescape(name[:i])
		}
	}
	return unescape(name)
}
