package discovery

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/ipv4"

	"github.com/openipu/openipu/core/macaddr"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/vapix"
)

// multicastInterface is an interface this computer can send multicast on,
// with its first IPv4 address; the test skips when there is none.
func multicastInterface(t *testing.T) (netif.Interface, netip.Addr) {
	t.Helper()
	all, err := netif.List()
	if err != nil {
		t.Skipf("cannot list interfaces: %v", err)
	}
	for _, it := range netif.Usable(all) {
		if a := primaryAddr(it); a.IsValid() && a.Is4() {
			return it, a
		}
	}
	t.Skip("no multicast-capable interface with an IPv4 address to search on")
	return netif.Interface{}, netip.Addr{}
}

// answerSearches is a camera that answers every M-SEARCH read from pc with
// the unicast reply an Axis camera sends, to the port the search came
// from.
func answerSearches(t *testing.T, pc net.PacketConn, mac string, location string) {
	t.Helper()
	go func() {
		buf := make([]byte, 9000)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			msg := string(buf[:n])
			if !strings.HasPrefix(msg, "M-SEARCH ") {
				continue
			}
			st := ""
			for _, line := range strings.Split(msg, "\r\n") {
				if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "ST") {
					st = strings.TrimSpace(v)
				}
			}
			reply := fmt.Sprintf("HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\nLOCATION: %s\r\nSERVER: Linux/4.14, UPnP/1.0, Portable SDK for UPnP devices/1.6.22\r\nST: %s\r\nUSN: uuid:Upnp-BasicDevice-1_0-%s::%s\r\n\r\n",
				location, st, mac, st)
			_, _ = pc.WriteTo([]byte(reply), from)
		}
	}()
}

// Windows' own SSDP Discovery service, or another program, may hold port
// 1900 without sharing it. Searching must go on from a port of its own and
// find the camera by its reply, and the user is told once that
// announcements cannot be heard.
func TestSearchFindsACameraWhileAnotherProgramHoldsPort1900(t *testing.T) {
	it, local := multicastInterface(t)
	holder, err := holdExclusively("0.0.0.0:1900")
	if err != nil {
		t.Skipf("UDP port 1900 is already in use on this computer, so the test cannot hold it: %v", err)
	}
	defer holder.Close()
	// The program holding the port answers searches as a camera would,
	// from port 1900 to the searcher's own port.
	if err := ipv4.NewPacketConn(holder).JoinGroup(&net.Interface{Index: it.Index, Name: it.Name}, ssdpGroup); err != nil {
		t.Skipf("cannot join the SSDP group on %s: %v", it.Name, err)
	}
	const mac = "ACCC8E5A0B1C"
	answerSearches(t, holder, mac, fmt.Sprintf("http://%s:9/rootdesc1.xml", local))

	e := New(Options{
		Interfaces:  []string{it.Name},
		DisableMDNS: true,
		Identify: func(context.Context, string) (vapix.Identity, error) {
			return vapix.Identity{}, errors.New("no web server in this test")
		},
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events, err := e.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	d := next(t, events, Added, func(d Device) bool { return d.MAC == macaddr.Normalize(mac) })
	if !slices.Contains(d.Sources, SourceSSDP) {
		t.Errorf("found through %v, not by the SSDP search", d.Sources)
	}
	notices := e.Status().Notices
	if len(notices) != 1 || notices[0].What.Key != MsgAnnouncementsUnheard.Key {
		t.Fatalf("notices %+v: the user is not told that announcements cannot be heard", notices)
	}
	if !strings.Contains(notices[0].What.Text, "UDP port 1900") {
		t.Errorf("the notice does not say which port: %q", notices[0].What.Text)
	}
}

// A program that allowed sharing port 1900 (Windows' SSDP Discovery
// service does) leaves room for OpenIPU's listener, and announcements are
// heard through it.
func TestAnnouncementsAreHeardWhenAnotherProgramSharesPort1900(t *testing.T) {
	it, local := multicastInterface(t)
	lc := net.ListenConfig{Control: reuseAddrControl}
	first, err := lc.ListenPacket(context.Background(), "udp4", "0.0.0.0:1900")
	if err != nil {
		t.Skipf("UDP port 1900 is held without sharing on this computer: %v", err)
	}
	defer first.Close()

	out := make(chan Sighting, 16)
	// The description fetch may outlive the test; its log is not wanted.
	c := newSSDPClient([]netif.Interface{it}, out, &counters{}, func(string, ...any) {})
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	if err := c.start(ctx, &wg); err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); wg.Wait() }()
	if n := c.notices(); n != nil {
		t.Fatalf("the listener did not share the port: %+v", n)
	}

	send, err := net.ListenUDP("udp4", &net.UDPAddr{IP: local.AsSlice()})
	if err != nil {
		t.Fatal(err)
	}
	defer send.Close()
	sp := ipv4.NewPacketConn(send)
	_ = sp.SetMulticastInterface(&net.Interface{Index: it.Index, Name: it.Name})
	_ = sp.SetMulticastLoopback(true)
	const mac = "ACCC8E5A0B1D"
	notify := []byte(fmt.Sprintf("NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=1800\r\nLOCATION: http://%s:9/rootdesc1.xml\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\nUSN: uuid:Upnp-BasicDevice-1_0-%s::upnp:rootdevice\r\n\r\n", local, mac))
	// Datagrams may be lost; one is sent each time the wait for the
	// sighting comes round, until it is heard or the test gives up.
	deadline := time.After(5 * time.Second)
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		if _, err := sp.WriteTo(notify, nil, ssdpGroup); err != nil {
			t.Fatalf("sending the announcement: %v", err)
		}
		select {
		case s := <-out:
			if s.MAC != macaddr.Normalize(mac) || s.Addr != local || s.TTL != 1800*time.Second {
				t.Fatalf("heard %+v", s)
			}
			return
		case <-tick.C:
		case <-deadline:
			t.Fatal("the announcement was not heard while another program shares port 1900")
		}
	}
}

