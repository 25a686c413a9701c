package ssdpresp

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/netip"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	ssdp "github.com/koron/go-ssdp"

	"github.com/openipu/openipu/core/camsim"
)

var (
	dateLine = regexp.MustCompile(`(?m)^DATE: (.*)\r$`)
	nlsLine  = regexp.MustCompile(`(?m)^01-NLS: (.*)\r$`)
)

// normalise replaces a message's DATE and 01-NLS values, which change
// with time and boot, after checking their form.
func normalise(t *testing.T, msg string) string {
	t.Helper()
	if m := dateLine.FindStringSubmatch(msg); m != nil {
		d, err := time.Parse(http.TimeFormat, m[1])
		if err != nil || !strings.HasSuffix(m[1], " GMT") {
			t.Errorf("DATE %q is not an RFC 1123 GMT date", m[1])
		} else if time.Since(d) > time.Minute || time.Until(d) > time.Minute {
			t.Errorf("DATE %q is not now", m[1])
		}
		msg = strings.Replace(msg, m[0], "DATE: <date>\r", 1)
	}
	if m := nlsLine.FindStringSubmatch(msg); m != nil {
		msg = strings.Replace(msg, m[0], "01-NLS: <nls>\r", 1)
	}
	return msg
}

// expected turns a capture into what camera mac at location must send.
func expected(captured, mac, location string) string {
	s := withOurServer(captured)
	s = strings.ReplaceAll(s, "ACCC8E270AD8", mac)
	s = strings.ReplaceAll(s, "http://192.168.1.102:45895/rootdesc1.xml", location)
	s = dateLine.ReplaceAllString(s, "DATE: <date>\r")
	return nlsLine.ReplaceAllString(s, "01-NLS: <nls>\r")
}

func TestSearchRepliesAreTheCapturedBytesFromEachCamerasAddressWithinMX(t *testing.T) {
	needNetwork(t)
	r := startResponder(t, Options{})
	cams := []camsim.AnnounceInfo{
		camInfo(mac(0), camsim.Gen10, "M3066-V", "AXIS M3066-V Dome Camera", tnet.CamIPs[0]),
		camInfo(mac(1), camsim.Gen11, "M1075-L", "AXIS M1075-L Box Camera", tnet.CamIPs[1]),
		camInfo(mac(2), camsim.Gen11, "P3245-LVE", "AXIS P3245-LVE Dome Camera", tnet.CamIPs[2]),
	}
	for _, c := range cams {
		r.Announce(c)
	}
	l := listenUnicast(t)
	ips := tnet.CamIPs[:len(cams)]
	// Each round waits for every camera's reply, so a second reply to one
	// round shows up in the next, and one to the last among what came in
	// behind it.
	for round := range 3 {
		sent := l.search(axisJSSearch) // MX:3
		ds := l.collectUntil(each(ips, 1, nil))
		if round == 2 {
			ds = append(ds, l.arrived()...)
		}
		got := bySource(ds)
		for i, c := range cams {
			ds := got[tnet.CamIPs[i]]
			if len(ds) != 1 {
				t.Fatalf("round %d: %d replies from %s, want 1", round, len(ds), tnet.CamIPs[i])
			}
			d := ds[0]
			want := expected(capturedSearchReply, c.MAC, r.Location(c.MAC))
			if got := normalise(t, d.data); got != want {
				t.Errorf("reply from %s\n%q\nwant\n%q", d.src, got, want)
			}
			if d.dst != tnet.ClientIP {
				t.Errorf("reply sent to %s, want unicast to the searcher", d.dst)
			}
			if delay := d.at.Sub(sent); delay >= 3*time.Second {
				t.Errorf("reply %v after an MX:3 search", delay)
			}
		}
		if len(got) != len(cams) {
			t.Errorf("replies from %d addresses, want %d", len(got), len(cams))
		}
	}
	if loc := r.Location(mac(1)); !strings.HasPrefix(loc, "http://"+tnet.CamIPs[1].String()+":") {
		t.Errorf("LOCATION %q is not on the camera's address", loc)
	}
}

