package discovery

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	ssdp "github.com/koron/go-ssdp"
	"golang.org/x/net/ipv4"

	"github.com/openipu/openipu/core/devtext"
	"github.com/openipu/openipu/core/macaddr"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/usermsg"
)

// The SSDP search targets: Axis' own service type, and the root device that
// every UPnP device answers to.
const (
	ssdpAxisST = "urn:axis-com:service:BasicService:1"
	ssdpRootST = "upnp:rootdevice"
)

// descriptionLimit bounds a rootdesc1.xml fetch; the real one is under 2 KB.
const descriptionLimit = 64 << 10

// usnMAC finds the MAC in a USN ("<UDN>::<ST or NT>", the UDN being
// "uuid:Upnp-BasicDevice-1_0-<MAC>") as axis-js does, but anchored on the
// UDN so that a MAC-like string in the service type is never taken.
var usnMAC = regexp.MustCompile(`(?i)^uuid:[^:]*?([0-9a-f]{12})(::.*)?$`)

// macFromUSN extracts the MAC from "uuid:Upnp-BasicDevice-1_0-ACCC8E270AD8::urn:...".
func macFromUSN(usn string) string {
	m := usnMAC.FindStringSubmatch(strings.TrimSpace(usn))
	if m == nil {
		return ""
	}
	return macaddr.Normalize(m[1])
}

// go-ssdp's Search reports the services found but not who sent each answer,
// and discovery must know the sender: a LOCATION is only fetched from the
// address that sent it. The library logs every answer with its sender
// through its public Logger hook ("search response from ADDR: USN"), so a
// process-wide hub reads that log line to learn the sender, and streams the
// sighting at once rather than after the search window.
var ssdpHub = &senderHub{listeners: map[*ssdpClient]bool{}}

type senderHub struct {
	mu        sync.Mutex
	installed bool
	listeners map[*ssdpClient]bool
	// ifaces guards go-ssdp's Interfaces, which it reads when a search
	// opens its socket: searches hold it for reading, and a
	// new selection is written only when no search of an earlier engine
	// is under way (each ends by itself within its window).
	ifaces  sync.RWMutex
	current []net.Interface // what ssdp.Interfaces holds, under ifaces
	// newest is the client of the engine started last, under mu: its
	// connections are go-ssdp's list when they change.
	newest *ssdpClient
}

func (h *senderHub) add(c *ssdpClient, ifaces []netif.Interface) {
	// go-ssdp's interface list is a package global; the newest engine's
	// selection wins, which is the one the user just chose.
	h.setList(ifaces)

	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.installed {
		ssdp.Logger = log.New(hubWriter{h}, "", 0)
		h.installed = true
	}
	h.listeners[c] = true
	h.newest = c
}

// setList makes ifaces go-ssdp's interface list. It is set without holding
// mu: a search under way logs its answers, through hubWriter, while it
// holds ifaces.
func (h *senderHub) setList(ifaces []netif.Interface) {
	var list []net.Interface
	for _, it := range ifaces {
		list = append(list, net.Interface{Index: it.Index, Name: it.Name, Flags: net.FlagUp | net.FlagMulticast})
	}
	same := func(a, b net.Interface) bool { return a.Index == b.Index && a.Name == b.Name }
	h.ifaces.RLock()
	changed := !slices.EqualFunc(list, h.current, same)
	h.ifaces.RUnlock()
	if changed {
		h.ifaces.Lock()
		ssdp.Interfaces, h.current = list, list
		h.ifaces.Unlock()
	}
}

func (h *senderHub) remove(c *ssdpClient) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.listeners, c)
}

type hubWriter struct{ h *senderHub }

const searchResponsePrefix = "search response from "

func (w hubWriter) Write(p []byte) (int, error) {
	line := string(bytes.TrimSpace(p))
	if !strings.HasPrefix(line, searchResponsePrefix) {
		return len(p), nil
	}
	rest := line[len(searchResponsePrefix):]
	addr, usn, ok := strings.Cut(rest, ": ")
	if !ok {
		return len(p), nil
	}
	ap, err := netip.ParseAddrPort(addr)
	if err != nil {
		return len(p), nil
	}
	w.h.mu.Lock()
	ls := make([]*ssdpClient, 0, len(w.h.listeners))
	for c := range w.h.listeners {
		ls = append(ls, c)
	}
	w.h.mu.Unlock()
	for _, c := range ls {
		c.answered(ap.Addr().Unmap(), usn)
	}
	return len(p), nil
}

