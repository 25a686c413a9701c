package hostaddr

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/usermsg"
)

func TestForPutsTheComputerOnTheFactoryAddressesNetworkButNeverOnTheCamera(t *testing.T) {
	cam := netip.MustParseAddr("192.168.0.90")
	mine := netip.MustParseAddr("192.168.0.201")
	seen := map[netip.Addr]bool{}
	for range 500 {
		p, err := For(cam, func(a netip.Addr) bool { return a == mine })
		if err != nil {
			t.Fatal(err)
		}
		if p.Bits() != 24 || !p.Contains(cam) {
			t.Fatalf("%s does not put the computer on the camera's network", p)
		}
		a := p.Addr()
		if a == cam || a == mine {
			t.Fatalf("picked %s, which is taken", a)
		}
		if last := a.As4()[3]; last < 200 || last > 249 {
			t.Fatalf("picked %s, outside .200–.249", a)
		}
		seen[a] = true
	}
	if len(seen) < 10 {
		t.Errorf("only %d different addresses in 500 draws: the choice is not random", len(seen))
	}
}

func TestForALinkLocalCameraPicksALinkLocalAddressOutsideTheReservedEnds(t *testing.T) {
	cam := netip.MustParseAddr("169.254.17.8")
	for range 500 {
		p, err := For(cam, nil)
		if err != nil {
			t.Fatal(err)
		}
		b := p.Addr().As4()
		if p.Bits() != 16 || b[0] != 169 || b[1] != 254 || b[2] == 0 || b[2] == 255 || b[3] == 0 || b[3] == 255 || p.Addr() == cam {
			t.Fatalf("picked %s for a link-local camera", p)
		}
	}
}

func TestForRefusesWhatCannotBeReachedWithASecondAddress(t *testing.T) {
	for _, s := range []string{"fe80::1", "127.0.0.1", "224.0.0.251", "0.0.0.0"} {
		if p, err := For(netip.MustParseAddr(s), nil); err == nil {
			t.Errorf("For(%s) = %s, want an error", s, p)
		}
	}
	if _, err := For(netip.MustParseAddr("192.168.0.90"), func(netip.Addr) bool { return true }); err == nil {
		t.Error("For found an address although every one was taken")
	}
}

func TestMaskWritesTheNetworkSizeAsSettingsAskForIt(t *testing.T) {
	for bits, want := range map[int]string{24: "255.255.255.0", 16: "255.255.0.0", 25: "255.255.255.128", 0: "0.0.0.0", 32: "255.255.255.255", 20: "255.255.240.0"} {
		if got := Mask(netip.PrefixFrom(netip.MustParseAddr("10.0.0.1"), bits)); got != want {
			t.Errorf("Mask(/%d) = %s, want %s", bits, got, want)
		}
	}
}

func TestCommandsUseEachSystemsOwnToolAndUndoWhatTheyDid(t *testing.T) {
	p := netip.MustParsePrefix("192.168.0.213/24")
	cases := map[string][2]string{
		"linux":   {"ip address add 192.168.0.213/24 dev eth0", "ip address del 192.168.0.213/24 dev eth0"},
		"windows": {"netsh interface ipv4 add address name=eth0 address=192.168.0.213 mask=255.255.255.0 store=active", "netsh interface ipv4 delete address name=eth0 address=192.168.0.213"},
		"darwin":  {"ifconfig eth0 alias 192.168.0.213 255.255.255.0", "ifconfig eth0 -alias 192.168.0.213"},
	}
	for goos, want := range cases {
		add, remove, ok := commands(goos, "eth0", p)
		if !ok {
			t.Fatalf("%s: no commands", goos)
		}
		if got := strings.Join(append([]string{add.name}, add.args...), " "); got != want[0] {
			t.Errorf("%s add: %q, want %q", goos, got, want[0])
		}
		if got := strings.Join(append([]string{remove.name}, remove.args...), " "); got != want[1] {
			t.Errorf("%s remove: %q, want %q", goos, got, want[1])
		}
	}
	if _, _, ok := commands("plan9", "eth0", p); ok {
		t.Error("commands invented a tool for plan9")
	}
}

func TestClassifyRecognisesEachSystemsRefusalForLackOfRights(t *testing.T) {
	cases := map[string]Kind{
		"RTNETLINK answers: Operation not permitted\n":                                 NeedsAdmin,
		"The requested operation requires elevation (Run as administrator).\r\n":       NeedsAdmin,
		"ifconfig: ioctl (SIOCAIFADDR): permission denied\n":                           NeedsAdmin,
		"Cannot find device \"eth9\"\n":                                                NotPossible,
		"The filename, directory name, or volume label syntax is incorrect.\r\n":       Unknown,
		"\n\nDHCP is enabled on this interface. Static addresses cannot be added.\r\n": NotPossible,
	}
	for out, want := range cases {
		k, detail := classify(out)
		if k != want {
			t.Errorf("classify(%q) = %v, want %v", out, k, want)
		}
		if strings.ContainsAny(detail, "\r\n") || detail == "" {
			t.Errorf("classify(%q) detail %q: want the first line, on one line", out, detail)
		}
	}
}

func TestStepsForEverySystemFillEveryValueAndUndoAtTheEnd(t *testing.T) {
	p := netip.MustParsePrefix("169.254.33.44/16")
	for _, goos := range []string{"windows", "darwin", "linux", "freebsd"} {
		steps := Steps(goos, "Ethernet 2", p)
		if len(steps) < 2 {
			t.Fatalf("%s: %d steps", goos, len(steps))
		}
		all := ""
		for _, m := range steps {
			s := m.String()
			if strings.Contains(s, "{{") || strings.Contains(s, "<no value>") {
				t.Errorf("%s: unfilled value in %q", goos, s)
			}
			all += s + "\n"
		}
		if !strings.Contains(all, "169.254.33.44") || !strings.Contains(all, "Ethernet 2") {
			t.Errorf("%s: steps do not name the address and the connection:\n%s", goos, all)
		}
		last := steps[len(steps)-1].String()
		if !strings.Contains(last, "back") && !strings.Contains(last, "remove") {
			t.Errorf("%s: the last step does not undo the change: %q", goos, last)
		}
	}
	if s := Steps("windows", "Ethernet", p)[1].String(); !strings.Contains(s, "255.255.0.0") {
		t.Errorf("Windows asks for a subnet mask, the step says %q", s)
	}
}

func TestEveryKindHasBothSentences(t *testing.T) {
	for k := Unknown; k <= Canceled; k++ {
		p := (&Error{Kind: k, Addr: "192.168.0.213", Interface: "eth0", Detail: "x"}).Explain()
		if p.What.Text == "" || p.Next.Text == "" {
			t.Errorf("%v: missing a sentence: %+v", k, p)
		}
	}
	var _ usermsg.Explainer = (*Error)(nil)
}

func FuzzClassify(f *testing.F) {
	f.Add("RTNETLINK answers: Operation not permitted\n")
	f.Add("\x1b[31mAccess is denied.\r\n")
	f.Fuzz(func(t *testing.T, out string) {
		_, detail := classify(out)
		if strings.ContainsAny(detail, "\r\n\x1b") {
			t.Fatalf("detail %q keeps control characters", detail)
		}
	})
}
