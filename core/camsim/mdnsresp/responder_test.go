package mdnsresp

import (
	"fmt"
	"net/netip"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/openipu/openipu/core/camsim"
)

// window is how long a test listens after a query: the longest answer
// delay plus room for a loaded machine.
const window = 600 * time.Millisecond

// settle drains the announcements a camera makes when it appears, so they
// are not taken for answers.
func settle(q *querier) { q.responses(1500 * time.Millisecond) }

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
	settle(q)

	got := bySource(q.responses(0))
	if len(got) != 0 {
		t.Fatalf("packets before any query: %v", got)
	}
	q.send(ptrQuery("_axis-video._tcp.local."))
	got = bySource(q.responses(window))
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
	q.send(ptrQuery("_vapix-http._tcp.local."))
	got = bySource(q.responses(window))
	if len(got[tnet.CamIPs[0]]) != 0 || len(got[tnet.CamIPs[1]]) != 1 || len(got[tnet.CamIPs[2]]) != 1 {
		t.Errorf("_vapix-http answered by %v, want the 11.11 and 12.9 cameras", keys(got))
	}
	for _, p := range got[tnet.CamIPs[1]] {
		txts := records[*dns.TXT](p.msg)
		if len(txts) != 1 || !slices.Equal(txts[0].Txt, []string{"sn=" + mac(1), "txtvers=1", "ep=param,apidisc,decaf", "tags="}) {
			t.Errorf("_vapix-http TXT %v", txts)
		}
	}
	q.send(ptrQuery("_vapix-https._tcp.local."))
	got = bySource(q.responses(window))
	if len(got) != 1 || len(got[tnet.CamIPs[1]]) != 1 {
		t.Errorf("_vapix-https answered by %v, want the 11.11 camera with HTTPS only", keys(got))
	}

	// DNS-SD service enumeration lists each type a camera publishes.
	q.send(ptrQuery(servicesName))
	got = bySource(q.responses(window))
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
}

