package mdnsresp

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/openipu/openipu/core/camsim"
)

const axisVideo = "_axis-video._tcp.local."

func mac(i int) string { return fmt.Sprintf("ACCC8E%06X", 0x100+i) }

func TestAnswersCarryEachGenerationsRecordsFromTheCamerasOwnAddress(t *testing.T) {
	needNetwork(t)
	r := startResponder(t)
	q := newQuerier(t, "0.0.0.0:5353")
	cams := []camsim.AnnounceInfo{
		camInfo(mac(0), camsim.Gen10, "P3245-LVE", tnet.CamIPs[0], true),
		camInfo(mac(1), camsim.Gen11, "M1075-L", tnet.CamIPs[1], true),
		camInfo(mac(2), camsim.Gen12, "D4200-VE", tnet.CamIPs[2], false),
	}
	wantName := []string{"AXIS P3245-LVE - " + mac(0), "AXIS M1075-L", "AXIS D4200-VE"}
	for _, c := range cams {
		r.Announce(c)
	}
	ips := tnet.CamIPs[:len(cams)]
	q.settle(ips...)
	if got := q.arrived(); len(got) != 0 {
		t.Fatalf("packets before any query: %v", keys(bySource(got)))
	}

	// Each query is for another name, so an answer says which query it
	// answers; each waits for the answers it should get, and the last
	// marks when an answer that should not come would have come. All
	// that came is checked at the end.
	var all []packet
	ask := func(name string, from []netip.Addr) map[netip.Addr][]packet {
		q.send(ptrQuery(name))
		all = append(all, q.until(each(from, 1, answersTo(name)))...)
		return bySource(only(all, answersTo(name)))
	}
	got := ask(axisVideo, ips)
	for i, c := range cams {
		ip := tnet.CamIPs[i]
		ps := got[ip]
		if len(ps) != 1 {
			t.Errorf("%s: %d answers from %s, want 1", c.Generation, len(ps), ip)
			continue
		}
		p := ps[0]
		if p.src.Port() != 5353 {
			t.Errorf("%s: answer from port %d, want 5353", c.Generation, p.src.Port())
		}
		if p.dst != mdnsGroup.Addr() {
			t.Errorf("%s: answer sent to %s, want the group", c.Generation, p.dst)
		}
		if len(p.msg.Question) != 0 || p.msg.Id != 0 || !p.msg.Authoritative {
			t.Errorf("%s: not a multicast mDNS response: %v", c.Generation, p.msg.MsgHdr)
		}
		if len(p.msg.Answer) != 1 {
			t.Fatalf("%s: answer section %v, want the PTR only", c.Generation, p.msg.Answer)
		}
		ptr, ok := p.msg.Answer[0].(*dns.PTR)
		if !ok || ptr.Hdr.Name != "_axis-video._tcp.local." || ptr.Hdr.Ttl != 4500 {
			t.Fatalf("%s: answer %v", c.Generation, p.msg.Answer[0])
		}
		if name := instanceOf(ptr.Ptr); name != wantName[i] {
			t.Errorf("%s: instance %q, want %q", c.Generation, name, wantName[i])
		}
		srvs, txts, as := records[*dns.SRV](p.msg), records[*dns.TXT](p.msg), records[*dns.A](p.msg)
		if len(srvs) != 1 || srvs[0].Port != 80 || srvs[0].Target != "axis-"+strings.ToLower(c.MAC)+".local." || srvs[0].Hdr.Ttl != 120 {
			t.Errorf("%s: SRV %v", c.Generation, srvs)
		}
		if len(txts) != 1 || !slices.Equal(txts[0].Txt, []string{"macaddress=" + c.MAC}) {
			t.Errorf("%s: TXT %v", c.Generation, txts)
		}
		if len(as) != 1 || !as[0].A.Equal(ip.AsSlice()) || as[0].Hdr.Ttl != 120 {
			t.Errorf("%s: A %v, want %s", c.Generation, as, ip)
		}
	}
	for src := range got {
		if !slices.Contains(tnet.CamIPs[:3], src) {
			t.Errorf("answer from %s, which is no camera", src)
		}
	}

	// Only 11.x and 12.x publish _vapix-http; only cameras with HTTPS on
	// publish _vapix-https.
	got = ask("_vapix-http._tcp.local.", tnet.CamIPs[1:3])
	for _, p := range got[tnet.CamIPs[1]] {
		txts := records[*dns.TXT](p.msg)
		if len(txts) != 1 || !slices.Equal(txts[0].Txt, []string{"sn=" + mac(1), "txtvers=1", "ep=param,apidisc,decaf", "tags="}) {
			t.Errorf("_vapix-http TXT %v", txts)
		}
	}
	ask("_vapix-https._tcp.local.", tnet.CamIPs[1:2])

	// DNS-SD service enumeration lists each type a camera publishes.
	got = ask(servicesName, ips)
	var types []string
	for _, p := range got[tnet.CamIPs[0]] {
		for _, rr := range p.msg.Answer {
			types = append(types, rr.(*dns.PTR).Ptr)
		}
	}
	slices.Sort(types)
	want := []string{"_axis-video._tcp.local.", "_http._tcp.local.", "_https._tcp.local.", "_rtsp._tcp.local."}
	if !slices.Equal(types, want) {
		t.Errorf("10.12 camera enumerates %v, want %v", types, want)
	}

	all = append(all, q.arrived()...)
	for _, c := range []struct {
		name string
		from []netip.Addr
	}{
		{axisVideo, ips},
		{"_vapix-http._tcp.local.", tnet.CamIPs[1:3]},
		{"_vapix-https._tcp.local.", tnet.CamIPs[1:2]},
		{servicesName, ips},
	} {
		got := bySource(only(all, answersTo(c.name)))
		for ip, ps := range got {
			if !slices.Contains(c.from, ip) || len(ps) != 1 {
				t.Errorf("%s answered %d times by %s; want once by each of %v", c.name, len(ps), ip, c.from)
			}
		}
	}
}