// ssdpClient searches actively and listens for NOTIFY alive/byebye. A
// search (go-ssdp's Search) sends from a socket on 0.0.0.0 and a port the
// system picks, and reads the unicast replies there, so searching never
// needs port 1900; only the announcements do (listenNotify).
type ssdpClient struct {
	ifaces []netif.Interface
	out    chan<- Sighting
	stats  *counters
	logf   func(string, ...any)
	fetch  *http.Client
	// known reports that a device's HTTP probe already answered: its
	// description would tell nothing new.
	known func(mac string) bool
	ctx   context.Context

	// ifmu guards ifaces, notifyPC and closed: connections come and go
	// while searches run and answers are placed. Never held while waiting
	// for ssdpHub.ifaces: a search holding that places its answers.
	ifmu     sync.Mutex
	notifyPC *ipv4.PacketConn
	closed   bool
	readers  sync.WaitGroup

	mu      sync.Mutex
	senders map[string]map[netip.Addr]bool // USN -> who sent it
	fetched map[string]time.Time           // MAC -> last description fetch
	// unheard is set when port 1900 could not be opened to hear
	// announcements.
	unheard *AnnouncementsUnheardError
}

func newSSDPClient(ifaces []netif.Interface, out chan<- Sighting, stats *counters, logf func(string, ...any)) *ssdpClient {
	return &ssdpClient{
		ifaces: ifaces, out: out, stats: stats, logf: logf,
		fetch:   descriptionClient(),
		senders: map[string]map[netip.Addr]bool{},
		fetched: map[string]time.Time{},
	}
}

func (c *ssdpClient) start(ctx context.Context, wg *sync.WaitGroup) error {
	c.ctx = ctx
	ssdpHub.add(c, c.ifaces)
	if len(c.ifaces) > 0 {
		c.ifmu.Lock()
		c.listenLocked(c.ifaces)
		c.ifmu.Unlock()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-ctx.Done()
		ssdpHub.remove(c)
		c.ifmu.Lock()
		c.closed = true
		if c.notifyPC != nil {
			c.notifyPC.Close()
		}
		c.ifmu.Unlock()
		c.readers.Wait()
	}()
	return nil
}

// listenLocked opens the announcement listener on ifaces. The caller holds
// ifmu.
func (c *ssdpClient) listenLocked(ifaces []netif.Interface) {
	pc, err := listenNotify(c.ctx, ifaces)
	if err != nil {
		// Active search still works: it sends from, and is answered on, a
		// port of its own.
		c.logf("ssdp: passive listening disabled: %v", err)
		var unheard *AnnouncementsUnheardError
		if errors.As(err, &unheard) {
			c.mu.Lock()
			c.unheard = unheard
			c.mu.Unlock()
		}
		return
	}
	c.notifyPC = pc
	c.readers.Add(1)
	go func() {
		defer c.readers.Done()
		c.readNotify(pc)
	}()
}

// notices are what the user should know about this search: that
// announcements cannot be heard, when they cannot.
func (c *ssdpClient) notices() []usermsg.Problem {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.unheard == nil {
		return nil
	}
	return []usermsg.Problem{c.unheard.Explain()}
}

// search runs one M-SEARCH window for each target. go-ssdp blocks for the
// whole window and knows no context; the goroutine ends by itself after it.
// The empty local address is what makes go-ssdp bind an ephemeral port.
func (c *ssdpClient) search(waitSec int, targets ...string) {
	n := len(c.searched())
	if n == 0 {
		return // go-ssdp would search every interface of the computer
	}
	for _, st := range targets {
		go func() {
			c.stats.sent.Add(int64(n))
			ssdpHub.ifaces.RLock()
			list, err := ssdp.Search(st, waitSec, "")
			ssdpHub.ifaces.RUnlock()
			c.found(st, list, err)
		}()
	}
}