func TestSearchForAllGetsOneReplyPerTypeWithItsUSN(t *testing.T) {
	needNetwork(t)
	r := startResponder(t, Options{})
	info := camInfo(mac(0), camsim.Gen10, "M3066-V", "AXIS M3066-V Dome Camera", tnet.CamIPs[0])
	r.Announce(info)
	l := listenUnicast(t)
	udn := udnOf(info.MAC)
	l.search(searchFor("ssdp:all", 1))
	var pairs []string
	for _, d := range l.collectUntil(each(tnet.CamIPs[:1], 4, nil)) {
		st := header(d.data, "ST")
		pairs = append(pairs, st+" "+header(d.data, "USN"))
	}
	want := []string{
		"upnp:rootdevice " + udn + "::upnp:rootdevice",
		udn + " " + udn,
		ntDevice + " " + udn + "::" + ntDevice,
		ntService + " " + udn + "::" + ntService,
	}
	if !slices.Equal(pairs, want) {
		t.Errorf("ssdp:all replies\n%q\nwant\n%q", pairs, want)
	}
	l.search(searchFor(udn, 1))
	ds := l.collectUntil(each(tnet.CamIPs[:1], 1, nil))
	if len(ds) != 1 || header(ds[0].data, "USN") != udn {
		t.Errorf("search by UDN got %d replies, want one with USN = UDN", len(ds))
	}
	// The search by UDN after it marks when a reply to the other one would
	// have come.
	l.search(searchFor("urn:schemas-upnp-org:device:MediaRenderer:1", 1))
	l.search(searchFor(udn, 1))
	for _, d := range l.collectUntil(each(tnet.CamIPs[:1], 1, is("ST", udn))) {
		if st := header(d.data, "ST"); st != udn {
			t.Errorf("a reply to a search for another device type: ST %q", st)
		}
	}
}

