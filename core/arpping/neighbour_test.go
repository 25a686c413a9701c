package arpping

import (
	"errors"
	"net/netip"
	"os/exec"
	"slices"
	"testing"
)

func TestNeighbourCommandsForEachOperatingSystem(t *testing.T) {
	mac, err := ParseMAC("AC:CC:8E:27:0A:D8")
	if err != nil {
		t.Fatal(err)
	}
	addr := netip.MustParseAddr("10.0.4.50")
	cases := []struct {
		goos     string
		iface    string
		add, del [][]string
	}{
		{"linux", "eth0",
			[][]string{{"ip", "neigh", "replace", "10.0.4.50", "lladdr", "ac:cc:8e:27:0a:d8", "dev", "eth0", "nud", "permanent"}},
			[][]string{{"ip", "neigh", "del", "10.0.4.50", "dev", "eth0"}}},
		{"darwin", "en0",
			[][]string{{"arp", "-d", "10.0.4.50", "ifscope", "en0"}, {"arp", "-s", "10.0.4.50", "ac:cc:8e:27:0a:d8", "temp", "ifscope", "en0"}},
			[][]string{{"arp", "-d", "10.0.4.50", "ifscope", "en0"}}},
		// A Windows connection name has spaces; it stays one argument
		// because nothing goes through a shell.
		{"windows", "Ethernet 2",
			[][]string{{"netsh", "interface", "ipv4", "delete", "neighbors", "Ethernet 2", "10.0.4.50"},
				{"netsh", "interface", "ipv4", "add", "neighbors", "Ethernet 2", "10.0.4.50", "ac-cc-8e-27-0a-d8", "store=active"}},
			[][]string{{"netsh", "interface", "ipv4", "delete", "neighbors", "Ethernet 2", "10.0.4.50"}}},
	}
	for _, tc := range cases {
		add, del, ok := neighbourCommands(tc.goos, tc.iface, addr, mac)
		if !ok || !slices.EqualFunc(add, tc.add, slices.Equal) || !slices.EqualFunc(del, tc.del, slices.Equal) {
			t.Errorf("%s:\n add %q\nwant %q\n del %q\nwant %q", tc.goos, add, tc.add, del, tc.del)
		}
	}
	if _, _, ok := neighbourCommands("plan9", "ether0", addr, mac); ok {
		t.Error("commands for an operating system nobody wrote them for")
	}
}

func TestParseMACAcceptsTheUsualSpellingsOnly(t *testing.T) {
	want := [6]byte{0xac, 0xcc, 0x8e, 0x27, 0x0a, 0xd8}
	for _, s := range []string{"ACCC8E270AD8", "accc8e270ad8", "ac:cc:8e:27:0a:d8", "AC-CC-8E-27-0A-D8", " accc.8e27.0ad8 "} {
		if got, err := ParseMAC(s); err != nil || got != want {
			t.Errorf("ParseMAC(%q) = %x, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "ACCC8E270AD", "ACCC8E270AD8FF", "ACCC8E270ADG", "ac:cc:8e:27:0a:d8:00"} {
		if _, err := ParseMAC(s); err == nil {
			t.Errorf("ParseMAC(%q) accepted", s)
		}
	}
}

func TestClassifyMapsWhatEachSystemSaysToAKind(t *testing.T) {
	failed := errors.New("exit status 1")
	cases := []struct {
		out  string
		err  error
		want Kind
	}{
		{"RTNETLINK answers: Operation not permitted", failed, NeedsAdmin},
		{`Cannot find device "eth9"`, failed, InterfaceNotFound},
		{"arp: writing to routing socket: Operation not permitted", failed, NeedsAdmin},
		{"arp: no such interface: en9", failed, InterfaceNotFound},
		{"The requested operation requires elevation (Run as administrator).", failed, NeedsAdmin},
		{"Element not found.", failed, InterfaceNotFound},
		{"The filename, directory name, or volume label syntax is incorrect.", failed, NotPossible},
		{"", exec.ErrNotFound, NotPossible},
	}
	for _, tc := range cases {
		if got, detail := classify([]byte(tc.out), tc.err); got != tc.want || detail == "" {
			t.Errorf("%q: %s (detail %q), want %s", tc.out, got, detail, tc.want)
		}
	}
}
