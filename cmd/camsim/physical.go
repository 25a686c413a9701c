package main

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/openipu/openipu/core/camsim"
)

// physicalFlags are the simulated world around the cameras: the DHCP
// server, whether addresses really move, ARP/Ping, the control endpoint.
type physicalFlags struct {
	dhcp, move, arpping string
	arppingWindow       time.Duration
	iface, control      string
	passwordLost        bool
}

// check validates the flags and says whether cameras move between
// addresses. canMove is whether this process may safely add addresses
// (root inside a network namespace).
func (f *physicalFlags) check(withIPs, canMove bool) (bool, error) {
	if f.dhcp != "on" && f.dhcp != "off" {
		return false, fmt.Errorf("--dhcp takes on or off, not %q", f.dhcp)
	}
	if f.arpping != "on" && f.arpping != "off" {
		return false, fmt.Errorf("--arpping takes on or off, not %q", f.arpping)
	}
	if f.arppingWindow <= 0 {
		return false, errors.New("--arpping-window must be positive")
	}
	if f.arpping == "on" && !withIPs {
		return false, errors.New("--arpping on needs --ips: each camera gets its own MAC on the wire, which only works on a real (or namespace) network")
	}
	switch f.move {
	case "auto":
		return withIPs && canMove && (f.dhcp == "off" || f.arpping == "on"), nil
	case "on":
		if !withIPs {
			return false, errors.New("--move on needs --ips: cameras on loopback cannot change address")
		}
		return true, nil
	case "off":
		if f.arpping == "on" {
			return false, errors.New("--arpping on needs the cameras to move (--move auto or on)")
		}
		return false, nil
	}
	return false, fmt.Errorf("--move takes auto, on or off, not %q", f.move)
}

// apply puts the flags into every camera's configuration.
func (f *physicalFlags) apply(tpl *camsim.Config) error {
	if f.dhcp == "off" {
		tpl.DHCP = camsim.DHCPOff
	}
	tpl.ARPPingWindow = f.arppingWindow
	if f.passwordLost {
		// Random and never shown: the camera is set up, and nobody can log
		// in. root is the name every generation accepts.
		b := make([]byte, 18)
		if _, err := rand.Read(b); err != nil {
			return fmt.Errorf("making a password nobody knows: %w", err)
		}
		tpl.Admin = &camsim.Account{User: "root", Password: base64.RawURLEncoding.EncodeToString(b)}
	}
	return nil
}

// onResetSignal power-cycles every camera with the button held on each
// reset signal (SIGUSR1 where there is one), until stop.
func onResetSignal(cams []*camsim.Camera) (stop func()) {
	if len(resetSignals) == 0 {
		return func() {}
	}
	ch := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(ch, resetSignals...)
	go func() {
		for {
			select {
			case <-ch:
				for _, c := range cams {
					c.PowerCycle(true)
				}
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}