// header reads one header's value from a raw message.
func header(msg, name string) string {
	for _, line := range strings.Split(msg, "\r\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(k, name) {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func TestGen12IsSilentUnlessEnabled(t *testing.T) {
	needNetwork(t)
	gen12 := camInfo(mac(2), camsim.Gen12, "D4200-VE", "AXIS D4200-VE Network Strobe Speaker", tnet.CamIPs[2])
	gen11 := camInfo(mac(1), camsim.Gen11, "M1075-L", "AXIS M1075-L Box Camera", tnet.CamIPs[1])

	notifies := listenNotify(t)
	l := listenUnicast(t)
	r := startResponder(t, Options{})
	// The 12.9 camera is announced first: anything it sent would come in
	// before the 11.11 camera's NOTIFYs, and likewise its replies.
	r.Announce(gen12)
	r.Announce(gen11)
	announced := bySource(notifies.collectUntil(each(tnet.CamIPs[1:2], 4, nil)))
	if len(announced[tnet.CamIPs[2]]) != 0 || len(announced[tnet.CamIPs[1]]) != 4 {
		t.Errorf("NOTIFYs: %d from the 12.9 camera (want 0), %d from the 11.11 one (want 4)",
			len(announced[tnet.CamIPs[2]]), len(announced[tnet.CamIPs[1]]))
	}
	l.search(searchFor("ssdp:all", 1))
	got := bySource(l.collectUntil(each(tnet.CamIPs[1:2], 4, nil)))
	if len(got[tnet.CamIPs[2]]) != 0 || len(got[tnet.CamIPs[1]]) != 4 {
		t.Errorf("replies: %d from the 12.9 camera (want 0), %d from the 11.11 one (want 4)",
			len(got[tnet.CamIPs[2]]), len(got[tnet.CamIPs[1]]))
	}
	if r.Location(gen12.MAC) != "" {
		t.Error("a silent 12.9 camera has a LOCATION")
	}
	client := &http.Client{Timeout: 2 * time.Second}
	port := strings.TrimSuffix(r.Location(gen11.MAC)[strings.LastIndex(r.Location(gen11.MAC), ":")+1:], "/rootdesc1.xml")
	if res, err := client.Get("http://" + net.JoinHostPort(tnet.CamIPs[2].String(), port) + "/rootdesc1.xml"); err == nil {
		res.Body.Close()
		t.Errorf("the 12.9 camera serves a description: HTTP %d", res.StatusCode)
	}
	r.Close()

	enabled := startResponder(t, Options{EnableOnGen12: true})
	enabled.Announce(gen12)
	l.search(searchFor(ntService, 1))
	if got := bySource(l.collectUntil(each(tnet.CamIPs[2:3], 1, nil))); len(got[tnet.CamIPs[2]]) != 1 {
		t.Errorf("with EnableOnGen12 the 12.9 camera sent %d replies, want 1", len(got[tnet.CamIPs[2]]))
	}
}

func TestAnnounceSendsAliveAndWithdrawSendsByebye(t *testing.T) {
	needNetwork(t)
	notifies := listenNotify(t)
	l := listenUnicast(t)
	const aliveInterval = 700 * time.Millisecond
	r := startResponder(t, Options{AliveInterval: aliveInterval})
	info := camInfo(mac(0), camsim.Gen10, "M3066-V", "AXIS M3066-V Dome Camera", tnet.CamIPs[0])
	announced := time.Now()
	r.Announce(info)
	loc := r.Location(info.MAC)
	cam0 := tnet.CamIPs[:1]

	first := notifies.collectUntil(each(cam0, 4, nil))
	var nts []string
	for _, d := range first {
		if d.src.Addr() != tnet.CamIPs[0] || d.dst != ssdpGroup.Addr() || d.src.Port() == 1900 {
			t.Errorf("NOTIFY %s -> %s: want from the camera's address to the group", d.src, d.dst)
		}
		nts = append(nts, header(d.data, "NT"))
		if header(d.data, "NT") == ntService {
			alive := strings.Replace(capturedByebye, "NTS: ssdp:byebye", "NTS: ssdp:alive", 1)
			if got, want := normalise(t, d.data), expected(alive, info.MAC, loc); got != want {
				t.Errorf("alive\n%q\nwant\n%q", got, want)
			}
		}
	}
	if want := []string{ntRoot, udnOf(info.MAC), ntDevice, ntService}; !slices.Equal(nts, want) {
		t.Errorf("alive NTs %q, want %q", nts, want)
	}
	again := notifies.collectUntil(each(cam0, 4, nil))
	if early := again[0].at.Sub(announced); early < aliveInterval {
		t.Errorf("NOTIFYs repeated %v after the announcement, before AliveInterval %v", early, aliveInterval)
	}

	r.Withdraw(info)
	var byes int
	for _, d := range notifies.collectUntil(each(cam0, 4, is("NTS", "ssdp:byebye"))) {
		if header(d.data, "NTS") != "ssdp:byebye" {
			// An alive already on its way when the test withdrew the
			// camera; one after a byebye is not.
			if byes == 0 && header(d.data, "NTS") == "ssdp:alive" {
				continue
			}
			t.Errorf("after Withdraw: %q", d.data)
			continue
		}
		byes++
		if header(d.data, "NT") == ntService {
			if got, want := normalise(t, d.data), expected(capturedByebye, info.MAC, loc); got != want {
				t.Errorf("byebye\n%q\nwant\n%q", got, want)
			}
		}
	}

	// Another camera, announced after the withdrawal, marks when the
	// withdrawn one would have answered and repeated its alive: its reply
	// to the same search, and its own first repeat, due after the
	// withdrawn camera's next one.
	r.Announce(camInfo(mac(1), camsim.Gen10, "M3066-V", "AXIS M3066-V Dome Camera", tnet.CamIPs[1]))
	cam1 := tnet.CamIPs[1:2]
	l.search(searchFor("ssdp:all", 1))
	if got := bySource(l.collectUntil(each(cam1, 4, nil)))[tnet.CamIPs[0]]; len(got) != 0 {
		t.Errorf("a withdrawn camera still replies: %d packets", len(got))
	}
	if got := bySource(notifies.collectUntil(each(cam1, 8, nil)))[tnet.CamIPs[0]]; len(got) != 0 {
		t.Errorf("a withdrawn camera still sends %d NOTIFYs", len(got))
	}
}

func TestDescriptionIsServedOnTheCamerasAddress(t *testing.T) {
	needNetwork(t)
	r := startResponder(t, Options{})
	ip := tnet.CamIPs[3]
	info := m1014(ip, camsim.Gen10)
	info.HTTPAddr = netip.AddrPortFrom(ip, 8080)
	r.Announce(info)
	loc := r.Location(info.MAC)
	if !strings.HasPrefix(loc, "http://"+ip.String()+":") || !strings.HasSuffix(loc, "/rootdesc1.xml") {
		t.Fatalf("LOCATION %q", loc)
	}
	res, err := (&http.Client{Timeout: 2 * time.Second}).Get(loc)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	if err != nil {
		t.Fatal(err)
	}
	port := strings.TrimSuffix(loc[strings.LastIndex(loc, ":")+1:], "/rootdesc1.xml")
	want := strings.ReplaceAll(capturedDescription(t), "192.168.1.102:80/", ip.String()+":8080/")
	want = strings.ReplaceAll(want, "192.168.1.102:51578/", ip.String()+":"+port+"/")
	if string(body) != want {
		t.Errorf("description\n%s\nwant\n%s", body, want)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/xml") {
		t.Errorf("Content-Type %q", ct)
	}
	if res.StatusCode != http.StatusOK {
		t.Errorf("HTTP %d", res.StatusCode)
	}
}

func TestGoSSDPSearchFindsTheCameras(t *testing.T) {
	needNetwork(t)
	r := startResponder(t, Options{})
	for i := range 4 {
		r.Announce(camInfo(mac(i), camsim.Gen11, "M1075-L", "AXIS M1075-L Box Camera", tnet.CamIPs[i]))
	}
	saved := ssdp.Interfaces
	ssdp.Interfaces = []net.Interface{*tnet.Client}
	defer func() { ssdp.Interfaces = saved }()
	list, err := ssdp.Search(ntService, 1, "")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]string{}
	for _, s := range list {
		found[s.USN] = s.Location
		if s.MaxAge() != 1800 || s.Server != server || s.Type != ntService {
			t.Errorf("service %+v, max-age %d", s, s.MaxAge())
		}
	}
	for i := range 4 {
		usn := udnOf(mac(i)) + "::" + ntService
		if found[usn] != r.Location(mac(i)) {
			t.Errorf("%s: found at %q, want %q", usn, found[usn], r.Location(mac(i)))
		}
	}
}

