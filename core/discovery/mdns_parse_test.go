package discovery

import (
	"net"
	"net/netip"
	"slices"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/openipu/openipu/core/macaddr"
)

// axisAnswer builds an mDNS answer shaped like a camera's: PTR in the
// answer section, SRV, TXT and A records in the additional section.
func axisAnswer(t testing.TB, service, instance, mac, host string, port uint16, ttl uint32, addrs ...string) []byte {
	t.Helper()
	m := new(dns.Msg)
	m.Response = true
	m.Authoritative = true
	name := escapeLabel(instance) + "." + service
	m.Answer = append(m.Answer, &dns.PTR{Hdr: dns.RR_Header{Name: service, Rrtype: dns.TypePTR, Class: dns.ClassINET, Ttl: ttl}, Ptr: name})
	m.Extra = append(m.Extra,
		&dns.SRV{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeSRV, Class: dns.ClassINET | 1<<15, Ttl: 120}, Target: host, Port: port},
		&dns.TXT{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeTXT, Class: dns.ClassINET | 1<<15, Ttl: 4500}, Txt: []string{mac}},
	)
	for _, a := range addrs {
		if ip := net.ParseIP(a); ip.To4() == nil {
			m.Extra = append(m.Extra, &dns.AAAA{Hdr: dns.RR_Header{Name: host, Rrtype: dns.TypeAAAA, Class: dns.ClassINET | 1<<15, Ttl: 120}, AAAA: ip})
			continue
		}
		m.Extra = append(m.Extra, &dns.A{Hdr: dns.RR_Header{Name: host, Rrtype: dns.TypeA, Class: dns.ClassINET | 1<<15, Ttl: 120}, A: net.ParseIP(a)})
	}
	b, err := m.Pack()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseMDNSReadsMACFromTXTNotFromInstanceName(t *testing.T) {
	// The instance name carries a different "MAC" on purpose: a renamed or
	// 12.x camera's instance name says nothing reliable about its MAC.
	pkt := axisAnswer(t, "_axis-video._tcp.local.", "AXIS M2026-LE Mk II - 000000000000", "macaddress=B8A44F0A98A1",
		"axis-b8a44f0a98a1.local.", 80, 4500, "169.254.93.22", "10.0.4.50")
	got := parseMDNS(pkt, netip.MustParseAddr("169.254.93.22"), "eth0")
	if len(got) != 1 {
		t.Fatalf("sightings %+v", got)
	}
	s := got[0]
	if s.MAC != "B8A44F0A98A1" || s.Model != "AXIS M2026-LE Mk II" || s.HTTPPort != 80 || s.Interface != "eth0" {
		t.Fatalf("sighting %+v", s)
	}
	if s.Addr != netip.MustParseAddr("169.254.93.22") || len(s.Extra) != 1 || s.Extra[0] != netip.MustParseAddr("10.0.4.50") {
		t.Fatalf("addresses %v %v", s.Addr, s.Extra)
	}
	if s.TTL != 4500*time.Second || s.Goodbye {
		t.Fatalf("ttl %v goodbye %v", s.TTL, s.Goodbye)
	}
}

func TestParseMDNSVapixServiceGivesSerialAndModelWithoutSerialInName(t *testing.T) {
	pkt := axisAnswer(t, "_vapix-http._tcp.local.", "AXIS M1075-L (2)", "sn=ACCC8E270AD8", "axis-accc8e270ad8.local.", 8080, 4500, "10.0.4.51")
	got := parseMDNS(pkt, netip.MustParseAddr("10.0.4.51"), "eth0")
	if len(got) != 1 || got[0].MAC != "ACCC8E270AD8" || got[0].Serial != "ACCC8E270AD8" || got[0].Model != "AXIS M1075-L" || got[0].HTTPPort != 8080 {
		t.Fatalf("%+v", got)
	}
}

