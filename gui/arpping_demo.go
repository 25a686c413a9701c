package gui

import (
	"context"
	"net/netip"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/openipu/openipu/core/arpping"
	"github.com/openipu/openipu/core/usermsg"
)

// demoARPPing is what the simulated office offers for ARP/Ping: one
// 408-byte ping reaching the simulated camera with that MAC, which takes
// addr if it is in its first minutes after power-up.
type demoARPPing interface {
	ARPPing(mac string, addr netip.Addr) bool
}

// simulatedPingEvery paces the simulated pings as arpping paces real ones.
const simulatedPingEvery = time.Second

// simulatedARPPing runs the assignment against the simulated office with
// the same steps and errors as arpping.Assign, and nothing sent anywhere.
func simulatedARPPing(p demoARPPing) arpPingBackend {
	return arpPingBackend{
		available: func(string) (bool, usermsg.Message) {
			return true, usermsg.Message{Text: lang.X("arpping_dialog.simulated_ok", "The simulated computer can give a simulated camera an address this way.")}
		},
		assign: func(ctx context.Context, req arpping.Request, progress func(arpping.Progress)) error {
			fail := func(k arpping.Kind, err error) error {
				return &arpping.Error{Kind: k, Addr: req.Addr.String(), MAC: req.MAC, Interface: req.Interface, Err: err}
			}
			window := req.Window
			if window <= 0 {
				window = arpping.DefaultWindow
			}
			start := time.Now()
			progress(arpping.Progress{Step: arpping.StepNeighbour, Remaining: window})
			defer func() { progress(arpping.Progress{Step: arpping.StepCleanedUp, Elapsed: time.Since(start)}) }()
			t := time.NewTicker(simulatedPingEvery)
			defer t.Stop()
			for attempt := 1; ; attempt++ {
				remaining := max(window-time.Since(start), 0)
				progress(arpping.Progress{Step: arpping.StepPing, Attempt: attempt, Elapsed: time.Since(start), Remaining: remaining})
				if p.ARPPing(req.MAC, req.Addr) {
					progress(arpping.Progress{Step: arpping.StepAnswered, Attempt: attempt, Elapsed: time.Since(start)})
					return nil
				}
				if remaining <= 0 {
					return fail(arpping.NotTaken, nil)
				}
				select {
				case <-ctx.Done():
					return fail(arpping.Canceled, ctx.Err())
				case <-t.C:
				}
			}
		},
	}
}