func TestMisbehavingCameras(t *testing.T) {
	needNetwork(t)
	notifies := listenNotify(t)
	l := listenUnicast(t)
	r := startResponder(t, Options{})
	elsewhere := netip.MustParseAddrPort("10.77.0.2:8080")
	cams := map[string]Misbehaviour{
		mac(0): {LocationElsewhere: elsewhere},
		mac(1): {HugeDescription: true},
		mac(2): {SlowDescription: true},
		mac(3): {Malformed: true},
	}
	for i := range 4 {
		r.SetMisbehaviour(mac(i), cams[mac(i)])
		r.Announce(camInfo(mac(i), camsim.Gen11, "M1075-L", "AXIS M1075-L Box Camera", tnet.CamIPs[i]))
	}
	cams4 := tnet.CamIPs[:4]
	// The service NOTIFY is each camera's last.
	notifies.collectUntil(each(cams4, 1, is("NT", ntService)))

	if loc := r.Location(mac(0)); loc != "http://10.77.0.2:8080/rootdesc1.xml" {
		t.Errorf("LOCATION %q, want the other host", loc)
	}
	// The malformed camera sends its broken replies before its good one.
	l.search(searchFor(ntService, 1))
	got := bySource(l.collectUntil(each(cams4, 1, is("ST", ntService))))
	if ds := got[tnet.CamIPs[0]]; len(ds) != 1 || header(ds[0].data, "LOCATION") != "http://10.77.0.2:8080/rootdesc1.xml" {
		t.Errorf("replies of the camera pointing elsewhere: %v", ds)
	}
	var broken, good int
	want := expected(capturedSearchReply, mac(3), r.Location(mac(3)))
	for _, d := range got[tnet.CamIPs[3]] {
		if normalise(t, d.data) == want {
			good++
		} else {
			broken++
		}
	}
	if good != 1 || broken < 3 {
		t.Errorf("malformed camera: %d good and %d broken replies", good, broken)
	}

	client := &http.Client{Timeout: 5 * time.Second}
	res, err := client.Get(r.Location(mac(1)))
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if err != nil || n != HugeDescriptionSize {
		t.Errorf("huge description: %d bytes, %v; want %d", n, err, HugeDescriptionSize)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, r.Location(mac(2)), nil)
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	n, err = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if err == nil || n == 0 || n > 64 {
		t.Errorf("slow description: %d bytes in 1.5 s, then %v; want a trickle that never ends", n, err)
	}

	// Without the flood no camera repeats its alive before 900 s: ten
	// of them are the flood.
	r.SetMisbehaviour(mac(0), Misbehaviour{NotifyFlood: 50})
	notifies.collectUntil(each(tnet.CamIPs[:1], 10, nil))

	// Camera 1's flood, switched on after camera 0's was switched off, is
	// the clock: twenty of its NOTIFYs take as long as twenty of camera
	// 0's would have, however slow the machine. Camera 0 may still send
	// the one a flood step had under way when it was switched off.
	r.SetMisbehaviour(mac(0), Misbehaviour{})
	r.SetMisbehaviour(mac(1), Misbehaviour{NotifyFlood: 50})
	after, clockStarted := 0, false
	for _, d := range notifies.collectUntil(each(tnet.CamIPs[1:2], 20, nil)) {
		switch d.src.Addr() {
		case tnet.CamIPs[1]:
			clockStarted = true
		case tnet.CamIPs[0]:
			if clockStarted {
				after++
			}
		}
	}
	if after > 1 {
		t.Errorf("%d NOTIFYs after the flood was switched off", after)
	}
}