func TestParseMDNSNeverTakesAPublicLoopbackOrMulticastAddressRecordAndFallsBackToTheSender(t *testing.T) {
	for _, bad := range []string{"192.0.2.99", "8.8.8.8", "127.0.0.1", "224.0.0.251", "0.0.0.0", "::1", "2001:db8::1", "ff02::fb"} {
		pkt := axisAnswer(t, "_axis-video._tcp.local.", "AXIS P1375 - B8A44F42B4C6", "macaddress=B8A44F42B4C6",
			"axis-b8a44f42b4c6.local.", 80, 120, bad)
		got := parseMDNS(pkt, netip.MustParseAddr("10.0.4.52"), "eth0")
		if len(got) != 1 || got[0].Addr != netip.MustParseAddr("10.0.4.52") || len(got[0].Extra) != 0 || len(got[0].Claimed) != 0 || got[0].Via.IsValid() {
			t.Errorf("address record %s was taken: %+v", bad, got)
		}
	}
}

// Behind an mDNS gateway the answer comes from the router, and only its
// address records name the camera: they are claims to check, and the
// router's address is not the camera's.
func TestParseMDNSAnswerFromAGatewayClaimsItsPrivateLinkLocalAndUniqueLocalRecords(t *testing.T) {
	pkt := axisAnswer(t, "_vapix-http._tcp.local.", "AXIS Q1961-TE", "sn=E82725000001",
		"axis-e82725000001.local.", 80, 4500, "10.0.2.15", "169.254.7.7", "fd00:2::15", "fe80::40:8cff:fe00:1", "8.8.8.8")
	got := parseMDNS(pkt, netip.MustParseAddr("10.0.1.1"), "eth0")
	if len(got) != 1 {
		t.Fatalf("sightings %+v", got)
	}
	s := got[0]
	want := []netip.Addr{ip("10.0.2.15"), ip("169.254.7.7"), ip("fd00:2::15"), ip("fe80::40:8cff:fe00:1").WithZone("eth0")}
	if s.Addr.IsValid() || s.Via != ip("10.0.1.1") || !slices.Equal(s.Claimed, want) || len(s.Extra) != 0 {
		t.Fatalf("addr %v via %v claimed %v extra %v; want no address, via 10.0.1.1, claimed %v", s.Addr, s.Via, s.Claimed, s.Extra, want)
	}
}

func TestParseMDNSGoodbyeIsTTLZero(t *testing.T) {
	pkt := axisAnswer(t, "_axis-video._tcp.local.", "AXIS P1375 - B8A44F42B4C6", "macaddress=b8a44f42b4c6",
		"axis-b8a44f42b4c6.local.", 80, 0, "10.0.4.52")
	got := parseMDNS(pkt, netip.MustParseAddr("10.0.4.52"), "eth0")
	if len(got) != 1 || !got[0].Goodbye || got[0].MAC != "B8A44F42B4C6" {
		t.Fatalf("%+v", got)
	}
}

func TestParseMDNSDropsOtherServicesQueriesAndGarbage(t *testing.T) {
	other := axisAnswer(t, "_printer._tcp.local.", "HP LaserJet", "macaddress=ACCC8E270AD8", "hp.local.", 631, 120, "10.0.4.9")
	if got := parseMDNS(other, netip.MustParseAddr("10.0.4.9"), ""); len(got) != 0 {
		t.Fatalf("printer accepted: %+v", got)
	}
	q, _ := buildMDNSQuery(mdnsServices, nil)
	if got := parseMDNS(q[0], netip.MustParseAddr("10.0.4.9"), ""); len(got) != 0 {
		t.Fatalf("query accepted: %+v", got)
	}
	noMAC := axisAnswer(t, "_axis-video._tcp.local.", "AXIS P1375 - B8A44F42B4C6", "txtvers=1", "x.local.", 80, 120, "10.0.4.9")
	if got := parseMDNS(noMAC, netip.MustParseAddr("10.0.4.9"), ""); len(got) != 0 {
		t.Fatalf("MAC guessed from the name: %+v", got)
	}
	if got := parseMDNS([]byte{0, 1, 2}, netip.MustParseAddr("10.0.4.9"), ""); len(got) != 0 {
		t.Fatal("garbage accepted")
	}
}

