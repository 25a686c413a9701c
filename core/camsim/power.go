package camsim

import "time"

// Unplug cuts the camera's power until Plug: it leaves the network at once
// and stays off. This is the first step of a physical reset. The responders
// withdraw it as for any reset; a real camera losing power sends no goodbye,
// so a client notices a real one later than a simulated one.
func (c *Camera) Unplug() {
	c.life.Lock()
	defer c.life.Unlock()
	c.mu.Lock()
	if c.closed || !c.started || c.unplugged {
		c.mu.Unlock()
		return
	}
	c.unplugged = true
	for _, t := range []*time.Timer{c.downTimer, c.upTimer, c.moveTimer} {
		if t != nil {
			t.Stop()
		}
	}
	online := c.online
	c.mu.Unlock()
	if online {
		c.takeDown()
	}
}

// Plug gives the camera its power back; it boots and is on the network
// ResetDowntime later. With factoryReset the control button is held while
// powering up (docs/protocol.md, Physical reset): a hard factory default.
func (c *Camera) Plug(factoryReset bool) {
	c.life.Lock()
	defer c.life.Unlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed || !c.started || !c.unplugged {
		return
	}
	c.unplugged = false
	if factoryReset {
		c.resets++
		c.lastReset = resetHard.String()
		c.pending = resetHard
	}
	c.upTimer = time.AfterFunc(c.cfg.ResetDowntime, c.comeBack)
}

// PluggedIn reports whether the camera has power (it may still be booting).
func (c *Camera) PluggedIn() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return !c.unplugged
}
