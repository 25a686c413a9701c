package ssdpresp

import (
	"net/netip"
	"strings"
	"time"

	"github.com/openipu/openipu/core/camsim/internal/mcast"
)

// Misbehaviour switches a camera into the ways a hostile or broken device
// can behave, for the discovery tests on a hostile network.
type Misbehaviour struct {
	// LocationElsewhere, when valid, is the host:port LOCATION points at
	// instead of the camera: another host the searcher must not be sent
	// to.
	LocationElsewhere netip.AddrPort
	// HugeDescription serves a 10 MB rootdesc1.xml.
	HugeDescription bool
	// SlowDescription serves rootdesc1.xml a byte at a time and never
	// finishes.
	SlowDescription bool
	// Malformed sends broken SSDP packets from the camera's address ahead
	// of its replies and NOTIFYs.
	Malformed bool
	// NotifyFlood repeats the camera's ssdp:alive NOTIFY this many times a
	// second for as long as it is announced.
	NotifyFlood int
}

// SetMisbehaviour sets the switches for a camera, announced or not yet.
// The zero Misbehaviour restores normal behaviour.
func (r *Responder) SetMisbehaviour(mac string, m Misbehaviour) {
	mac = strings.ToUpper(mac)
	r.mu.Lock()
	defer r.mu.Unlock()
	if m == (Misbehaviour{}) {
		delete(r.misbehave, mac)
	} else {
		r.misbehave[mac] = m
	}
	cam, t := r.cams[mac], r.timers[mac]
	if cam != nil && t != nil && m.NotifyFlood > 0 && t.flood == nil {
		t.flood = time.AfterFunc(0, func() { r.floodTick(cam, t) })
	}
}

func (r *Responder) floodTick(cam *camera, t *timers) {
	r.mu.Lock()
	if r.timers[cam.mac] != t || r.cams[cam.mac] != cam || r.closed.Load() {
		r.mu.Unlock()
		return
	}
	n := r.misbehave[cam.mac].NotifyFlood
	if n <= 0 {
		t.flood = nil
		r.mu.Unlock()
		return
	}
	interval, copies := mcast.FloodPace(n)
	t.flood.Reset(interval)
	loc := r.locationLocked(cam)
	r.mu.Unlock()
	b := notify(loc, cam.nls, ntService, "ssdp:alive", usnOf(cam.udn, ntService))
	for range copies {
		r.send(cam, b, ssdpGroup)
	}
}

// malformedReplies are broken answers to an M-SEARCH that still look like
// they come from the camera.
func malformedReplies(udn string) [][]byte {
	return [][]byte{
		// A header line without a colon.
		[]byte("HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\nUSN " + udn + "::upnp:rootdevice\r\n\r\n"),
		// An unparsable LOCATION and no end of header.
		[]byte("HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nLOCATION: http://[::1/rootdesc1.xml\r\nST: upnp:rootdevice\r\nUSN: " + udn + "::upnp:rootdevice\r\n"),
		// A broken status line.
		[]byte("HTTP/1.1 OK\r\nUSN: " + udn + "\r\n\r\n"),
		// A header line of 8 KB.
		[]byte("HTTP/1.1 200 OK\r\nSERVER: " + strings.Repeat("A", 8<<10) + "\r\nUSN: " + udn + "::upnp:rootdevice\r\n\r\n"),
		noise(),
	}
}

// malformedNotifies are broken NOTIFYs that still name the camera.
func malformedNotifies(udn string) [][]byte {
	return [][]byte{
		[]byte("NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=-5\r\nLOCATION: http://[::1/\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\nUSN: " + udn + "::upnp:rootdevice\r\n\r\n"),
		[]byte("NOTIFY * HTTP/1.1\r\nNTS ssdp:alive\r\nUSN: " + udn + "\r\n\r\n"),
		noise(),
	}
}

func noise() []byte {
	b := make([]byte, 64)
	for i := range b {
		b[i] = byte(i*37) ^ 0xa5
	}
	return b
}