func TestParseNotifyReadsAliveAndByebye(t *testing.T) {
	alive := "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age = 1800\r\nLOCATION: http://10.0.0.5:49152/rootdesc1.xml\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\nUSN: uuid:Upnp-BasicDevice-1_0-ACCC8E270AD8::upnp:rootdevice\r\n"
	m, ok := parseNotify([]byte(alive))
	if !ok || m.bye || m.maxAge != 1800 || m.location != "http://10.0.0.5:49152/rootdesc1.xml" || !strings.Contains(m.usn, "ACCC8E270AD8") {
		t.Errorf("alive: %+v %v", m, ok)
	}
	bye := strings.Replace(alive, "ssdp:alive", "ssdp:byebye", 1)
	if m, ok := parseNotify([]byte(bye)); !ok || !m.bye || m.location != "" {
		t.Errorf("byebye: %+v %v", m, ok)
	}
	for _, other := range []string{
		"M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nST: ssdp:all\r\n\r\n",
		strings.Replace(alive, "ssdp:alive", "ssdp:update", 1),
		"NOTIFY garbage",
	} {
		if m, ok := parseNotify([]byte(other)); ok {
			t.Errorf("%q read as an announcement: %+v", other, m)
		}
	}
	if !bytes.HasPrefix([]byte(alive), []byte("NOTIFY")) {
		t.Fatal("fixture")
	}
}

// The rule that a LOCATION is only fetched from its sender holds for the
// announcements the new listener reads too.
func TestAnnouncementNamingAnotherHostIsNotFetched(t *testing.T) {
	out := make(chan Sighting, 4)
	c := newSSDPClient(nil, out, &counters{}, t.Logf)
	m, ok := parseNotify([]byte("NOTIFY * HTTP/1.1\r\nLOCATION: http://10.0.0.99/rootdesc1.xml\r\nNTS: ssdp:alive\r\nUSN: uuid:Upnp-BasicDevice-1_0-ACCC8E270AD8::upnp:rootdevice\r\n\r\n"))
	if !ok {
		t.Fatal("not read")
	}
	c.notify(&net.UDPAddr{IP: net.IPv4(10, 0, 0, 5), Port: 1900}, m.usn, m.location, m.maxAge, m.bye)
	if s := <-out; s.Addr != netip.MustParseAddr("10.0.0.5") {
		t.Errorf("sighting %+v", s)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.fetched) != 0 {
		t.Errorf("a description was fetched from another host than the sender: %v", c.fetched)
	}
}
