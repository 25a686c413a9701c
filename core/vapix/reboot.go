package vapix

import (
	"context"
	"time"
)

// RebootPhase is where a reboot is.
type RebootPhase int

const (
	RebootWaitingToGoDown RebootPhase = iota // still answering with the old boot
	RebootDown                               // not answering
	RebootBooting                            // answering, not ready yet
	RebootBack                               // ready, new boot
)

func (p RebootPhase) String() string {
	switch p {
	case RebootWaitingToGoDown:
		return "waiting to go down"
	case RebootDown:
		return "down"
	case RebootBooting:
		return "booting"
	case RebootBack:
		return "back"
	}
	return "unknown phase"
}

// RebootProgress is reported about once a second while waiting.
type RebootProgress struct {
	Phase   RebootPhase
	Elapsed time.Duration
	State   SystemReady // last answer, if any
}

const (
	defaultRebootTimeout = 3 * time.Minute // [I] big PTZ and dual-sensor models
	rebootPollInterval   = time.Second     // as Axis' own tools poll (ACAPRS, RS4A)
	maxPollTimeout       = 3 * time.Second
	fastPollInterval     = 250 * time.Millisecond
)

// WaitForReboot polls systemready once a second until the camera is back on
// a new boot (boot id changed, or uptime dropped, or seen down then ready),
// or until timeout (default 3 min when 0). before is the answer taken before
// the reset/restart was sent.
func (c *Client) WaitForReboot(ctx context.Context, before SystemReady, timeout time.Duration, progress func(RebootProgress)) (SystemReady, error) {
	const op = "wait for the camera to restart"
	if timeout <= 0 {
		timeout = defaultRebootTimeout
	}
	start := time.Now()
	wctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	// A camera that is down often does not refuse: packets just vanish. A
	// short poll keeps the once-a-second rhythm.
	pollTimeout := min(c.timeout, maxPollTimeout)
	interval := rebootPollInterval
	if before.BootID == "" && !before.HasUptime {
		// 10.12 tells neither boot id nor uptime: only catching it down
		// proves the restart, so look more often than once a second.
		interval = fastPollInterval
	}
	tick := time.NewTicker(interval)
	defer tick.Stop()

	var last SystemReady
	seenDown := false
	phase := RebootWaitingToGoDown
	for {
		pctx, pcancel := context.WithTimeout(wctx, pollTimeout)
		s, err := c.systemReady(pctx, call{op: op})
		pcancel()
		switch {
		case ctx.Err() != nil:
			return last, c.fail(op, Canceled, ctx.Err())
		case isTrustError(err):
			// The device that answers is not to be trusted (a changed
			// certificate, another camera): it is not the camera coming
			// back.
			return last, err
		case err != nil:
			seenDown = true
			phase = RebootDown
		default:
			last = s
			if before.Ready && !s.Ready {
				seenDown = true // restarting: up, but not ready any more
			}
			switch {
			case !newBoot(before, s, seenDown):
				phase = RebootWaitingToGoDown
			case s.Ready:
				phase = RebootBack
			default:
				phase = RebootBooting
			}
		}
		if progress != nil {
			progress(RebootProgress{Phase: phase, Elapsed: time.Since(start), State: last})
		}
		if phase == RebootBack {
			return last, nil
		}
		select {
		case <-tick.C:
		case <-wctx.Done():
			if ctx.Err() != nil {
				return last, c.fail(op, Canceled, ctx.Err())
			}
			return last, &Error{Kind: RebootTimeout, Op: op, Host: c.host,
				Detail: "still " + phase.String() + " after " + timeout.Round(time.Second).String()}
		}
	}
}

// newBoot tells whether s comes from a boot after before. The boot id is
// best (11.x+), then a dropped uptime; 10.12 has neither, so having seen
// the camera unreachable is the only sign there.
func newBoot(before, s SystemReady, seenDown bool) bool {
	switch {
	case !before.NeedsSetup && s.NeedsSetup:
		// It had an administrator and now has none: a factory default
		// ran, which always restarts the camera.
		return true
	case before.BootID != "" && s.BootID != "":
		return s.BootID != before.BootID
	case before.HasUptime && s.HasUptime:
		return s.Uptime < before.Uptime
	}
	return seenDown
}
