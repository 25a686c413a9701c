package mdnsresp

import (
	"errors"
	"net"
	"net/netip"
	"slices"
	"time"

	"github.com/miekg/dns"
	"golang.org/x/net/ipv4"
)

// Bounds on the work one query can cause. A packet holds at most a few
// hundred known answers (RFC 6762 §17: 9000 bytes); a query continued over
// several packets (§7.2) lists a whole fleet's, a few per camera.
const (
	maxPacket       = 9000
	maxQuestions    = 32
	maxKnownAnswers = 16384
)

// The answer delay for shared records (RFC 6762 §6). Answers made only of
// unique records go out at once, as the RFC asks.
const (
	minDelay = 20 * time.Millisecond
	maxDelay = 120 * time.Millisecond
)

// qclassUnicast is the QU bit in a question's class (RFC 6762 §5.4).
const qclassUnicast = 1 << 15

func (r *Responder) read(pc *ipv4.PacketConn) {
	buf := make([]byte, maxPacket+1)
	for {
		n, cm, src, err := pc.ReadFrom(buf)
		if err != nil {
			if errors.Is(err, net.ErrClosed) || r.closed.Load() {
				return
			}
			continue
		}
		if n > maxPacket {
			continue
		}
		ua, ok := src.(*net.UDPAddr)
		if !ok {
			continue
		}
		r.handle(buf[:n], cm, ua.AddrPort())
	}
}

// reply is what one camera answers to one query.
type reply struct {
	cam     *camera
	answers []int
	allQU   bool
}

// handle answers one query packet for every camera that can answer it: one
// packet per camera, each after its own delay.
func (r *Responder) handle(pkt []byte, cm *ipv4.ControlMessage, from netip.AddrPort) {
	var q dns.Msg
	if err := q.Unpack(pkt); err != nil {
		return
	}
	if q.Response || q.Opcode != dns.OpcodeQuery || q.Rcode != dns.RcodeSuccess {
		return // RFC 6762 §18: ignore responses and anything but plain queries
	}
	if len(q.Question) > maxQuestions {
		return
	}
	from = netip.AddrPortFrom(from.Addr().Unmap(), from.Port())
	if len(q.Question) == 0 || q.Truncated {
		// Known answers that did not fit one packet (RFC 6762 §7.2):
		// held until the last packet of the query, or a moment.
		r.continued(&q, cm, from)
		return
	}
	r.answer(&q, cm, from)
}

// truncatedWait is how long a query with the TC bit waits for the rest of
// its known answers (RFC 6762 §7.2: 400–500 ms).
const truncatedWait = 450 * time.Millisecond

// maxTruncated bounds the queries held for more known answers at once, so
// that a flood of TC packets from many sources costs bounded memory.
const maxTruncated = 256

// heldQuery is a query whose known answers continue in further packets.
type heldQuery struct {
	q     dns.Msg
	cm    *ipv4.ControlMessage
	timer *time.Timer
}

// continued takes a packet of a multi-packet query: the first (questions,
// TC set) is held; later ones (no questions) add their known answers; the
// one without TC, or the timer, answers it.
func (r *Responder) continued(q *dns.Msg, cm *ipv4.ControlMessage, from netip.AddrPort) {
	if h := r.collect(q, cm, from); h != nil {
		r.answer(&h.q, h.cm, from)
	}
}

// collect adds a packet to the query held for its source and returns that
// query when the packet was its last.
func (r *Responder) collect(q *dns.Msg, cm *ipv4.ControlMessage, from netip.AddrPort) *heldQuery {
	r.tmu.Lock()
	defer r.tmu.Unlock()
	if r.held == nil {
		r.held = map[netip.AddrPort]*heldQuery{}
	}
	h := r.held[from]
	if len(q.Question) > 0 {
		// A new query from the same source replaces one still held.
		if h != nil {
			h.timer.Stop()
		} else if len(r.held) >= maxTruncated {
			return nil
		}
		// Each read has a control message of its own: it can be kept.
		h = &heldQuery{q: *q, cm: cm}
		r.held[from] = h
		h.timer = time.AfterFunc(truncatedWait, func() { r.release(from, h) })
		return nil
	}
	if h == nil {
		return nil // known answers with no query held: nothing to answer
	}
	if room := maxKnownAnswers - len(h.q.Answer); room > 0 {
		h.q.Answer = append(h.q.Answer, q.Answer[:min(room, len(q.Answer))]...)
	}
	if q.Truncated {
		h.timer.Reset(truncatedWait)
		return nil
	}
	h.timer.Stop()
	delete(r.held, from)
	return h
}

// release answers a held query whose last packet never came.
func (r *Responder) release(from netip.AddrPort, h *heldQuery) {
	r.tmu.Lock()
	if r.held[from] != h {
		r.tmu.Unlock()
		return
	}
	delete(r.held, from)
	r.tmu.Unlock()
	if !r.closed.Load() {
		r.answer(&h.q, h.cm, from)
	}
}

