package discovery

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/devtext"
	"github.com/openipu/openipu/core/macaddr"
)

// rootdesc is a captured M1014 description (testdata/axis/rootdesc1.xml),
// the same capture the simulator's SSDP responder is held to.
func rootdesc(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "axis", "rootdesc1.xml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestMACFromUSN(t *testing.T) {
	cases := map[string]string{
		"uuid:Upnp-BasicDevice-1_0-ACCC8E270AD8::urn:axis-com:service:BasicService:1": "ACCC8E270AD8",
		"uuid:Upnp-BasicDevice-1_0-00408CD5A687::upnp:rootdevice":                     "00408CD5A687",
		"uuid:Upnp-BasicDevice-1_0-00408cd5a687":                                      "00408CD5A687",
		"uuid:2f402f80-da50-11e1-9b23-00178809ea66::upnp:rootdevice":                  "00178809EA66",
		"urn:axis-com:service:BasicService:1":                                         "",
		"":                                                                            "",
	}
	for in, want := range cases {
		if got := macFromUSN(in); got != want {
			t.Errorf("macFromUSN(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseDescriptionOfRealFixture(t *testing.T) {
	d, err := parseDescription([]byte(rootdesc(t)))
	if err != nil {
		t.Fatal(err)
	}
	if d.Device.ModelName != "AXIS M1014" || d.Device.SerialNumber != "ACCC8E270AD8" || d.Device.Manufacturer != "AXIS" {
		t.Fatalf("%+v", d)
	}
	if p := presentationPort(d.Device.PresentationURL); p != 80 {
		t.Fatalf("port %d", p)
	}
	if p := presentationPort("http://2.3.4.5:8080/"); p != 8080 {
		t.Fatalf("Home Assistant's example gives %d", p)
	}
	for _, bad := range []string{"", "http://x:99999/", "https://x/", "::"} {
		if p := presentationPort(bad); p != 0 {
			t.Errorf("presentationPort(%q) = %d", bad, p)
		}
	}
}

func TestFetchDescriptionRefusesALocationOnAnotherHost(t *testing.T) {
	hits := 0
	desc := rootdesc(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		fmt.Fprint(w, desc)
	}))
	defer srv.Close()
	loc := srv.URL + "/rootdesc1.xml"
	_, err := fetchDescription(context.Background(), http.DefaultClient, netip.MustParseAddr("127.0.0.2"), loc)
	if err != errDescriptionElsewhere || hits != 0 {
		t.Fatalf("err %v, hits %d", err, hits)
	}
	d, err := fetchDescription(context.Background(), http.DefaultClient, netip.MustParseAddr("127.0.0.1"), loc)
	if err != nil || d.Device.ModelName != "AXIS M1014" || hits != 1 {
		t.Fatalf("from the sender: %v %+v hits %d", err, d, hits)
	}
}

func TestFetchDescriptionStopsAtTheSizeLimit(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<root>"+strings.Repeat("A", 10<<20))
	}))
	// The connection is closed from this side first: under Wine 8 a send
	// still under way when the client hangs up sometimes never ends, and
	// Close alone waits for this handler.
	defer func() {
		srv.CloseClientConnections()
		srv.Close()
	}()
	_, err := fetchDescription(context.Background(), http.DefaultClient, netip.MustParseAddr("127.0.0.1"), srv.URL+"/rootdesc1.xml")
	if err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("10 MB description: %v", err)
	}
}