func TestBuildMDNSQueryAsksEveryServiceOnceAndListsEveryKnownAnswerOverTruncatedPackets(t *testing.T) {
	var known []dns.RR
	for i := range 1000 {
		known = append(known, &dns.PTR{
			Hdr: dns.RR_Header{Name: "_axis-video._tcp.local.", Rrtype: dns.TypePTR, Class: dns.ClassINET, Ttl: 4000},
			Ptr: escapeLabel("AXIS M1075-L ("+itoa(i)+")") + "._axis-video._tcp.local.",
		})
	}
	pkts, err := buildMDNSQuery(mdnsServices, known)
	if err != nil {
		t.Fatal(err)
	}
	if len(pkts) < 2 {
		t.Fatalf("1000 known answers in %d packet(s)", len(pkts))
	}
	listed := 0
	for i, pkt := range pkts {
		if len(pkt) > 8900 {
			t.Fatalf("packet %d of %d bytes exceeds the mDNS packet limit", i, len(pkt))
		}
		var m dns.Msg
		if err := m.Unpack(pkt); err != nil {
			t.Fatal(err)
		}
		if last := i == len(pkts)-1; m.Truncated == last {
			t.Errorf("packet %d of %d: TC bit %v; want it on every packet but the last", i+1, len(pkts), m.Truncated)
		}
		if i == 0 {
			if len(m.Question) != len(mdnsServices) {
				t.Errorf("first packet asks %d questions, want one per service (%d)", len(m.Question), len(mdnsServices))
			}
		} else if len(m.Question) != 0 {
			t.Errorf("packet %d repeats the questions", i+1)
		}
		listed += len(m.Answer)
	}
	if listed != len(known) {
		t.Errorf("%d of %d known answers listed", listed, len(known))
	}
}

func itoa(i int) string { return netip.AddrFrom4([4]byte{0, 0, byte(i >> 8), byte(i)}).String() }