func keys(m map[netip.Addr][]packet) []netip.Addr {
	var out []netip.Addr
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestSharedAnswersWait20To120msAndUniqueOnesNone(t *testing.T) {
	r, err := New(Options{Rand: rand.NewPCG(5, 6)})
	if err != nil {
		t.Fatal(err)
	}
	var earliest, latest time.Duration = time.Hour, 0
	for range 2000 {
		d := r.answerDelay(true)
		earliest, latest = min(earliest, d), max(latest, d)
	}
	if earliest < minDelay || latest > maxDelay || latest-earliest < (maxDelay-minDelay)*9/10 {
		t.Errorf("shared answers wait %v to %v, want spread over %v to %v", earliest, latest, minDelay, maxDelay)
	}
	if d := r.answerDelay(false); d != 0 {
		t.Errorf("a unique answer waits %v", d)
	}
}

// An early answer is a bug whatever the load; how late one comes depends
// on the machine too, which is why the upper bound is checked on the
// delays the responder picks, above.
func TestNoAnswerComesBeforeThe20msMinimum(t *testing.T) {
	needNetwork(t)
	r := startResponder(t)
	q := newQuerier(t, "0.0.0.0:5353")
	const n = 16
	ips := tnet.CamIPs[:n]
	for i, ip := range ips {
		r.Announce(camInfo(mac(i), camsim.Gen11, "M1075-L", ip, true))
	}
	q.settle(ips...)
	for range 3 {
		sent := q.send(ptrQuery(axisVideo))
		got := q.until(each(ips, 1, answersTo(axisVideo)))
		if len(got) != n {
			t.Fatalf("%d answers from %d cameras", len(got), n)
		}
		for _, p := range got {
			if d := p.at.Sub(sent); d < minDelay {
				t.Errorf("%s answered %v after the query, before the 20 ms minimum", p.src.Addr(), d)
			}
		}
	}
}

// heardCameras announces n cameras, asks for _axis-video once and returns
// each camera's answer, the known answers of a later query.
func heardCameras(t *testing.T, n int) (q *querier, ips []netip.Addr, first map[netip.Addr][]packet) {
	t.Helper()
	needNetwork(t)
	r := startResponder(t)
	q = newQuerier(t, "0.0.0.0:5353")
	ips = tnet.CamIPs[:n]
	for i := range n {
		r.Announce(camInfo(mac(i), camsim.Gen11, "M1075-L", tnet.CamIPs[i], true))
	}
	q.settle(ips...)
	q.send(ptrQuery(axisVideo))
	first = bySource(q.until(each(ips, 1, answersTo(axisVideo))))
	if len(first) != n {
		t.Fatalf("%d cameras answered, want %d", len(first), n)
	}
	return q, ips, first
}

// heardPTRs are the PTR answers of the cameras at ips, as a browser that
// heard them lists them with ttl left.
func heardPTRs(first map[netip.Addr][]packet, ips []netip.Addr, ttl uint32) []dns.RR {
	var out []dns.RR
	for _, ip := range ips {
		ptr := dns.Copy(first[ip][0].msg.Answer[0])
		ptr.Header().Ttl = ttl
		out = append(out, ptr)
	}
	return out
}

func TestKnownAnswersSilenceTheCamerasAlreadyHeard(t *testing.T) {
	q, ips, first := heardCameras(t, 4)
	heard := func(ips []netip.Addr, ttl uint32) []dns.RR { return heardPTRs(first, ips, ttl) }

	// Every camera answers the query for _vapix-http after it, which
	// marks when the two known ones would have answered.
	m := ptrQuery(axisVideo)
	m.Answer = heard(tnet.CamIPs[:2], 4500)
	q.send(m)
	q.send(ptrQuery("_vapix-http._tcp.local."))
	vapixAnswered, othersAnswered := each(ips, 1, answersTo("_vapix-http._tcp.local.")), each(tnet.CamIPs[2:4], 1, answersTo(axisVideo))
	got := q.until(func(ps []packet) bool { return vapixAnswered(ps) && othersAnswered(ps) })
	if by := bySource(only(got, answersTo(axisVideo))); len(by) != 2 || len(by[tnet.CamIPs[2]]) != 1 || len(by[tnet.CamIPs[3]]) != 1 {
		t.Errorf("with two cameras known, answers came from %v; want the other two", keys(by))
	}

	// Known with less than half the TTL left: the camera refreshes it.
	m.Answer = heard(tnet.CamIPs[:2], 2249)
	q.send(m)
	q.until(each(ips, 1, answersTo(axisVideo)))
}

// A browser that knows more cameras than one packet holds sends its known
// answers in several packets, TC set on all but the last (RFC 6762 §7.2):
// the cameras listed in any of them stay quiet.
func TestKnownAnswersSpreadOverTruncatedPacketsSilenceEveryCameraListed(t *testing.T) {
	q, ips, first := heardCameras(t, 4)
	m := ptrQuery(axisVideo)
	m.Truncated = true
	m.Answer = heardPTRs(first, tnet.CamIPs[0:2], 4500)
	rest := new(dns.Msg)
	rest.Answer = heardPTRs(first, tnet.CamIPs[2:3], 4500)
	q.send(m)
	q.send(rest)
	// The _vapix-http query after it is answered by every camera: it
	// marks when the listed ones would have answered.
	q.send(ptrQuery("_vapix-http._tcp.local."))
	vapixAnswered, lastAnswered := each(ips, 1, answersTo("_vapix-http._tcp.local.")), each(tnet.CamIPs[3:4], 1, answersTo(axisVideo))
	got := q.until(func(ps []packet) bool { return vapixAnswered(ps) && lastAnswered(ps) })
	if by := bySource(only(got, answersTo(axisVideo))); len(by) != 1 || len(by[tnet.CamIPs[3]]) != 1 {
		t.Errorf("with three cameras known over two packets, answers came from %v; want only %v", keys(by), tnet.CamIPs[3])
	}
}

// A truncated query whose last packet is lost is still answered, with the
// known answers that did arrive.
func TestTruncatedQueryWithoutItsLastPacketIsAnsweredAfterTheWait(t *testing.T) {
	q, _, first := heardCameras(t, 2)
	m := ptrQuery(axisVideo)
	m.Truncated = true
	m.Answer = heardPTRs(first, tnet.CamIPs[0:1], 4500)
	sent := q.send(m)
	got := q.until(each(tnet.CamIPs[1:2], 1, answersTo(axisVideo)))
	if d := got[len(got)-1].at.Sub(sent); d < truncatedWait {
		t.Errorf("answered %v after a truncated query, before waiting %v for its other packets", d, truncatedWait)
	}
	if by := bySource(only(got, answersTo(axisVideo))); len(by[tnet.CamIPs[0]]) != 0 {
		t.Errorf("the camera listed as known answered anyway")
	}
}

func TestLegacyUnicastQueryIsAnsweredAtItsSourcePort(t *testing.T) {
	needNetwork(t)
	r := startResponder(t)
	q := newQuerier(t, tnet.ClientIP.String()+":0")
	info := camInfo(mac(0), camsim.Gen12, "M1075-L", tnet.CamIPs[0], true)
	r.Announce(info)
	m := ptrQuery("_axis-video._tcp.local.")
	m.Id = 0x4242
	q.send(m)
	got := q.until(each(tnet.CamIPs[:1], 1, answersTo(axisVideo)))
	if len(got) != 1 {
		t.Fatalf("%d answers, want 1", len(got))
	}
	p := got[0]
	if p.src != netip.AddrPortFrom(tnet.CamIPs[0], 5353) || p.dst != tnet.ClientIP {
		t.Errorf("answer %s -> %s, want unicast from the camera's %s:5353", p.src, p.dst, tnet.CamIPs[0])
	}
	if p.msg.Id != 0x4242 || len(p.msg.Question) != 1 || p.msg.Question[0].Name != "_axis-video._tcp.local." {
		t.Errorf("the answer does not repeat the query's ID and question: id %#x, %v", p.msg.Id, p.msg.Question)
	}
	for _, rr := range append(p.msg.Answer, p.msg.Extra...) {
		h := rr.Header()
		if h.Ttl > 10 || h.Class != dns.ClassINET {
			t.Errorf("legacy answer record %v: want TTL at most 10 s and no cache-flush bit", rr)
		}
	}
	if len(p.msg.Extra) != 3 {
		t.Errorf("additional records %v, want SRV, TXT and A", p.msg.Extra)
	}
}

func TestQUQuestionIsAnsweredByUnicast(t *testing.T) {
	needNetwork(t)
	r := startResponder(t)
	q := newQuerier(t, tnet.ClientIP.String()+":5353")
	r.Announce(camInfo(mac(0), camsim.Gen11, "M1075-L", tnet.CamIPs[0], true))
	m := ptrQuery("_axis-video._tcp.local.")
	m.Question[0].Qclass |= qclassUnicast
	q.send(m)
	got := q.until(each(tnet.CamIPs[:1], 1, answersTo(axisVideo)))
	if len(got) != 1 {
		t.Fatalf("%d answers on the querier's own address, want 1", len(got))
	}
	if got[0].src.Addr() != tnet.CamIPs[0] || got[0].dst != tnet.ClientIP {
		t.Errorf("answer %s -> %s, want unicast from the camera", got[0].src, got[0].dst)
	}
}

func TestTwinCamerasAreNumberedInTheirAnswers(t *testing.T) {
	needNetwork(t)
	r := startResponder(t)
	q := newQuerier(t, "0.0.0.0:5353")
	for i := range 3 {
		r.Announce(camInfo(mac(i), camsim.Gen11, "M1075-L", tnet.CamIPs[i], true))
	}
	q.settle(tnet.CamIPs[:3]...)
	names := func() map[netip.Addr]string {
		const vapix = "_vapix-http._tcp.local."
		q.send(ptrQuery(vapix))
		out := map[netip.Addr]string{}
		for ip, ps := range bySource(q.until(each(tnet.CamIPs[:3], 1, answersTo(vapix)))) {
			out[ip] = instanceOf(ps[0].msg.Answer[0].(*dns.PTR).Ptr)
		}
		return out
	}
	got := names()
	want := map[netip.Addr]string{
		tnet.CamIPs[0]: "AXIS M1075-L", tnet.CamIPs[1]: "AXIS M1075-L (2)", tnet.CamIPs[2]: "AXIS M1075-L (3)",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("names %v, want %v", got, want)
	}
	// Announcing again (as after a change) keeps the name.
	r.Announce(camInfo(mac(1), camsim.Gen11, "M1075-L", tnet.CamIPs[1], true))
	if n := r.InstanceName(mac(1)); n != "AXIS M1075-L (2)" {
		t.Errorf("re-announced twin is now %q", n)
	}
}

func TestAnnouncesTwiceASecondApartAndSaysGoodbyeOnWithdraw(t *testing.T) {
	needNetwork(t)
	r := startResponder(t)
	q := newQuerier(t, "0.0.0.0:5353")
	info := camInfo(mac(0), camsim.Gen11, "M1075-L", tnet.CamIPs[0], true)
	cam0 := tnet.CamIPs[:1]
	announced := time.Now()
	r.Announce(info)
	got := q.until(each(cam0, 2, announcement))
	if len(got) != 2 {
		t.Fatalf("%d packets, want the 2 announcements", len(got))
	}
	if gap := got[1].at.Sub(announced); gap < announceGap {
		t.Errorf("announced again %v after Announce, want a second later", gap)
	}
	a := got[0].msg
	if len(a.Answer) < 20 || len(a.Extra) != 0 {
		t.Errorf("announcement has %d answers and %d additionals; want every record as an answer", len(a.Answer), len(a.Extra))
	}
	for _, rr := range a.Answer {
		_, shared := rr.(*dns.PTR)
		if flush := rr.Header().Class&cacheFlush != 0; flush == shared {
			t.Errorf("announced %v: cache-flush must be set on unique records only", rr)
		}
	}

	r.Withdraw(info)
	goodbye := func(p packet) bool { return len(p.msg.Answer) > 0 && p.msg.Answer[0].Header().Ttl == 0 }
	bye := q.until(each(cam0, 1, goodbye))
	if len(bye) != 1 {
		t.Fatalf("%d packets on withdraw, want one goodbye", len(bye))
	}
	var ptrs, txts int
	for _, rr := range bye[0].msg.Answer {
		if rr.Header().Ttl != 0 {
			t.Errorf("goodbye record %v has TTL %d, want 0", rr, rr.Header().Ttl)
		}
		switch rr.(type) {
		case *dns.PTR:
			ptrs++
		case *dns.TXT:
			txts++
		}
	}
	if ptrs == 0 || txts == 0 {
		t.Errorf("goodbye carries %d PTRs and %d TXTs; a browser needs both to know who left", ptrs, txts)
	}

	// Another camera, announced after the withdrawal, answers the same
	// query: its answer marks when the withdrawn one's would have come.
	r.Announce(camInfo(mac(1), camsim.Gen11, "M1075-L", tnet.CamIPs[1], true))
	q.send(ptrQuery(axisVideo))
	after := q.until(each(tnet.CamIPs[1:2], 1, answersTo(axisVideo)))
	if got := bySource(after)[tnet.CamIPs[0]]; len(got) != 0 {
		t.Errorf("a withdrawn camera still answers: %d packets", len(got))
	}

	// Back after a reset: announced again.
	r.Announce(info)
	q.until(each(cam0, 1, announcement))
}

func TestResponsesAndMalformedPacketsAreIgnored(t *testing.T) {
	needNetwork(t)
	r := startResponder(t)
	q := newQuerier(t, "0.0.0.0:5353")
	r.Announce(camInfo(mac(0), camsim.Gen11, "M1075-L", tnet.CamIPs[0], true))
	q.settle(tnet.CamIPs[0])

	// The real query after the garbage marks when answers to the garbage
	// would have come.
	asResponse := ptrQuery("_axis-video._tcp.local.")
	asResponse.Response = true
	q.send(asResponse)
	for _, b := range [][]byte{{0, 0}, make([]byte, 12), []byte("M-SEARCH * HTTP/1.1\r\n\r\n")} {
		q.sendRaw(b, mdnsGroup)
	}
	bad := ptrQuery("_axis-video._tcp.local.")
	bad.Rcode = dns.RcodeServerFailure
	q.send(bad)
	q.send(ptrQuery(axisVideo))
	got := q.until(each(tnet.CamIPs[:1], 1, answersTo(axisVideo)))
	if got = append(got, q.arrived()...); len(got) != 1 {
		t.Errorf("%d answers to responses and malformed packets and a real query, want the 1 to the query", len(got))
	}
}

func TestDirectQueryIsAnsweredByTheAddresseeOnly(t *testing.T) {
	needNetwork(t)
	r := startResponder(t)
	q := newQuerier(t, tnet.ClientIP.String()+":5353")
	for i := range 3 {
		r.Announce(camInfo(mac(i), camsim.Gen11, "M1075-L", tnet.CamIPs[i], true))
	}
	// Asking camera 0 next marks when the others would have answered the
	// first question too.
	b, _ := ptrQuery(axisVideo).Pack()
	var got []packet
	for _, to := range []netip.Addr{tnet.CamIPs[1], tnet.CamIPs[0]} {
		q.sendRaw(b, netip.AddrPortFrom(to, 5353))
		got = append(got, q.until(each([]netip.Addr{to}, 1, answersTo(axisVideo)))...)
	}
	got = append(got, q.arrived()...)
	if len(got) != 2 || got[0].src.Addr() != tnet.CamIPs[1] || got[1].src.Addr() != tnet.CamIPs[0] {
		t.Errorf("two direct queries answered by %v, want once by %s and once by %s", keys(bySource(got)), tnet.CamIPs[1], tnet.CamIPs[0])
	}
	for _, p := range got {
		if p.dst != tnet.ClientIP {
			t.Errorf("direct answer from %s sent to %s, want unicast to the querier", p.src, p.dst)
		}
	}
}

func TestMisbehavingCameraSendsBrokenPacketsAndFloods(t *testing.T) {
	needNetwork(t)
	r := startResponder(t)
	q := newQuerier(t, "0.0.0.0:5353")
	bad, flood := mac(0), mac(1)
	r.SetMisbehaviour(bad, Misbehaviour{Malformed: true})
	r.Announce(camInfo(bad, camsim.Gen11, "M1075-L", tnet.CamIPs[0], true))
	r.Announce(camInfo(flood, camsim.Gen11, "M1075-L", tnet.CamIPs[1], true))
	q.settle(tnet.CamIPs[:2]...)

	// The broken packets go out ahead of the answer.
	q.send(ptrQuery(axisVideo))
	var broken, good int
	for _, p := range q.until(each(tnet.CamIPs[:1], 1, answersTo(axisVideo))) {
		if p.src.Addr() != tnet.CamIPs[0] {
			continue
		}
		if p.msg == nil {
			broken++
		} else if len(p.msg.Answer) == 1 {
			good++
		}
	}
	if broken == 0 || good != 1 {
		t.Errorf("misbehaving camera sent %d unparsable packets and %d answers; want some and 1", broken, good)
	}

	// No camera announces itself again on its own after the second
	// time: ten announcements are the flood.
	r.SetMisbehaviour(flood, Misbehaviour{AnnounceFlood: 50})
	q.until(each(tnet.CamIPs[1:2], 10, announcement))

	// Camera 0's flood, switched on after camera 1's was switched off, is
	// the clock: twenty of its announcements take as long as twenty of
	// camera 1's would have, however slow the machine. Camera 1 may still
	// send the one a flood step had under way when it was switched off.
	r.SetMisbehaviour(flood, Misbehaviour{})
	r.SetMisbehaviour(bad, Misbehaviour{AnnounceFlood: 50})
	after, clockStarted := 0, false
	for _, p := range q.until(each(tnet.CamIPs[:1], 20, announcement)) {
		switch p.src.Addr() {
		case tnet.CamIPs[0]:
			clockStarted = true
		case tnet.CamIPs[1]:
			if clockStarted {
				after++
			}
		}
	}
	if after > 1 {
		t.Errorf("%d announcements after the flood was switched off", after)
	}
}

func TestSimulatedCameraIsPublishedThroughItsAnnouncer(t *testing.T) {
	needNetwork(t)
	r := startResponder(t)
	q := newQuerier(t, "0.0.0.0:5353")
	cam := tnet.StartCamera(t, 5, r)
	q.settle(tnet.CamIPs[5])
	q.send(ptrQuery(axisVideo))
	got := bySource(q.until(each(tnet.CamIPs[5:6], 1, answersTo(axisVideo))))[tnet.CamIPs[5]]
	if len(got) != 1 {
		t.Fatalf("%d answers from the simulated camera, want 1", len(got))
	}
	txts := records[*dns.TXT](got[0].msg)
	if len(txts) != 1 || txts[0].Txt[0] != "macaddress="+cam.MAC() {
		t.Errorf("TXT %v, want macaddress=%s", txts, cam.MAC())
	}
	u := strings.TrimPrefix(cam.HTTPURL(), "http://")
	ap, err := netip.ParseAddrPort(strings.TrimSuffix(u, "/"))
	if err != nil {
		t.Fatal(err)
	}
	if srv := records[*dns.SRV](got[0].msg); len(srv) != 1 || srv[0].Port != ap.Port() {
		t.Errorf("SRV %v, want the camera's HTTP port %d", srv, ap.Port())
	}
}

func TestFleetAnswersOnePacketPerCameraWithoutAGoroutineEach(t *testing.T) {
	needNetwork(t)
	r := startResponder(t)
	q := newQuerier(t, "0.0.0.0:5353")
	base := runtime.NumGoroutine()
	for i, ip := range tnet.CamIPs {
		r.Announce(camInfo(mac(i), camsim.Gen11, "M1075-L", ip, true))
	}
	q.settle(tnet.CamIPs...)
	if g := runtime.NumGoroutine(); g > base+10 {
		t.Errorf("%d goroutines with %d cameras announced, %d before", g, len(tnet.CamIPs), base)
	}
	// Each query is for a service every camera publishes, so an answer
	// says which query it answers. The second goes out once every camera
	// has answered the first, so a second answer to the first comes in
	// before the answers to the second are all in.
	const vapix = "_vapix-http._tcp.local."
	var all []packet
	for _, name := range []string{axisVideo, vapix} {
		q.send(ptrQuery(name))
		all = append(all, q.until(each(tnet.CamIPs, 1, answersTo(name)))...)
	}
	all = append(all, q.arrived()...)
	videos, vapixes := bySource(only(all, answersTo(axisVideo))), bySource(only(all, answersTo(vapix)))
	names := map[string]bool{}
	for i, ip := range tnet.CamIPs {
		if len(videos[ip]) != 1 || len(vapixes[ip]) != 1 {
			t.Errorf("camera %d (%s): %d answers to %s and %d to %s, want 1 each", i, ip, len(videos[ip]), axisVideo, len(vapixes[ip]), vapix)
			continue
		}
		names[instanceOf(videos[ip][0].msg.Answer[0].(*dns.PTR).Ptr)] = true
	}
	if len(names) != len(tnet.CamIPs) || !names["AXIS M1075-L"] || !names[fmt.Sprintf("AXIS M1075-L (%d)", len(tnet.CamIPs))] {
		t.Errorf("%d distinct instance names for %d twins", len(names), len(tnet.CamIPs))
	}
}
