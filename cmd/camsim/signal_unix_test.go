//go:build unix

package main

import (
	"net/http"
	"syscall"
	"testing"
	"time"
)

func TestSIGUSR1PowerCyclesEveryCameraWithTheButtonHeld(t *testing.T) {
	s := start(t, 2, "--count", "2", "--reset-downtime", "200ms", "--control", "127.0.0.1:0", "--password-lost")
	base := controlURL(t, s)
	for _, c := range cameras(t, base) {
		if c.NeedsSetup {
			t.Fatalf("camera %s starts needing setup despite --password-lost", c.MAC)
		}
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGUSR1); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		reset := 0
		for _, c := range cameras(t, base) {
			if c.State == "on" && c.NeedsSetup {
				reset++
			}
		}
		if reset == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after SIGUSR1: %+v", cameras(t, base))
		}
		time.Sleep(20 * time.Millisecond)
	}
	for _, l := range s.lines {
		if code, err := systemReady(l[2]); err != nil || code != http.StatusOK {
			t.Errorf("%s after the reset: %d %v", l[1], code, err)
		}
	}
}