var ssdpTargets = []string{ssdpAxisST, ssdpRootST}

// found handles the end of one search window.
func (c *ssdpClient) found(st string, list []ssdp.Service, err error) {
	if err != nil {
		c.logf("ssdp: search %s: %v", st, err)
		return
	}
	for _, s := range list {
		c.described(s.USN, s.Location, s.MaxAge())
	}
}

// answered is called from the log hook for every M-SEARCH answer.
func (c *ssdpClient) answered(from netip.Addr, usn string) {
	mac := macFromUSN(usn)
	if mac == "" {
		return
	}
	c.stats.received.Add(1)
	c.mu.Lock()
	if len(c.senders) < 8192 {
		m := c.senders[usn]
		if m == nil {
			m = map[netip.Addr]bool{}
			c.senders[usn] = m
		}
		if len(m) < 8 {
			m[from] = true
		}
	}
	c.mu.Unlock()
	c.emit(Sighting{MAC: mac, Source: SourceSSDP, Interface: c.ifaceFor(from), Addr: from})
}

// described handles a finished search answer with its LOCATION.
func (c *ssdpClient) described(usn, location string, maxAge int) {
	mac := macFromUSN(usn)
	if mac == "" {
		return
	}
	c.mu.Lock()
	var from netip.Addr
	host := locationHost(location)
	if host.IsValid() && c.senders[usn][host] {
		from = host
	}
	c.mu.Unlock()
	if !from.IsValid() {
		return // LOCATION names a host that did not send this answer
	}
	c.locate(mac, from, location, maxAge)
}

func (c *ssdpClient) notify(fromAddr net.Addr, usn, location string, maxAge int, bye bool) {
	mac := macFromUSN(usn)
	if mac == "" {
		return
	}
	c.stats.received.Add(1)
	ua, ok := fromAddr.(*net.UDPAddr)
	if !ok {
		return
	}
	from, ok := netip.AddrFromSlice(ua.IP)
	if !ok {
		return
	}
	from = from.Unmap()
	if bye {
		c.emit(Sighting{MAC: mac, Source: SourceSSDP, Goodbye: true})
		return
	}
	s := Sighting{MAC: mac, Source: SourceSSDP, Interface: c.ifaceFor(from), Addr: from}
	if maxAge > 0 {
		s.TTL = time.Duration(maxAge) * time.Second
	}
	c.emit(s)
	if locationHost(location) == from {
		c.locate(mac, from, location, maxAge)
	}
}

// locate fetches the description once per device per minute, from the
// sender only, and emits what it says (model, serial, HTTP port).
func (c *ssdpClient) locate(mac string, from netip.Addr, location string, maxAge int) {
	if c.known != nil && c.known(mac) {
		return
	}
	c.mu.Lock()
	if t, ok := c.fetched[mac]; ok && time.Since(t) < time.Minute {
		c.mu.Unlock()
		return
	}
	c.fetched[mac] = time.Now()
	c.mu.Unlock()
	go func() {
		ctx := c.ctx
		if ctx == nil {
			ctx = context.Background()
		}
		desc, err := fetchDescription(ctx, c.fetch, from, location)
		c.stats.httpRequests.Add(1)
		if err != nil {
			// The error may quote the reply (an XML syntax error does).
			c.logf("ssdp: description from %s: %s", from, devtext.Clean(err.Error()))
			return
		}
		if macaddr.Normalize(desc.Device.SerialNumber) != mac && macaddr.Normalize(desc.Device.SerialNumber) != "" {
			return // the description contradicts the announcement
		}
		s := Sighting{
			MAC: mac, Source: SourceSSDP, Interface: c.ifaceFor(from), Addr: from,
			Model: desc.Device.ModelName, FullName: desc.Device.ModelDescription,
			Serial: desc.Device.SerialNumber, Name: desc.Device.FriendlyName,
			HTTPPort: presentationPort(desc.Device.PresentationURL),
		}
		if !strings.EqualFold(strings.TrimSpace(desc.Device.Manufacturer), "AXIS") {
			s.Model, s.FullName = "", ""
		}
		if maxAge > 0 {
			s.TTL = time.Duration(maxAge) * time.Second
		}
		c.emit(s)
	}()
}