// answer answers one whole query for every camera that can answer it.
func (r *Responder) answer(q *dns.Msg, cm *ipv4.ControlMessage, from netip.AddrPort) {
	known := knownAnswers(q.Answer)

	// Who hears the query: a camera on the interface it came in on, or
	// only the addressee of a query sent to one address.
	var ifIndex int
	var direct netip.Addr
	if cm != nil {
		ifIndex = cm.IfIndex
		if d, ok := netip.AddrFromSlice(cm.Dst); ok && !d.Unmap().IsMulticast() && !d.Unmap().IsUnspecified() {
			direct = d.Unmap()
		}
	}
	hears := func(c *camera) bool {
		if direct.IsValid() {
			return slices.Contains(c.addrs, direct)
		}
		return ifIndex == 0 || c.ifIndex == 0 || c.ifIndex == ifIndex
	}

	replies := map[*camera]*reply{}
	var list []*reply
	r.mu.Lock()
	for _, question := range q.Question {
		class := question.Qclass &^ qclassUnicast
		if class != dns.ClassINET && class != dns.ClassANY {
			continue
		}
		key, err := nameKey(question.Name)
		if err != nil {
			continue
		}
		for cam := range r.byName[key] {
			if !hears(cam) {
				continue
			}
			for _, i := range cam.byName[key] {
				rec := &cam.records[i]
				if question.Qtype != dns.TypeANY && question.Qtype != rec.rr.Header().Rrtype {
					continue
				}
				if known.suppresses(rec) {
					continue
				}
				rp := replies[cam]
				if rp == nil {
					rp = &reply{cam: cam, allQU: true}
					replies[cam] = rp
					list = append(list, rp)
				}
				if !slices.Contains(rp.answers, i) {
					rp.answers = append(rp.answers, i)
				}
				rp.allQU = rp.allQU && question.Qclass&qclassUnicast != 0
			}
		}
	}
	r.mu.Unlock()

	legacy := from.Port() != mdnsPort
	for _, rp := range list {
		dst := mdnsGroup
		if legacy || direct.IsValid() || rp.allQU {
			dst = from
		}
		b, shared, err := rp.pack(q, known, legacy)
		if err != nil {
			r.opts.logf("mdnsresp: answer of %s: %v", rp.cam.mac, err)
			continue
		}
		cam := rp.cam
		fire := func() {
			if r.current(cam) {
				r.malformedFrom(cam, dst, b)
				r.send(cam, b, dst)
			}
		}
		r.later(r.answerDelay(shared), fire)
	}
}

// answerDelay is how long a camera waits before it answers: a random
// minDelay to maxDelay when the answer holds a shared record, so that many
// answers do not collide, and nothing when it holds unique ones only.
func (r *Responder) answerDelay(shared bool) time.Duration {
	if !shared {
		return 0
	}
	return r.randDuration(minDelay, maxDelay)
}

// pack builds the camera's answer: the records asked for in Answer, what
// a browser needs next (SRV, TXT, A) in Additional. A legacy unicast
// answer (RFC 6762 §6.7) repeats the query's ID and questions, caps TTLs
// at 10 s and drops the cache-flush bit. shared reports whether any answer
// is a shared record, which is what calls for a delay.
func (rp *reply) pack(q *dns.Msg, known knownSet, legacy bool) (b []byte, shared bool, err error) {
	m := newResponse()
	if legacy {
		m.Id = q.Id
		m.Question = q.Question
	}
	cam := rp.cam
	adapt := func(i int) dns.RR {
		rr := dns.Copy(cam.records[i].rr)
		if legacy {
			h := rr.Header()
			h.Class &^= cacheFlush
			h.Ttl = min(h.Ttl, legacyTTL)
		}
		return rr
	}
	inAnswer := map[int]bool{}
	for _, i := range rp.answers {
		inAnswer[i] = true
		m.Answer = append(m.Answer, adapt(i))
		shared = shared || cam.records[i].shared
	}
	added := map[int]bool{}
	for _, i := range rp.answers {
		for _, x := range cam.records[i].extra {
			if inAnswer[x] || added[x] || known.suppresses(&cam.records[x]) {
				continue
			}
			added[x] = true
			m.Extra = append(m.Extra, adapt(x))
		}
	}
	b, err = m.Pack()
	return b, shared, err
}

// knownSet holds a query's known answers: record key -> the highest TTL
// listed.
type knownSet map[string]uint32

func knownAnswers(rrs []dns.RR) knownSet {
	if len(rrs) == 0 {
		return nil
	}
	k := knownSet{}
	for i, rr := range rrs {
		if i >= maxKnownAnswers {
			break
		}
		key, err := rrKey(rr)
		if err != nil {
			continue
		}
		if ttl := rr.Header().Ttl; ttl > k[key] {
			k[key] = ttl
		}
	}
	return k
}

// suppresses applies RFC 6762 §7.1: a record the querier already holds with
// at least half its true TTL left is not sent.
func (k knownSet) suppresses(rec *record) bool {
	ttl, ok := k[rec.key]
	return ok && 2*uint64(ttl) >= uint64(rec.rr.Header().Ttl)
}