func TestFirstLabelUnescapes(t *testing.T) {
	cases := map[string]string{
		`AXIS\ M1075-L\ -\ ACCC8E270AD8._axis-video._tcp.local.`: "AXIS M1075-L - ACCC8E270AD8",
		`Cam\.1\0322._axis-video._tcp.local.`:                    "Cam.1 2",
	}
	for in, want := range cases {
		if got := firstLabel(in); got != want {
			t.Errorf("firstLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEscapeLabelRoundTripsThroughMiekg(t *testing.T) {
	label := `AXIS M1075-L (2)`
	name := escapeLabel(label) + "._axis-video._tcp.local."
	if _, ok := dns.IsDomainName(name); !ok {
		t.Fatalf("%q is not a domain name", name)
	}
	if got := firstLabel(name); got != label {
		t.Fatalf("round trip gave %q", got)
	}
}

func FuzzParseMDNS(f *testing.F) {
	f.Add(axisAnswer(f, "_axis-video._tcp.local.", "AXIS M1014 - ACCC8E270AD8", "macaddress=ACCC8E270AD8", "axis-accc8e270ad8.local.", 80, 4500, "192.168.1.102", "169.254.1.2"))
	f.Add(axisAnswer(f, "_vapix-https._tcp.local.", "AXIS Q1961-TE", "sn=E82725000001", "axis-e82725000001.local.", 443, 0, "10.0.0.5"))
	f.Add(axisAnswer(f, "_axis-video._tcp.local.", "AXIS \x1b]0;t\x07\u202e\r\n", "macaddress=ACCC8E270AD8", "a.local.", 80, 120, "10.0.0.5"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, s := range parseMDNS(data, netip.MustParseAddr("10.0.0.5"), "eth0") {
			if macaddr.Normalize(s.MAC) != s.MAC || s.MAC == "" {
				t.Fatalf("unnormalised MAC %q", s.MAC)
			}
			if s.Addr.IsValid() == s.Via.IsValid() || s.Via.IsValid() && len(s.Claimed) == 0 || len(s.Extra)+len(s.Claimed) > 8 {
				t.Fatalf("bad addresses %v %v via %v claimed %v", s.Addr, s.Extra, s.Via, s.Claimed)
			}
			for _, a := range append(s.Extra, s.Claimed...) {
				if !claimable(a) {
					t.Fatalf("address record %v taken", a)
				}
			}
			sightingTextOK(t, s)
		}
	})
}

func FuzzParseTXT(f *testing.F) {
	f.Add("macaddress=ACCC8E270AD8", "sn=ACCC8E270AD8", "ep=param,apidisc,decaf")
	f.Add("=", "", "novalue")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		m := parseTXT([]string{a, b, c})
		if len(m) > 3 {
			t.Fatalf("%d keys from 3 strings", len(m))
		}
		_ = macaddr.Normalize(m["macaddress"])
	})
}

// A camera on AXIS OS 11.4 or later answers for three services in one
// packet: that is one change to the list, with what each service adds.
func TestOnePacketAnsweringForThreeServicesIsOneSightingWithWhatEachAdds(t *testing.T) {
	m := new(dns.Msg)
	m.Response = true
	host := "axis-e82725000001.local."
	add := func(svc, instance, txt string, port uint16) {
		name := escapeLabel(instance) + "." + svc
		m.Answer = append(m.Answer, &dns.PTR{Hdr: dns.RR_Header{Name: svc, Rrtype: dns.TypePTR, Class: dns.ClassINET, Ttl: 4500}, Ptr: name})
		m.Extra = append(m.Extra,
			&dns.SRV{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeSRV, Class: dns.ClassINET, Ttl: 120}, Target: host, Port: port},
			&dns.TXT{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeTXT, Class: dns.ClassINET, Ttl: 4500}, Txt: []string{txt}})
	}
	add("_vapix-https._tcp.local.", "AXIS Q1961-TE", "sn=E82725000001", 443)
	add("_axis-video._tcp.local.", "AXIS Q1961-TE - E82725000001", "macaddress=E82725000001", 80)
	add("_vapix-http._tcp.local.", "AXIS Q1961-TE", "sn=E82725000001", 80)
	m.Extra = append(m.Extra, &dns.A{Hdr: dns.RR_Header{Name: host, Rrtype: dns.TypeA, Class: dns.ClassINET, Ttl: 120}, A: net.ParseIP("10.0.4.61")})
	pkt, err := m.Pack()
	if err != nil {
		t.Fatal(err)
	}
	got := oneSightingPerCamera(parseMDNS(pkt, ip("10.0.4.61"), "eth0"))
	if len(got) != 1 {
		t.Fatalf("%d sightings of one camera's answer: %+v", len(got), got)
	}
	s := got[0]
	if s.MAC != "E82725000001" || s.HTTPPort != 80 || s.HTTPSPort != 443 || s.Serial != "E82725000001" ||
		s.Name != "AXIS Q1961-TE - E82725000001" || s.Model != "AXIS Q1961-TE" || s.Addr != ip("10.0.4.61") {
		t.Fatalf("merged sighting %+v", s)
	}
}

func TestAGoodbyeForOneServiceDoesNotWithdrawACameraTheSamePacketShowsAlive(t *testing.T) {
	got := oneSightingPerCamera([]Sighting{
		{MAC: "E82725000001", Service: "_axis-video._tcp.local.", Goodbye: true},
		{MAC: "E82725000001", Service: "_vapix-http._tcp.local.", Addr: ip("10.0.4.61"), HTTPPort: 80, TTL: time.Minute},
		{MAC: "ACCC8E000002", Service: "_axis-video._tcp.local.", Goodbye: true},
	})
	if len(got) != 2 || got[0].Goodbye || got[0].Addr != ip("10.0.4.61") || !got[1].Goodbye {
		t.Fatalf("%+v", got)
	}
}