func (c *ssdpClient) emit(s Sighting) {
	ctx := c.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	select {
	case c.out <- s:
	case <-ctx.Done():
	}
}

// ifaceFor names the searched interface whose subnet holds the sender a:
// go-ssdp does not say which interface an answer came in on, and only the
// searched ones listen.
func (c *ssdpClient) ifaceFor(a netip.Addr) string {
	c.ifmu.Lock()
	defer c.ifmu.Unlock()
	it, _ := netif.InterfaceFor(c.ifaces, a)
	return it.Name
}

func locationHost(location string) netip.Addr {
	u, err := url.Parse(strings.TrimSpace(location))
	if err != nil || u.Scheme != "http" {
		return netip.Addr{}
	}
	a, err := netip.ParseAddr(u.Hostname())
	if err != nil {
		return netip.Addr{}
	}
	return a.Unmap()
}

// Description is the part of rootdesc1.xml that discovery reads.
type Description struct {
	Device struct {
		DeviceType       string `xml:"deviceType"`
		FriendlyName     string `xml:"friendlyName"`
		Manufacturer     string `xml:"manufacturer"`
		ModelDescription string `xml:"modelDescription"`
		ModelName        string `xml:"modelName"`
		ModelNumber      string `xml:"modelNumber"`
		SerialNumber     string `xml:"serialNumber"`
		UDN              string `xml:"UDN"`
		PresentationURL  string `xml:"presentationURL"`
	} `xml:"device"`
	URLBase string `xml:"URLBase"`
}

// errDescriptionElsewhere is returned for a LOCATION on another host.
var errDescriptionElsewhere = errors.New("description is on another host than the sender")

// fetchDescription GETs LOCATION from the sender's address only, through a
// size limit and a timeout.
func fetchDescription(ctx context.Context, client *http.Client, from netip.Addr, location string) (Description, error) {
	var d Description
	if locationHost(location) != from {
		return d, errDescriptionElsewhere
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, location, nil)
	if err != nil {
		return d, err
	}
	res, err := client.Do(req)
	if err != nil {
		return d, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return d, fmt.Errorf("description: HTTP %d", res.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, descriptionLimit+1))
	if err != nil {
		return d, err
	}
	if len(body) > descriptionLimit {
		return d, fmt.Errorf("description larger than %d bytes", descriptionLimit)
	}
	return parseDescription(body)
}

// parseDescription reads rootdesc1.xml. Every text field is the device's
// own words, shown and journaled later, so each is cleaned here.
func parseDescription(body []byte) (Description, error) {
	var d Description
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = false
	if err := dec.Decode(&d); err != nil {
		return Description{}, fmt.Errorf("reading the device description: %w", err)
	}
	dv := &d.Device
	for _, f := range []*string{&dv.DeviceType, &dv.FriendlyName, &dv.Manufacturer, &dv.ModelDescription,
		&dv.ModelName, &dv.ModelNumber, &dv.SerialNumber, &dv.UDN, &dv.PresentationURL, &d.URLBase} {
		*f = devtext.Clean(*f)
	}
	return d, nil
}

// descriptionClient fetches descriptions directly from the camera, never
// through a proxy named in the environment (HTTP_PROXY): the camera is on
// this network, and a proxy would learn of it and could answer for it.
// Redirects are not followed: a description comes from its sender only.
func descriptionClient() *http.Client {
	return &http.Client{
		Timeout: 3 * time.Second,
		Transport: &http.Transport{
			Proxy:                 nil,
			DialContext:           (&net.Dialer{Timeout: 3 * time.Second}).DialContext,
			ResponseHeaderTimeout: 3 * time.Second,
			DisableKeepAlives:     true, // one fetch per device per minute
		},
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// presentationPort reads the HTTP port from presentationURL, as Home
// Assistant does: "http://2.3.4.5:8080/" gives 8080.
func presentationPort(s string) int {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" {
		return 0
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 || n > 65535 {
			return 0
		}
		return n
	}
	if u.Scheme == "https" {
		return 0
	}
	return 80
}
