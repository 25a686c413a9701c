package main

import (
	"os"
	"reflect"
	"strconv"
	"syscall"
	"testing"
)

// signalRun feeds sigs to handleSignals and returns what it did, in order.
func signalRun(sigs ...os.Signal) []string {
	ch := make(chan os.Signal, len(sigs))
	for _, s := range sigs {
		ch <- s
	}
	close(ch)
	var did []string
	handleSignals(ch,
		func() { did = append(did, "cancel") },
		func() { did = append(did, "restore echo") },
		func(code int) { did = append(did, "exit "+strconv.Itoa(code)) })
	return did
}

func TestAStopSignalCancelsTheWorkAndASecondRestoresEchoBeforeExiting(t *testing.T) {
	for name, tc := range map[string]struct {
		sigs []os.Signal
		want []string
	}{
		"Ctrl-C":                {[]os.Signal{os.Interrupt}, []string{"cancel"}},
		"SIGTERM":               {[]os.Signal{syscall.SIGTERM}, []string{"cancel"}},
		"SIGHUP":                {[]os.Signal{syscall.SIGHUP}, []string{"cancel"}},
		"Ctrl-C twice":          {[]os.Signal{os.Interrupt, os.Interrupt}, []string{"cancel", "restore echo", "exit 130"}},
		"SIGHUP then SIGTERM":   {[]os.Signal{syscall.SIGHUP, syscall.SIGTERM}, []string{"cancel", "restore echo", "exit 143"}},
		"Ctrl-\\ quits at once": {[]os.Signal{syscall.SIGQUIT, os.Interrupt}, []string{"restore echo", "exit 131"}},
		"Ctrl-C then Ctrl-\\":   {[]os.Signal{os.Interrupt, syscall.SIGQUIT}, []string{"cancel", "restore echo", "exit 131"}},
	} {
		t.Run(name, func(t *testing.T) {
			if got := signalRun(tc.sigs...); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("did %q, want %q", got, tc.want)
			}
		})
	}
}

func TestEveryStopSignalIsHandled(t *testing.T) {
	for _, s := range []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT} {
		found := false
		for _, h := range stopSignals {
			found = found || h == s
		}
		if !found {
			t.Errorf("%v is not caught: it would end the program with echo off", s)
		}
	}
}
