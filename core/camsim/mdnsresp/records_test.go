package mdnsresp

import (
	"encoding/binary"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/miekg/dns"

	"github.com/openipu/openipu/core/camsim"
)

var testIP = netip.MustParseAddr("192.0.2.7")

func serviceTypes(c *camera) []string {
	var out []string
	for _, rec := range c.records {
		if p, ok := rec.rr.(*dns.PTR); ok && rec.rr.Header().Name != servicesName {
			out = append(out, p.Hdr.Name)
		}
	}
	slices.Sort(out)
	return out
}

func TestGenerationsPublishTheirServiceTypes(t *testing.T) {
	cases := []struct {
		gen     camsim.Generation
		httpsOn bool
		want    []string
	}{
		{camsim.Gen10, true, []string{"_axis-video._tcp.local.", "_http._tcp.local.", "_https._tcp.local.", "_rtsp._tcp.local."}},
		{camsim.Gen10, false, []string{"_axis-video._tcp.local.", "_http._tcp.local.", "_rtsp._tcp.local."}},
		{camsim.Gen11, true, []string{"_axis-video._tcp.local.", "_http._tcp.local.", "_https._tcp.local.", "_rtsp._tcp.local.", "_vapix-http._tcp.local.", "_vapix-https._tcp.local."}},
		{camsim.Gen12, false, []string{"_axis-video._tcp.local.", "_http._tcp.local.", "_rtsp._tcp.local.", "_vapix-http._tcp.local."}},
	}
	for _, tc := range cases {
		info := camInfo("ACCC8E270AD8", tc.gen, "M1075-L", testIP, tc.httpsOn)
		c, err := newCamera(info, testIP, 0, info.FriendlyNameBonjour, Misbehaviour{})
		if err != nil {
			t.Fatal(err)
		}
		if got := serviceTypes(c); !slices.Equal(got, tc.want) {
			t.Errorf("%s https=%v: services %v, want %v", tc.gen, tc.httpsOn, got, tc.want)
		}
	}
}

func TestRecordsCarryTheRecordedNamesTXTAndRFCTTLs(t *testing.T) {
	info := camInfo("ACCC8E270AD8", camsim.Gen11, "M1075-L", testIP, true)
	info.HTTPAddr = netip.AddrPortFrom(testIP, 8080)
	c, err := newCamera(info, testIP, 0, "AXIS M1075-L", Misbehaviour{})
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, rec := range c.records {
		h := rec.rr.Header()
		switch rr := rec.rr.(type) {
		case *dns.A:
			found["A"] = true
			if h.Name != "axis-accc8e270ad8.local." || !rr.A.Equal(testIP.AsSlice()) || h.Ttl != 120 || h.Class != dns.ClassINET|cacheFlush {
				t.Errorf("A record %v", rr)
			}
		case *dns.SRV:
			if h.Ttl != 120 || h.Class != dns.ClassINET|cacheFlush || rr.Target != "axis-accc8e270ad8.local." {
				t.Errorf("SRV %v", rr)
			}
			if h.Name == `AXIS\ M1075-L._axis-video._tcp.local.` {
				found["SRV"] = true
				if rr.Port != 8080 {
					t.Errorf("_axis-video port %d, want the HTTP port 8080", rr.Port)
				}
			}
			if strings.HasSuffix(h.Name, "._rtsp._tcp.local.") && rr.Port != 554 {
				t.Errorf("_rtsp port %d, want 554", rr.Port)
			}
			if strings.HasSuffix(h.Name, "._vapix-https._tcp.local.") && rr.Port != 443 {
				t.Errorf("_vapix-https port %d, want 443", rr.Port)
			}
		case *dns.TXT:
			if h.Ttl != 4500 || h.Class != dns.ClassINET|cacheFlush {
				t.Errorf("TXT %v", rr)
			}
			switch h.Name {
			case `AXIS\ M1075-L._axis-video._tcp.local.`:
				found["TXT axis-video"] = true
				if !slices.Equal(rr.Txt, []string{"macaddress=ACCC8E270AD8"}) {
					t.Errorf("_axis-video TXT %q", rr.Txt)
				}
			case `AXIS\ M1075-L._vapix-http._tcp.local.`:
				found["TXT vapix"] = true
				if !slices.Equal(rr.Txt, []string{"sn=ACCC8E270AD8", "txtvers=1", "ep=param,apidisc,decaf", "tags="}) {
					t.Errorf("_vapix-http TXT %q", rr.Txt)
				}
			case `AXIS\ M1075-L._rtsp._tcp.local.`:
				found["TXT rtsp"] = true
				if !slices.Contains(rr.Txt, "path=/axis-media/media.amp") {
					t.Errorf("_rtsp TXT %q", rr.Txt)
				}
			}
		case *dns.PTR:
			if h.Ttl != 4500 || h.Class != dns.ClassINET {
				t.Errorf("PTR %v: shared records have TTL 4500 and no cache-flush bit", rr)
			}
			if h.Name == "_axis-video._tcp.local." {
				found["PTR"] = true
				if rr.Ptr != `AXIS\ M1075-L._axis-video._tcp.local.` {
					t.Errorf("PTR target %q", rr.Ptr)
				}
			}
		}
	}
	for _, k := range []string{"A", "SRV", "PTR", "TXT axis-video", "TXT vapix", "TXT rtsp"} {
		if !found[k] {
			t.Errorf("no %s record", k)
		}
	}
}

