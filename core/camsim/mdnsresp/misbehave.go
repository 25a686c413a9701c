package mdnsresp

import (
	"encoding/binary"
	"net/netip"
	"strings"
	"time"

	"github.com/openipu/openipu/core/camsim/internal/mcast"
)

// Misbehaviour switches a camera into the ways a hostile or broken device
// can behave, for the discovery tests on a hostile network.
type Misbehaviour struct {
	// Malformed sends broken mDNS packets from the camera's address ahead
	// of each of its answers and announcements: truncated, with inflated
	// record counts, with a compression loop, with a label running past
	// the end, and plain noise.
	Malformed bool
	// AnnounceFlood repeats the camera's announcement this many times a
	// second for as long as it is announced.
	AnnounceFlood int
	// ClaimAddress, when set, is the only address in the camera's A
	// records while it keeps sending from its own: a forged answer that
	// points discovery at another device. It takes effect when the camera
	// is announced.
	ClaimAddress netip.Addr
	// StaleAddress, when set, comes first in the camera's A records, ahead
	// of its own: an address it had before DHCP gave it to another device.
	StaleAddress netip.Addr
}

// SetMisbehaviour sets the switches for a camera, announced or not yet.
// The zero Misbehaviour restores normal behaviour.
func (r *Responder) SetMisbehaviour(mac string, m Misbehaviour) {
	mac = strings.ToUpper(mac)
	r.mu.Lock()
	if m == (Misbehaviour{}) {
		delete(r.misbehave, mac)
	} else {
		r.misbehave[mac] = m
	}
	cam := r.cams[mac]
	started := r.pc != nil
	r.mu.Unlock()
	if cam != nil && started && m.AnnounceFlood > 0 {
		r.startFlood(cam)
	}
}

// flood is a camera's running announcement flood; its timer re-arms
// itself.
type flood struct{ t *time.Timer }

func (r *Responder) startFlood(cam *camera) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.floods[cam.mac] != nil || r.cams[cam.mac] != cam || r.closed.Load() {
		return
	}
	f := &flood{}
	r.floods[cam.mac] = f
	// The callback takes r.mu first, so it sees f.t set.
	f.t = time.AfterFunc(0, func() { r.floodTick(cam, f) })
}

func (r *Responder) floodTick(cam *camera, f *flood) {
	r.mu.Lock()
	if r.floods[cam.mac] != f || r.cams[cam.mac] != cam || r.closed.Load() {
		r.mu.Unlock()
		return
	}
	n := r.misbehave[cam.mac].AnnounceFlood
	if n <= 0 {
		delete(r.floods, cam.mac)
		r.mu.Unlock()
		return
	}
	interval, copies := mcast.FloodPace(n)
	f.t.Reset(interval)
	r.mu.Unlock()
	for range copies {
		r.send(cam, cam.announcement, mdnsGroup)
	}
}

// malformedFrom sends the broken packets ahead of valid if cam misbehaves
// that way.
func (r *Responder) malformedFrom(cam *camera, dst netip.AddrPort, valid []byte) {
	r.mu.Lock()
	on := r.misbehave[cam.mac].Malformed
	r.mu.Unlock()
	if !on {
		return
	}
	for _, b := range malformedPackets(valid) {
		r.send(cam, b, dst)
	}
}

// malformedPackets derives broken responses from a valid one.
func malformedPackets(valid []byte) [][]byte {
	const headerLen = 12
	var out [][]byte
	out = append(out, append([]byte(nil), valid[:len(valid)/2]...))
	if len(valid) >= headerLen {
		inflated := append([]byte(nil), valid...)
		binary.BigEndian.PutUint16(inflated[6:8], 0xffff) // ANCOUNT
		out = append(out, inflated)
	}
	header := func(answers uint16) []byte {
		h := make([]byte, headerLen)
		binary.BigEndian.PutUint16(h[2:4], 0x8400) // response, authoritative
		binary.BigEndian.PutUint16(h[6:8], answers)
		return h
	}
	// An owner name that is a pointer to itself.
	loop := append(header(1), 0xc0, headerLen, 0, 12, 0, 1, 0, 0, 0, 120, 0, 0)
	out = append(out, loop)
	// A 63-byte label with 3 bytes behind it.
	overrun := append(header(1), 63, 'a', 'b', 'c')
	out = append(out, overrun)
	noise := make([]byte, 48)
	for i := range noise {
		noise[i] = byte(i*37) ^ 0xa5
	}
	out = append(out, noise)
	return out
}
