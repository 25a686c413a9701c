package main

import (
	"context"
	"time"

	"github.com/openipu/openipu/core/vapix"
)

// defaultWaitTimeout covers the slowest cameras: most are back within a
// minute, large PTZ and multi-sensor models can take longer.
const defaultWaitTimeout = 3 * time.Minute

// progressEvery is how often an unchanged phase is reported again, so that a
// long wait visibly has not hung.
const progressEvery = 15 * time.Second

// waitBack waits until the camera has restarted, printing progress on
// stderr. After a factory reset the camera makes a new HTTPS certificate, so
// the waiting is done by a client that accepts it (and stores its pin) for
// the commands that follow; only anonymous status requests are sent.
func (s *session) waitBack(ctx context.Context, before vapix.SystemReady, timeout time.Duration, newCertificate bool) error {
	client := s.client
	if newCertificate && s.pins != nil {
		c, err := vapix.New(s.target, vapix.Options{
			Timeout: s.opts.timeout, Pins: s.pins, Serial: s.id.MAC, AcceptNewCertificate: true,
		})
		if err != nil {
			return err
		}
		client = c
	}
	s.progress("Waiting for the camera to come back. This usually takes about a minute; Ctrl-C stops waiting.")
	last, lastAt := vapix.RebootPhase(-1), time.Duration(0)
	_, err := client.WaitForReboot(ctx, before, timeout, func(p vapix.RebootProgress) {
		if p.Phase == last && p.Elapsed-lastAt < progressEvery {
			return
		}
		last, lastAt = p.Phase, p.Elapsed
		s.progress("  %3ds  %s", int(p.Elapsed.Seconds()), phaseText(p.Phase))
	})
	return err
}

func phaseText(p vapix.RebootPhase) string {
	switch p {
	case vapix.RebootWaitingToGoDown:
		return "The camera is still answering; it goes off the network in a moment."
	case vapix.RebootDown:
		return "The camera is off the network while it restarts."
	case vapix.RebootBooting:
		return "The camera answers again and is starting up."
	case vapix.RebootBack:
		return "The camera is back."
	}
	return "Waiting."
}

// beforeRestart takes the camera's state just before a reset or restart, so
// that its return can be recognised (new boot id, lower uptime). If the
// question fails, the state from identify() serves.
func (s *session) beforeRestart(ctx context.Context) vapix.SystemReady {
	if sr, err := s.client.SystemReady(ctx); err == nil {
		return sr
	}
	return s.id.Ready2
}