func TestFetchDescriptionGivesUpOnAnEndlessSlowReply(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		fmt.Fprint(c, "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n<root>")
		for range 100 {
			time.Sleep(100 * time.Millisecond)
			if _, err := c.Write([]byte("A")); err != nil {
				return
			}
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = fetchDescription(ctx, http.DefaultClient, netip.MustParseAddr("127.0.0.1"), "http://"+ln.Addr().String()+"/rootdesc1.xml")
	if err == nil {
		t.Fatal("endless reply accepted")
	}
	if time.Since(start) > 5*time.Second {
		t.Fatalf("hung for %v", time.Since(start))
	}
}

func TestHubWriterReadsSenderFromGoSSDPLogLine(t *testing.T) {
	out := make(chan Sighting, 4)
	c := newSSDPClient(nil, out, &counters{}, func(string, ...any) {})
	h := &senderHub{listeners: map[*ssdpClient]bool{c: true}}
	w := hubWriter{h}
	w.Write([]byte("search response from 192.168.1.102:1900: uuid:Upnp-BasicDevice-1_0-ACCC8E270AD8::urn:axis-com:service:BasicService:1\n"))
	w.Write([]byte("search on 0.0.0.0:40000\n"))
	w.Write([]byte("search response from nonsense: uuid:x\n"))
	select {
	case s := <-out:
		if s.MAC != "ACCC8E270AD8" || s.Addr != netip.MustParseAddr("192.168.1.102") || s.Source != SourceSSDP {
			t.Fatalf("%+v", s)
		}
	default:
		t.Fatal("no sighting")
	}
	if len(out) != 0 {
		t.Fatalf("extra sightings: %d", len(out))
	}
	if !c.senders["uuid:Upnp-BasicDevice-1_0-ACCC8E270AD8::urn:axis-com:service:BasicService:1"][netip.MustParseAddr("192.168.1.102")] {
		t.Fatal("sender not remembered")
	}
}

func TestDescribedOnlyFetchesFromARecordedSender(t *testing.T) {
	out := make(chan Sighting, 4)
	c := newSSDPClient(nil, out, &counters{}, func(string, ...any) {})
	usn := "uuid:Upnp-BasicDevice-1_0-ACCC8E270AD8::upnp:rootdevice"
	c.answered(netip.MustParseAddr("10.0.0.5"), usn)
	<-out
	c.described(usn, "http://10.0.0.99:49152/rootdesc1.xml", 1800)
	c.mu.Lock()
	_, fetched := c.fetched["ACCC8E270AD8"]
	c.mu.Unlock()
	if fetched {
		t.Fatal("LOCATION on another host than the sender was fetched")
	}
}

func FuzzSSDPHeaders(f *testing.F) {
	f.Add("uuid:Upnp-BasicDevice-1_0-ACCC8E270AD8::urn:axis-com:service:BasicService:1", "http://192.168.1.102:45895/rootdesc1.xml", "192.168.1.102:1900")
	f.Add("", "", "")
	f.Add("uuid:::::", "http://[::1]:80/", "[::1]:1900")
	f.Fuzz(func(t *testing.T, usn, location, from string) {
		if mac := macFromUSN(usn); mac != "" && macaddr.Normalize(mac) != mac {
			t.Fatalf("unnormalised %q", mac)
		}
		_ = locationHost(location)
		_ = presentationPort(location)
		out := make(chan Sighting, 1)
		c := newSSDPClient(nil, out, &counters{}, func(string, ...any) {})
		hubWriter{&senderHub{listeners: map[*ssdpClient]bool{c: true}}}.Write([]byte(searchResponsePrefix + from + ": " + usn))
	})
}

func FuzzParseDescription(f *testing.F) {
	f.Add([]byte(rootdesc(f)))
	f.Add([]byte("<root><device><serialNumber>x</serialNumber></device>"))
	f.Add([]byte("<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">]><root>&a;&a;</root>"))
	f.Add([]byte(hostileDescription()))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := parseDescription(data)
		if err != nil {
			return
		}
		_ = presentationPort(d.Device.PresentationURL)
		dv := d.Device
		for _, v := range []string{dv.DeviceType, dv.FriendlyName, dv.Manufacturer, dv.ModelDescription,
			dv.ModelName, dv.ModelNumber, dv.SerialNumber, dv.UDN, dv.PresentationURL, d.URLBase} {
			if devtext.Clean(v) != v {
				t.Fatalf("%q is not clean", v)
			}
		}
	})
}
