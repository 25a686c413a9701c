package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestDiscoveryFlagsAreCheckedBeforeAnythingStarts(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--mdns", "maybe"}, "--mdns takes"},
		{[]string{"--ssdp", "sometimes"}, "--ssdp takes"},
		{[]string{"--hostile", "evil"}, "unknown kind"},
		{[]string{"--hostile", "flood"}, "needs --ips"},
		{[]string{"--ips", "10.9.0.1-10.9.0.2", "--hostile", "flood,malformed"}, "must have 4 addresses"},
	} {
		var out, errb bytes.Buffer
		if code := run(context.Background(), tc.args, &out, &errb); code != 2 || !strings.Contains(errb.String(), tc.want) {
			t.Errorf("%v: exit %d, stderr %q (want %q)", tc.args, code, errb.String(), tc.want)
		}
	}
}

func TestLoopbackFleetAnnouncesNothingByDefault(t *testing.T) {
	f := discoveryFlags{mdns: "auto", ssdp: "auto"}
	if _, err := f.check(false); err != nil || f.mdns != "off" || f.ssdp != "off" {
		t.Fatalf("loopback: %+v %v", f, err)
	}
	f = discoveryFlags{mdns: "auto", ssdp: "auto"}
	if _, err := f.check(true); err != nil || f.mdns != "on" || f.ssdp != "auto" {
		t.Fatalf("with --ips: %+v %v", f, err)
	}
}
