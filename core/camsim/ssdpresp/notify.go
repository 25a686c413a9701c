package ssdpresp

import "time"

// timers are a camera's repeating NOTIFYs; each re-arms itself under r.mu.
type timers struct{ alive, flood *time.Timer }

func (t *timers) stop() {
	if t.alive != nil {
		t.alive.Stop()
	}
	if t.flood != nil {
		t.flood.Stop()
	}
}

// startAdvertising sends a camera's ssdp:alive NOTIFYs now and every
// AliveInterval, and starts its NOTIFY flood if it is set to misbehave.
func (r *Responder) startAdvertising(cam *camera) {
	r.mu.Lock()
	if r.cams[cam.mac] != cam || r.timers[cam.mac] != nil || r.closed.Load() {
		r.mu.Unlock()
		return
	}
	t := &timers{}
	r.timers[cam.mac] = t
	// The callbacks take r.mu first, so they see t's fields set.
	t.alive = time.AfterFunc(r.opts.AliveInterval, func() { r.aliveTick(cam, t) })
	if r.misbehave[cam.mac].NotifyFlood > 0 {
		t.flood = time.AfterFunc(0, func() { r.floodTick(cam, t) })
	}
	r.mu.Unlock()
	r.notifyAll(cam, "ssdp:alive")
}

func (r *Responder) aliveTick(cam *camera, t *timers) {
	r.mu.Lock()
	if r.timers[cam.mac] != t || r.cams[cam.mac] != cam || r.closed.Load() {
		r.mu.Unlock()
		return
	}
	t.alive.Reset(r.opts.AliveInterval)
	r.mu.Unlock()
	r.notifyAll(cam, "ssdp:alive")
}

// byebye tells the network the camera is leaving.
func (r *Responder) byebye(cam *camera) { r.notifyAll(cam, "ssdp:byebye") }

// notifyAll multicasts one NOTIFY per notification type, from the camera.
func (r *Responder) notifyAll(cam *camera, nts string) {
	r.mu.Lock()
	loc := r.locationLocked(cam)
	bad := r.misbehave[cam.mac].Malformed
	r.mu.Unlock()
	if bad {
		for _, b := range malformedNotifies(cam.udn) {
			r.send(cam, b, ssdpGroup)
		}
	}
	for _, nt := range notifyTypes(cam.udn) {
		r.send(cam, notify(loc, cam.nls, nt, nts, usnOf(cam.udn, nt)), ssdpGroup)
	}
}