func keys(m map[netip.Addr][]packet) []netip.Addr {
	var out []netip.Addr
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestAnswersComeBetween20And120msLate(t *testing.T) {
	needNetwork(t)
	r := startResponder(t)
	q := newQuerier(t, "0.0.0.0:5353")
	const n = 16
	for i, ip := range tnet.CamIPs[:n] {
		r.Announce(camInfo(mac(i), camsim.Gen11, "M1075-L", ip, true))
	}
	settle(q)
	for range 3 {
		sent := q.send(ptrQuery("_axis-video._tcp.local."))
		got := q.responses(window)
		if len(got) != n {
			t.Fatalf("%d answers from %d cameras", len(got), n)
		}
		var earliest, latest time.Duration = time.Hour, 0
		for _, p := range got {
			d := p.at.Sub(sent)
			earliest, latest = min(earliest, d), max(latest, d)
		}
		// An early answer is a bug whatever the load; a late one may be
		// the machine, so that side gets slack.
		if earliest < minDelay {
			t.Errorf("an answer came %v after the query, before the 20 ms minimum", earliest)
		}
		if latest > maxDelay+250*time.Millisecond {
			t.Errorf("an answer came %v after the query, far beyond the 120 ms maximum", latest)
		}
	}
}

func TestKnownAnswersSilenceTheCamerasAlreadyHeard(t *testing.T) {
	needNetwork(t)
	r := startResponder(t)
	q := newQuerier(t, "0.0.0.0:5353")
	for i := range 4 {
		r.Announce(camInfo(mac(i), camsim.Gen11, "M1075-L", tnet.CamIPs[i], true))
	}
	settle(q)
	q.send(ptrQuery("_axis-video._tcp.local."))
	first := bySource(q.responses(window))
	if len(first) != 4 {
		t.Fatalf("%d cameras answered, want 4", len(first))
	}
	heard := func(ips []netip.Addr, ttl uint32) []dns.RR {
		var out []dns.RR
		for _, ip := range ips {
			ptr := dns.Copy(first[ip][0].msg.Answer[0])
			ptr.Header().Ttl = ttl
			out = append(out, ptr)
		}
		return out
	}

	m := ptrQuery("_axis-video._tcp.local.")
	m.Answer = heard(tnet.CamIPs[:2], 4500)
	q.send(m)
	got := bySource(q.responses(window))
	if len(got) != 2 || len(got[tnet.CamIPs[2]]) != 1 || len(got[tnet.CamIPs[3]]) != 1 {
		t.Errorf("with two cameras known, answers came from %v; want the other two", keys(got))
	}

	// Known with less than half the TTL left: the camera refreshes it.
	m.Answer = heard(tnet.CamIPs[:2], 2249)
	q.send(m)
	if got := bySource(q.responses(window)); len(got) != 4 {
		t.Errorf("with stale known answers, %d cameras answered, want 4", len(got))
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
	got := q.responses(window)
	if len(got) != 1 || got[0].msg == nil {
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
	got := q.responses(window)
	if len(got) != 1 || got[0].msg == nil {
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
	settle(q)
	names := func() map[netip.Addr]string {
		q.send(ptrQuery("_vapix-http._tcp.local."))
		out := map[netip.Addr]string{}
		for ip, ps := range bySource(q.responses(window)) {
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
	r.Announce(info)
	got := bySource(q.responses(1600 * time.Millisecond))[tnet.CamIPs[0]]
	if len(got) != 2 {
		t.Fatalf("%d announcements, want 2", len(got))
	}
	if gap := got[1].at.Sub(got[0].at); gap < 900*time.Millisecond {
		t.Errorf("announcements %v apart, want one second", gap)
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
	bye := bySource(q.responses(300 * time.Millisecond))[tnet.CamIPs[0]]
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
	q.send(ptrQuery("_axis-video._tcp.local."))
	if got := q.responses(window); len(got) != 0 {
		t.Errorf("a withdrawn camera still answers: %d packets", len(got))
	}

	// Back after a reset: announced again.
	r.Announce(info)
	if got := bySource(q.responses(300 * time.Millisecond)); len(got[tnet.CamIPs[0]]) != 1 {
		t.Errorf("no announcement when the camera came back")
	}
}

func TestResponsesAndMalformedPacketsAreIgnored(t *testing.T) {
	needNetwork(t)
	r := startResponder(t)
	q := newQuerier(t, "0.0.0.0:5353")
	r.Announce(camInfo(mac(0), camsim.Gen11, "M1075-L", tnet.CamIPs[0], true))
	settle(q)

	asResponse := ptrQuery("_axis-video._tcp.local.")
	asResponse.Response = true
	q.send(asResponse)
	for _, b := range [][]byte{{0, 0}, make([]byte, 12), []byte("M-SEARCH * HTTP/1.1\r\n\r\n")} {
		q.sendRaw(b, mdnsGroup)
	}
	bad := ptrQuery("_axis-video._tcp.local.")
	bad.Rcode = dns.RcodeServerFailure
	q.send(bad)
	if got := q.responses(window); len(got) != 0 {
		t.Errorf("%d answers to responses and malformed packets", len(got))
	}
	q.send(ptrQuery("_axis-video._tcp.local."))
	if got := q.responses(window); len(got) != 1 {
		t.Errorf("after the garbage, a real query got %d answers, want 1", len(got))
	}
}

func TestDirectQueryIsAnsweredByTheAddresseeOnly(t *testing.T) {
	needNetwork(t)
	r := startResponder(t)
	q := newQuerier(t, tnet.ClientIP.String()+":5353")
	for i := range 3 {
		r.Announce(camInfo(mac(i), camsim.Gen11, "M1075-L", tnet.CamIPs[i], true))
	}
	b, _ := ptrQuery("_axis-video._tcp.local.").Pack()
	q.sendRaw(b, netip.AddrPortFrom(tnet.CamIPs[1], 5353))
	got := q.responses(window)
	if len(got) != 1 || got[0].src.Addr() != tnet.CamIPs[1] || got[0].dst != tnet.ClientIP {
		t.Errorf("direct query answered by %d packets (%v), want one unicast from %s", len(got), got, tnet.CamIPs[1])
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
	settle(q)

	q.send(ptrQuery("_axis-video._tcp.local."))
	var broken, good int
	for _, p := range q.responses(window) {
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

	r.SetMisbehaviour(flood, Misbehaviour{AnnounceFlood: 50})
	n := len(bySource(q.responses(time.Second))[tnet.CamIPs[1]])
	if n < 10 {
		t.Errorf("a camera flooding 50 announcements a second sent %d in a second", n)
	}
	r.SetMisbehaviour(flood, Misbehaviour{})
	q.responses(100 * time.Millisecond)
	if n := len(bySource(q.responses(500 * time.Millisecond))[tnet.CamIPs[1]]); n != 0 {
		t.Errorf("%d announcements after the flood was switched off", n)
	}
}

func TestSimulatedCameraIsPublishedThroughItsAnnouncer(t *testing.T) {
	needNetwork(t)
	r := startResponder(t)
	q := newQuerier(t, "0.0.0.0:5353")
	cam := tnet.StartCamera(t, 5, r)
	settle(q)
	q.send(ptrQuery("_axis-video._tcp.local."))
	got := bySource(q.responses(window))[tnet.CamIPs[5]]
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
	settle(q)
	if g := runtime.NumGoroutine(); g > base+10 {
		t.Errorf("%d goroutines with %d cameras announced, %d before", g, len(tnet.CamIPs), base)
	}
	q.send(ptrQuery("_axis-video._tcp.local."))
	got := bySource(q.responses(window))
	names := map[string]bool{}
	for i, ip := range tnet.CamIPs {
		if len(got[ip]) != 1 {
			t.Errorf("camera %d (%s): %d answers, want 1", i, ip, len(got[ip]))
			continue
		}
		names[instanceOf(got[ip][0].msg.Answer[0].(*dns.PTR).Ptr)] = true
	}
	if len(names) != len(tnet.CamIPs) || !names["AXIS M1075-L"] || !names[fmt.Sprintf("AXIS M1075-L (%d)", len(tnet.CamIPs))] {
		t.Errorf("%d distinct instance names for %d twins", len(names), len(tnet.CamIPs))
	}
}
