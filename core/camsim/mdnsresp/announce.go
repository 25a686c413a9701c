package mdnsresp

import "time"

// announceGap is the spacing of the two unsolicited announcements
// (RFC 6762 §8.3).
const announceGap = time.Second

// startAnnouncing sends a camera's two announcements and starts its
// announcement flood if it is set to misbehave.
func (r *Responder) startAnnouncing(cam *camera) {
	r.announceOnce(cam)
	r.later(announceGap, func() {
		if r.current(cam) {
			r.announceOnce(cam)
		}
	})
	r.mu.Lock()
	flood := r.misbehave[cam.mac].AnnounceFlood
	r.mu.Unlock()
	if flood > 0 {
		r.startFlood(cam)
	}
}

func (r *Responder) announceOnce(cam *camera) {
	r.malformedFrom(cam, mdnsGroup, cam.announcement)
	r.send(cam, cam.announcement, mdnsGroup)
}

// sendGoodbye multicasts every record of cam with TTL 0 (RFC 6762 §10.1).
func (r *Responder) sendGoodbye(cam *camera) {
	r.send(cam, cam.goodbye, mdnsGroup)
}
