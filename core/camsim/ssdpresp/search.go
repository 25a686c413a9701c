package ssdpresp

import (
	"net"
	"net/netip"
	"strconv"
	"strings"
	"time"

	ssdp "github.com/koron/go-ssdp"
)

// maxMX caps the reply window: UPnP asks devices to treat a larger MX as 5.
const maxMX = 5

// duplicateWindow: one M-SEARCH reaches the responder once per interface
// it has joined the group on (one host plays both ends of the link), a few
// microseconds apart. A real camera on one link hears it once, so copies
// this close together are answered once.
const duplicateWindow = 20 * time.Millisecond

type searchKey struct {
	from   netip.AddrPort
	st, mx string
}

// onSearch schedules every matching camera's reply to an M-SEARCH. go-ssdp
// calls it on a goroutine of its own per packet.
func (r *Responder) onSearch(m *ssdp.SearchMessage) {
	ua, ok := m.From.(*net.UDPAddr)
	if !ok {
		return
	}
	from := ua.AddrPort()
	from = netip.AddrPortFrom(from.Addr().Unmap(), from.Port())
	mxText := strings.TrimSpace(m.Header().Get("MX"))
	mx, err := strconv.Atoi(mxText)
	if err != nil || mx < 0 {
		return // libupnp drops an M-SEARCH without a usable MX
	}
	st := strings.TrimSpace(m.Type)
	if st == "" {
		return
	}
	now := time.Now()
	r.mu.Lock()
	if r.duplicateLocked(searchKey{from, st, mxText}, now) {
		r.mu.Unlock()
		return
	}
	cams := r.sortedLocked()
	r.mu.Unlock()

	window := replyWindow(mx)
	for _, cam := range cams {
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
