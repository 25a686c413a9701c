package discovery

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openipu/openipu/core/devtext"
	"github.com/openipu/openipu/core/devtext/devtexttest"
)

// sightingTextOK fails for a sighting whose text fields are not clean.
func sightingTextOK(t *testing.T, s Sighting) {
	t.Helper()
	for name, v := range map[string]string{"Name": s.Name, "Model": s.Model, "FullName": s.FullName, "Serial": s.Serial} {
		if devtext.Clean(v) != v {
			t.Fatalf("%s = %q is not clean", name, v)
		}
	}
}

func TestParseMDNSCleansAHostileInstanceName(t *testing.T) {
	// A label holds at most 63 bytes: the escapes take the room of a model.
	instance := "AXIS \x1b]0;pwned\x07\x1b[2J\u202eM1075-L\x00"
	pkt := axisAnswer(t, "_axis-video._tcp.local.", instance, "macaddress=ACCC8E270AD8", "axis.local.", 80, 120, "10.0.4.9")
	got := parseMDNS(pkt, netip.MustParseAddr("10.0.4.9"), "eth0")
	if len(got) != 1 {
		t.Fatalf("%d sightings, want 1", len(got))
	}
	s := got[0]
	if u := devtexttest.Unsafe([]byte(s.Name+s.Model), false); u != "" {
		t.Fatalf("name %q, model %q: %s", s.Name, s.Model, u)
	}
	if s.Name != "AXIS M1075-L\uFFFD" {
		t.Errorf("name %q lost the device's own words", s.Name)
	}
}

// hostileDescription is rootdesc1.xml with control sequences in every text
// field, written as XML character references and as raw text alike. XML
// refuses ESC and the other C0 controls but tab and line breaks, so what
// gets through is the 8-bit forms: CSI, OSC and ST, a bidi override and new
// lines.
func hostileDescription() string {
	raw := "\u009b2J\u009d0;pwned\u009c\u202e\r\n\tPassword accepted"
	ref := "&#x9b;2J&#x9d;0;pwned&#x9c;&#x202e;&#13;&#10;&#9;Password accepted"
	return `<?xml version="1.0"?><root xmlns="urn:schemas-upnp-org:device-1-0"><device>
<deviceType>urn:schemas-upnp-org:device:Basic:1` + ref + `</deviceType>
<friendlyName>AXIS M1075-L - ACCC8E270AD8` + raw + `</friendlyName>
<manufacturer>AXIS&#x9b;0m&#x202e;</manufacturer>
<modelDescription>AXIS M1075-L Box Camera` + ref + `</modelDescription>
<modelName>AXIS &#x9d;0;pwned&#x9c;` + "\u009b2J" + `M1075-L</modelName>
<modelNumber>M1075-L` + raw + `</modelNumber>
<serialNumber>ACCC8E&#x9b;0m270AD8</serialNumber>
<UDN>uuid:Upnp-BasicDevice-1_0-ACCC8E270AD8` + ref + `</UDN>
<presentationURL>http://10.0.0.5:80/` + ref + `</presentationURL>
</device><URLBase>http://10.0.0.5` + raw + `</URLBase></root>`
}

func TestParseDescriptionCleansEveryField(t *testing.T) {
	d, err := parseDescription([]byte(hostileDescription()))
	if err != nil {
		t.Fatal(err)
	}
	dv := d.Device
	for name, v := range map[string]string{
		"deviceType": dv.DeviceType, "friendlyName": dv.FriendlyName, "manufacturer": dv.Manufacturer,
		"modelDescription": dv.ModelDescription, "modelName": dv.ModelName, "modelNumber": dv.ModelNumber,
		"serialNumber": dv.SerialNumber, "UDN": dv.UDN, "presentationURL": dv.PresentationURL, "URLBase": d.URLBase,
	} {
		if u := devtexttest.Unsafe([]byte(v), false); u != "" {
			t.Errorf("%s = %q: %s", name, v, u)
		}
	}
	if dv.ModelName != "AXIS M1075-L" || dv.SerialNumber != "ACCC8E270AD8" || dv.Manufacturer != "AXIS" {
		t.Errorf("model %q, serial %q, manufacturer %q: control sequences alone must vanish", dv.ModelName, dv.SerialNumber, dv.Manufacturer)
	}
}

