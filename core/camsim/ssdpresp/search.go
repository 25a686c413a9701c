package ssdpresp

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/ipv4"
)

// maxMX caps the reply window: UPnP asks devices to treat a larger MX as 5.
const maxMX = 5

// maxSearch is the largest datagram read; an M-SEARCH is a few hundred
// bytes.
const maxSearch = 65535

// duplicateWindow: one M-SEARCH reaches the responder once per interface
// it has joined the group on when one host plays both ends of the link.
// Where the arrival interface is known, a camera hears only the copy that
// came in on its own interface; where it is not (Windows reports none),
// copies this close together are answered once.
const duplicateWindow = 20 * time.Millisecond

type searchKey struct {
	from   netip.AddrPort
	st, mx string
}

// listenSearches opens the port M-SEARCH arrives on as go-ssdp's Monitor
// did (0.0.0.0:1900, shared with other listeners on the host) and joins
// the group on ifaces, asking for each datagram's arrival interface.
func listenSearches(ifaces []net.Interface, logf func(string, ...any)) (*ipv4.PacketConn, error) {
	c, err := net.ListenUDP("udp4", net.UDPAddrFromAddrPort(ssdpGroup))
	if err != nil {
		return nil, fmt.Errorf("opening port %d: %w", ssdpGroup.Port(), err)
	}
	pc := ipv4.NewPacketConn(c)
	group := net.UDPAddrFromAddrPort(ssdpGroup)
	joined := 0
	var errs []error
	for i := range ifaces {
		if err := pc.JoinGroup(&ifaces[i], group); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", ifaces[i].Name, err))
			continue
		}
		joined++
	}
	if joined == 0 {
		pc.Close()
		return nil, fmt.Errorf("could not join %s on any interface: %w", ssdpGroup.Addr(), errors.Join(errs...))
	}
	for _, e := range errs {
		logf("ssdpresp: %v", e)
	}
	// Windows reports no control messages; duplicateWindow covers it.
	_ = pc.SetControlMessage(ipv4.FlagInterface, true)
	_ = pc.SetMulticastLoopback(true)
	return pc, nil
}

// readSearches answers what arrives on pc until it closes.
func (r *Responder) readSearches(pc *ipv4.PacketConn) {
	buf := make([]byte, maxSearch)
	for {
		n, cm, src, err := pc.ReadFrom(buf)
		if err != nil {
			if errors.Is(err, net.ErrClosed) || r.closed.Load() {
				return
			}
			continue
		}
		ua, ok := src.(*net.UDPAddr)
		if !ok {
			continue
		}
		st, mx, ok := parseSearch(buf[:n])
		if !ok {
			continue
		}
		ifIndex := 0
		if cm != nil {
			ifIndex = cm.IfIndex
		}
		r.onSearch(ua.AddrPort(), st, mx, ifIndex)
	}
}

// parseSearch reads an M-SEARCH the way go-ssdp's Monitor does, down to
// accepting one that lacks the blank line ending its header.
func parseSearch(b []byte) (st, mx string, ok bool) {
	if !bytes.HasPrefix(b, []byte("M-SEARCH ")) {
		return "", "", false
	}
	if !bytes.HasSuffix(b, []byte("\r\n\r\n")) {
		b = append(b[:len(b):len(b)], "\r\n\r\n"...)
	}
	req, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(b)))
	if err != nil || req.Header.Get("MAN") != `"ssdp:discover"` {
		return "", "", false
	}
	return req.Header.Get("ST"), req.Header.Get("MX"), true
}

// onSearch schedules the reply to an M-SEARCH of every matching camera
// that hears it: one on the interface it arrived on (ifIndex; 0 when not
// known), as a real camera hears only its own link.
func (r *Responder) onSearch(from netip.AddrPort, st, mxText string, ifIndex int) {
	from = netip.AddrPortFrom(from.Addr().Unmap(), from.Port())
	mxText = strings.TrimSpace(mxText)
	mx, err := strconv.Atoi(mxText)
	if err != nil || mx < 0 {
		return // libupnp drops an M-SEARCH without a usable MX
	}
	st = strings.TrimSpace(st)
	if st == "" {
		return
	}
	now := time.Now()
	r.mu.Lock()
	if ifIndex == 0 && r.duplicateLocked(searchKey{from, st, mxText}, now) {
		r.mu.Unlock()
		return
	}
	cams := r.sortedLocked()
	r.mu.Unlock()

	window := replyWindow(mx)
	for _, cam := range cams {
		if ifIndex != 0 && cam.ifIndex != 0 && cam.ifIndex != ifIndex {
			continue
		}
		targets := targetsFor(st, cam.udn)
		if len(targets) == 0 {
			continue
		}
		delay := time.Duration(r.rnd.IntN(window)) * time.Second
		r.later(delay, func() { r.reply(cam, from, targets) })
	}
}

// replyWindow is how many whole seconds a reply may be delayed. libupnp
// (ssdp_handle_device_request) takes a tenth off MX, at least a second,
// so replies arrive before the searcher stops listening, and then waits a
// random whole number of seconds below that.
func replyWindow(mx int) int {
	mx = min(mx, maxMX)
	if mx >= 2 {
		mx -= max(1, mx/10)
	}
	return max(mx, 1)
}

func (r *Responder) duplicateLocked(k searchKey, now time.Time) bool {
	if t, ok := r.seen[k]; ok && now.Sub(t) < duplicateWindow {
		return true
	}
	if len(r.seen) >= 256 {
		for key, t := range r.seen {
			if now.Sub(t) >= duplicateWindow {
				delete(r.seen, key)
			}
		}
	}
	if len(r.seen) < 4096 {
		r.seen[k] = now
	}
	return false
}

// reply unicasts the camera's answers to the searcher, one per target.
func (r *Responder) reply(cam *camera, to netip.AddrPort, targets []string) {
	r.mu.Lock()
	if r.cams[cam.mac] != cam || r.closed.Load() {
		r.mu.Unlock()
		return
	}
	loc := r.locationLocked(cam)
	bad := r.misbehave[cam.mac].Malformed
	r.mu.Unlock()
	if bad {
		for _, b := range malformedReplies(cam.udn) {
			r.send(cam, b, to)
		}
	}
	now := time.Now()
	for _, st := range targets {
		r.send(cam, searchReply(loc, cam.nls, st, usnOf(cam.udn, st), now), to)
	}
}
