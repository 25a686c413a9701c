package ssdpresp

import (
	"net/netip"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
)

func TestSearchReplyIsTheCapturedBytes(t *testing.T) {
	date := time.Date(2016, 10, 2, 23, 11, 25, 0, time.FixedZone("CEST", 2*3600))
	got := searchReply("http://192.168.1.102:45895/rootdesc1.xml", "8fb2638a-1dd2-11b2-a915-c89968cce2ca",
		ntService, usnOf(udnOf("ACCC8E270AD8"), ntService), date)
	if want := withOurServer(capturedSearchReply); string(got) != want {
		t.Errorf("reply\n%q\nwant\n%q", got, want)
	}
}

func TestNotifyIsTheCapturedBytes(t *testing.T) {
	got := notify("http://192.168.1.102:45895/rootdesc1.xml", "2ae7b584-1dd2-11b2-988f-983991d749b2",
		ntService, "ssdp:byebye", usnOf(udnOf("ACCC8E270AD8"), ntService))
	if want := withOurServer(capturedByebye); string(got) != want {
		t.Errorf("NOTIFY\n%q\nwant\n%q", got, want)
	}
}

func TestDescriptionIsTheCapturedDocument(t *testing.T) {
	ip := netip.MustParseAddr("192.168.1.102")
	info := m1014(ip, camsim.Gen10)
	cam := &camera{info: info, mac: info.MAC, ip: ip, udn: udnOf(info.MAC)}
	want := capturedDescription(t)
	if got := string(description(cam, 51578)); got != want {
		t.Errorf("description\n%s\nwant\n%s", got, want)
	}
}

func TestSearchTargetsAreMatchedAsLibupnpDoes(t *testing.T) {
	udn := udnOf("ACCC8E270AD8")
	cases := map[string][]string{
		"ssdp:all":                                  {ntRoot, udn, ntDevice, ntService},
		"upnp:rootdevice":                           {ntRoot},
		"urn:axis-com:service:BasicService:1":       {ntService},
		"urn:schemas-upnp-org:device:Basic:1":       {ntDevice},
		udn:                                         {udn},
		"uuid:Upnp-BasicDevice-1_0-ACCC8E000000":    nil,
		"URN:AXIS-COM:SERVICE:BASICSERVICE:1":       nil,
		"urn:schemas-upnp-org:device:MediaServer:1": nil,
	}
	for st, want := range cases {
		if got := targetsFor(st, udn); !slices.Equal(got, want) {
			t.Errorf("ST %q: answers %v, want %v", st, got, want)
		}
	}
	if usn := usnOf(udn, udn); usn != udn {
		t.Errorf("USN for the UDN itself is %q, want the UDN", usn)
	}
}

func TestReplyWindowStaysWithinMX(t *testing.T) {
	for mx := 0; mx <= 120; mx++ {
		// Replies go out after 0..w-1 whole seconds: at once for MX 0 or
		// 1, otherwise at least a second before MX (capped at 5) runs out.
		want := 1
		if mx >= 2 {
			want = min(mx, maxMX) - max(1, min(mx, maxMX)/10)
		}
		if w := replyWindow(mx); w != want || w > max(1, min(mx, maxMX)-1) {
			t.Errorf("MX %d: window %d s, want %d", mx, w, want)
		}
	}
}

func TestNLSHasLibupnpsShape(t *testing.T) {
	re := regexp.MustCompile(`^[0-9a-f]{8}-1dd2-11b2-[0-9a-f]{4}-[0-9a-f]{12}$`)
	a, b := newNLS(), newNLS()
	if !re.MatchString(a) || a == b {
		t.Errorf("01-NLS %q then %q: want libupnp's shape and a new one per boot", a, b)
	}
}

func TestSearchIsReadAsGoSSDPReadsIt(t *testing.T) {
	for _, tc := range []struct {
		name, msg string
		st, mx    string
		ok        bool
	}{
		{"plain", "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 2\r\nST: ssdp:all\r\n\r\n", "ssdp:all", "2", true},
		{"no blank line at the end", "M-SEARCH * HTTP/1.1\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\nST: upnp:rootdevice\r\n", "upnp:rootdevice", "1", true},
		{"MAN unquoted", "M-SEARCH * HTTP/1.1\r\nMAN: ssdp:discover\r\nMX: 1\r\nST: ssdp:all\r\n\r\n", "", "", false},
		{"a NOTIFY", "NOTIFY * HTTP/1.1\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\n\r\n", "", "", false},
		{"garbage", "M-SEARCH \x00\x01", "", "", false},
	} {
		st, mx, ok := parseSearch([]byte(tc.msg))
		if st != tc.st || mx != tc.mx || ok != tc.ok {
			t.Errorf("%s: ST %q MX %q ok %v, want %q %q %v", tc.name, st, mx, ok, tc.st, tc.mx, tc.ok)
		}
	}
}