func TestSimulatedCameraIsAdvertisedThroughItsAnnouncer(t *testing.T) {
	needNetwork(t)
	r := startResponder(t, Options{})
	cam := tnet.StartCamera(t, 5, r)
	l := listenUnicast(t)
	l.search(searchFor(ntService, 1))
	got := bySource(l.collectUntil(each(tnet.CamIPs[5:6], 1, nil)))[tnet.CamIPs[5]]
	if len(got) != 1 || header(got[0].data, "USN") != udnOf(cam.MAC())+"::"+ntService {
		t.Fatalf("replies from the simulated camera: %v", got)
	}
	res, err := (&http.Client{Timeout: 2 * time.Second}).Get(header(got[0].data, "LOCATION"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	res.Body.Close()
	for _, want := range []string{"<modelNumber>" + cam.Model() + "</modelNumber>", "<serialNumber>" + cam.MAC() + "</serialNumber>", "<presentationURL>" + cam.HTTPURL() + "/</presentationURL>"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("description lacks %s:\n%s", want, body)
		}
	}
}

func TestFleetRepliesFromEveryCameraWithoutAGoroutineEach(t *testing.T) {
	needNetwork(t)
	// Joined on the client's interface, this listener also makes each
	// search reach the responder a second time, looped back there; the
	// cameras, on the other interface, answer it once all the same.
	notifies := listenNotify(t)
	l := listenUnicast(t)
	r := startResponder(t, Options{})
	base := runtime.NumGoroutine()
	for i, ip := range tnet.CamIPs {
		r.Announce(camInfo(mac(i), camsim.Gen11, "M1075-L", "AXIS M1075-L Box Camera", ip))
	}
	announced := notifies.collectUntil(each(tnet.CamIPs, 4, nil))
	if g := runtime.NumGoroutine(); g > base+10 {
		t.Errorf("%d goroutines with %d cameras announced, %d before", g, len(tnet.CamIPs), base)
	}
	// Each search is for a type every camera is, so a reply's ST says
	// which search it answers. The second goes out once every camera has
	// answered the first, so a second answer to the first comes in before
	// the answers to the second are all in.
	var replies []datagram
	for _, st := range []string{ntService, ntDevice} {
		l.search(searchFor(st, 2))
		replies = append(replies, l.collectUntil(each(tnet.CamIPs, 1, is("ST", st)))...)
	}
	replies = append(replies, l.arrived()...)
	announced = append(announced, notifies.arrived()...)

	got := bySource(replies)
	notified := bySource(announced)
	for i, ip := range tnet.CamIPs {
		if n := len(notified[ip]); n != 4 {
			t.Errorf("camera %d (%s): %d NOTIFYs, want 4", i, ip, n)
		}
		for _, st := range []string{ntService, ntDevice} {
			var n int
			for _, d := range got[ip] {
				if header(d.data, "ST") != st {
					continue
				}
				n++
				if usn := header(d.data, "USN"); usn != udnOf(mac(i))+"::"+st {
					t.Errorf("camera %d (%s): USN %q in reply to %s", i, ip, usn, st)
				}
			}
			if n != 1 {
				t.Errorf("camera %d (%s): %d replies to the search for %s", i, ip, n, st)
			}
		}
	}
}