func TestInstanceNamesOfOneModelGetNumberedSuffixes(t *testing.T) {
	nt := newNameTable()
	got := []string{
		nt.claim("ACCC8E000001", "AXIS M1075-L"),
		nt.claim("ACCC8E000002", "AXIS M1075-L"),
		nt.claim("ACCC8E000003", "AXIS M1075-L"),
		nt.claim("ACCC8E000002", "AXIS M1075-L"), // stays what it was
	}
	want := []string{"AXIS M1075-L", "AXIS M1075-L (2)", "AXIS M1075-L (3)", "AXIS M1075-L (2)"}
	if !slices.Equal(got, want) {
		t.Fatalf("names %q, want %q", got, want)
	}
	nt.release("ACCC8E000002")
	if n := nt.claim("ACCC8E000004", "axis m1075-l"); n != "axis m1075-l (2)" {
		t.Errorf("a freed name is reused case-insensitively: got %q", n)
	}
	long := strings.Repeat("x", 70)
	if n := nt.claim("ACCC8E000005", long); len(n) != 63 {
		t.Errorf("long name not cut to one label: %d bytes", len(n))
	}
	if n := nt.claim("ACCC8E000006", long); len(n) != 63 || !strings.HasSuffix(n, " (2)") {
		t.Errorf("long conflicting name %q (%d bytes)", n, len(n))
	}
}

func TestKnownAnswerMatchesWhateverTheEscapingAndCase(t *testing.T) {
	ours := &dns.PTR{
		Hdr: dns.RR_Header{Name: "_axis-video._tcp.local.", Rrtype: dns.TypePTR, Class: dns.ClassINET, Ttl: 4500},
		Ptr: escapeLabel("AXIS M1075-L (2)") + "._axis-video._tcp.local.",
	}
	rec := record{rr: ours}
	var err error
	if rec.key, err = rrKey(ours); err != nil {
		t.Fatal(err)
	}
	theirs := &dns.PTR{
		Hdr: dns.RR_Header{Name: "_AXIS-video._tcp.local.", Rrtype: dns.TypePTR, Class: dns.ClassINET, Ttl: 2250},
		Ptr: `axis\032m1075-l\ \0402\).\_axis-video._tcp.local.`,
	}
	if !knownAnswers([]dns.RR{theirs}).suppresses(&rec) {
		t.Error("a known answer with half the TTL left, spelled differently, does not suppress")
	}
	theirs.Hdr.Ttl = 2249
	if knownAnswers([]dns.RR{theirs}).suppresses(&rec) {
		t.Error("a known answer with less than half the TTL left suppresses")
	}
	theirs.Hdr.Ttl = 4500
	theirs.Ptr = "AXIS\\ M1075-L._axis-video._tcp.local."
	if knownAnswers([]dns.RR{theirs}).suppresses(&rec) {
		t.Error("another camera's PTR suppresses this one")
	}
}

func TestMalformedPacketsAreBroken(t *testing.T) {
	info := camInfo("ACCC8E270AD8", camsim.Gen11, "M1075-L", testIP, true)
	c, err := newCamera(info, testIP, 0, "AXIS M1075-L", Misbehaviour{})
	if err != nil {
		t.Fatal(err)
	}
	var ok dns.Msg
	if err := ok.Unpack(c.announcement); err != nil {
		t.Fatalf("the announcement itself does not parse: %v", err)
	}
	for i, b := range malformedPackets(c.announcement) {
		var m dns.Msg
		if err := m.Unpack(b); err != nil {
			continue
		}
		// miekg/dns forgives counts that promise more records than the
		// packet holds; a stricter parser does not.
		if len(b) >= 12 && int(binary.BigEndian.Uint16(b[6:8])) != len(m.Answer) {
			continue
		}
		t.Errorf("malformed packet %d is a well-formed message", i)
	}
}