func TestAHostileDescriptionGivesACleanSighting(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(hostileDescription()))
	}))
	defer srv.Close()
	from := netip.MustParseAddr("127.0.0.1")
	out := make(chan Sighting, 1)
	c := newSSDPClient(nil, out, &counters{}, func(string, ...any) {})
	c.locate("ACCC8E270AD8", from, srv.URL+"/rootdesc1.xml", 1800)
	select {
	case s := <-out:
		sightingTextOK(t, s)
		if s.Model != "AXIS M1075-L" || !strings.HasPrefix(s.Name, "AXIS M1075-L - ACCC8E270AD8") {
			t.Errorf("model %q, name %q", s.Model, s.Name)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no sighting from the description")
	}
}

const proxyChildEnv = "OPENIPU_TEST_PROXY_CHILD"

// The proxy setting is read once per process, so the check runs in a
// process of its own where HTTP_PROXY is set before anything reads it.
func TestSSDPDescriptionIsNotFetchedThroughTheEnvironmentsProxy(t *testing.T) {
	if os.Getenv(proxyChildEnv) == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), proxyChildEnv+"=1")
		out, err := cmd.CombinedOutput()
		switch {
		case err != nil:
			t.Fatalf("%v\n%s", err, out)
		case strings.Contains(string(out), "--- SKIP"):
			t.Skipf("%s", out)
		case !strings.Contains(string(out), "--- PASS"):
			t.Fatalf("the check did not run:\n%s", out)
		}
		return
	}
	// Go never sends loopback requests to a proxy, so the camera must be on
	// an address of another interface of this computer.
	ln := listenNonLoopback(t)
	var direct, proxied atomic.Int32
	camera := &httptest.Server{Listener: ln, Config: &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		direct.Add(1)
		_, _ = w.Write([]byte(rootdesc(t)))
	})}}
	camera.Start()
	defer camera.Close()
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		proxied.Add(1)
		_, _ = w.Write([]byte(`<root><device><manufacturer>AXIS</manufacturer><modelName>PROXY</modelName></device></root>`))
	}))
	defer proxy.Close()
	for _, k := range []string{"HTTP_PROXY", "http_proxy"} {
		t.Setenv(k, proxy.URL)
	}
	for _, k := range []string{"NO_PROXY", "no_proxy"} {
		t.Setenv(k, "")
	}
	location := camera.URL + "/rootdesc1.xml"

	// Without Proxy: nil, the request would go to the proxy.
	res, err := http.Get(location)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if proxied.Load() != 1 {
		t.Fatalf("HTTP_PROXY is not in effect in this process (proxied %d): the check below would prove nothing", proxied.Load())
	}

	c := newSSDPClient(nil, make(chan Sighting, 1), &counters{}, func(string, ...any) {})
	from := netip.MustParseAddr(ln.Addr().(*net.TCPAddr).IP.String())
	d, err := fetchDescription(context.Background(), c.fetch, from, location)
	if err != nil {
		t.Fatal(err)
	}
	if proxied.Load() != 1 || direct.Load() != 1 || d.Device.ModelName == "PROXY" {
		t.Fatalf("the description went through the proxy: proxied %d, direct %d, model %q", proxied.Load(), direct.Load(), d.Device.ModelName)
	}
}

func listenNonLoopback(t *testing.T) net.Listener {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Skipf("no interface addresses: %v", err)
	}
	for _, a := range addrs {
		p, ok := a.(*net.IPNet)
		if !ok || p.IP.To4() == nil || p.IP.IsLoopback() {
			continue
		}
		if ln, err := net.Listen("tcp4", fmt.Sprintf("%s:0", p.IP)); err == nil {
			return ln
		}
	}
	t.Skip("this computer has no IPv4 address besides loopback to put the camera on")
	return nil
}
