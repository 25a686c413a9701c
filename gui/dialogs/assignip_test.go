package dialogs

import (
	"context"
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/openipu/openipu/core/addrprobe"
	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
)

func cameraAt(mac, addr string) discovery.Device {
	d := readyDevice(mac)
	d.Addresses = []netip.Addr{netip.MustParseAddr(addr)}
	d.HTTPURL = "http://" + addr + "/"
	return d
}

// pendingProbes holds "already answers" checks until the change that asked
// for them has been handled, as the Fyne goroutine would.
var pendingProbes []func()

func openAssignIP(t *testing.T, h *fakeHost, cam discovery.Device) *assignIPDialog {
	t.Helper()
	d := newAssignIPDialog(h, cam)
	d.followFor, d.followEvery = 2*time.Second, 20*time.Millisecond
	d.probeLaunch = func(fn func()) { pendingProbes = append(pendingProbes, fn) }
	d.knock = thisMachineOnly(t, 80)
	d.show(d.address)
	t.Cleanup(func() { flushProbes(d) })
	return d
}

// thisMachineOnly knocks at port only at loopback and this machine's own
// addresses: a test never sends a packet to an address on someone else's
// network.
func thisMachineOnly(t *testing.T, port int) func(context.Context, netip.Addr) bool {
	own := map[netip.Addr]bool{}
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			if ipn, ok := a.(*net.IPNet); ok {
				if ip, ok := netip.AddrFromSlice(ipn.IP); ok {
					own[ip.Unmap()] = true
				}
			}
		}
	}
	return func(ctx context.Context, addr netip.Addr) bool {
		if !addr.IsLoopback() && !own[addr.Unmap()] {
			return false
		}
		return addrprobe.Prober{Ports: []int{port}}.Answers(ctx, addr)
	}
}

// flushProbes runs the checks asked for so far, waits for them and shows
// what they found.
func flushProbes(d *assignIPDialog) {
	for _, fn := range pendingProbes {
		go fn()
	}
	pendingProbes = nil
	d.probes.Wait()
	d.h.(*fakeHost).UI.Drain()
}

// typeAddress replaces the address and waits for the "already answers"
// check it starts.
func typeAddress(d *assignIPDialog, s string) {
	d.address.SetText(s)
	flushProbes(d)
}

func TestAssignIPExplainsABadAddressPrefixAndGatewayAsTheyAreTyped(t *testing.T) {
	h := newFakeHost(t)
	d := openAssignIP(t, h, cameraAt("ACCC8E000010", "192.168.1.20"))
	d.knock = thisMachineOnly(t, 1)
	test.Type(d.login.password, "Admin-Pass-1")

	typeAddress(d, "192.168.1.300")
	if !d.addressReason.Visible() || !strings.Contains(d.addressReason.Text, "four numbers from 0 to 255") {
		t.Errorf("bad address: %q", d.addressReason.Text)
	}
	if !d.primary.Disabled() {
		t.Error("Apply is enabled with a bad address")
	}
	typeAddress(d, "192.168.1.50")
	d.mask.SetText("")
	test.Type(d.mask, "33")
	if !strings.Contains(d.maskReason.Text, "255.255.255.0") || !d.primary.Disabled() {
		t.Errorf("mask 33: %q, Apply disabled %v", d.maskReason.Text, d.primary.Disabled())
	}
	d.mask.SetText("255.255.255.0")
	if d.maskReason.Visible() {
		t.Errorf("mask 255.255.255.0: reason %q", d.maskReason.Text)
	}
	test.Type(d.gateway, "10.0.0.")
	if !strings.Contains(d.gatewayReason.Text, "router's IPv4 address") {
		t.Errorf("half a gateway: %q", d.gatewayReason.Text)
	}
	test.Type(d.gateway, "1")
	if !strings.Contains(d.settingsWhy.Text, "gateway is not on the camera's network") || !d.primary.Disabled() {
		t.Errorf("gateway on another network: %q, Apply disabled %v", d.settingsWhy.Text, d.primary.Disabled())
	}
	d.gateway.SetText("192.168.1.1")
	if d.settingsWhy.Visible() || d.primary.Disabled() {
		t.Errorf("good settings: %q, Apply disabled %v", d.settingsWhy.Text, d.primary.Disabled())
	}
}

func TestAssignIPWarnsWhenTheAddressIsOutsideTheComputersNetworkButAllowsIt(t *testing.T) {
	h := newFakeHost(t)
	d := openAssignIP(t, h, cameraAt("ACCC8E000010", "192.168.0.90"))
	d.knock = thisMachineOnly(t, 1)
	test.Type(d.login.password, "Admin-Pass-1")

	typeAddress(d, "10.1.2.3")
	if !d.outside.Shown() || !strings.Contains(d.outside.Text.Text, "not on this computer's network (addresses starting with 192.168.1.)") {
		t.Errorf("outside warning: shown %v, %q", d.outside.Shown(), d.outside.Text.Text)
	}
	if d.primary.Disabled() {
		t.Error("an address outside this computer's network is refused; it should only be warned about")
	}
	typeAddress(d, "192.168.1.77")
	if d.outside.Shown() {
		t.Errorf("warned about an address on this computer's network: %q", d.outside.Text.Text)
	}
}

// hostAddress is one of this machine's own IPv4 addresses other than
// loopback, which the camera rules refuse as a camera address.
func hostAddress(t *testing.T) netip.Addr {
	t.Helper()
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range addrs {
		ipn, ok := a.(*net.IPNet)
		if !ok || ipn.IP.To4() == nil {
			continue
		}
		ip, _ := netip.AddrFromSlice(ipn.IP.To4())
		if !ip.IsLoopback() && !ip.IsLinkLocalUnicast() {
			return ip
		}
	}
	t.Skip("this machine has no IPv4 address besides loopback")
	return netip.Addr{}
}

func TestAssignIPWarnsWhenSomethingAlreadyAnswersAtTheAddress(t *testing.T) {
	h := newFakeHost(t)
	host := hostAddress(t)
	ln, err := net.Listen("tcp", net.JoinHostPort(host.String(), "0"))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	d := openAssignIP(t, h, cameraAt("ACCC8E000010", "192.168.1.20"))
	d.knock = thisMachineOnly(t, ln.Addr().(*net.TCPAddr).Port)

	typeAddress(d, host.String())
	if !d.inUse.Shown() || !strings.Contains(d.inUse.Text.Text, "already answers at "+host.String()) {
		t.Errorf("address in use: shown %v, %q", d.inUse.Shown(), d.inUse.Text.Text)
	}
	typeAddress(d, "192.168.1.20")
	if d.inUse.Shown() {
		t.Error("the camera's own address is reported as taken")
	}
}

func TestAssignIPOnASimulatedCameraAppliesTheAddressAndFollowsTheCamera(t *testing.T) {
	h := newFakeHost(t)
	const pw = "Meadow-Copper-19"
	cam := startSim(t, camsim.Config{Generation: camsim.Gen11, Admin: &camsim.Account{User: "root", Password: pw}})
	h.connectTo(connectSims(cam))
	d := openAssignIP(t, h, simDevice(cam))
	d.knock = thisMachineOnly(t, 1)

	typeAddress(d, "192.168.1.40")
	d.gateway.SetText("192.168.1.1")
	d.login.user.SetText("root")
	test.Type(d.login.password, pw)
	test.Tap(d.primary)
	waitRun(t, d.frame)

	n := cam.Snapshot().Network
	if n.BootProto != "none" || n.IPAddress != "192.168.1.40" || n.DefaultRouter != "192.168.1.1" {
		t.Errorf("the camera now has %+v", n)
	}
	if !strings.Contains(d.problem.Text.Text, "answers at its new address") || !strings.Contains(d.problem.Text.Text, "192.168.1.40") {
		t.Errorf("result %q / %q", d.problem.Text.Text, d.problem.Next.Text)
	}
	e := h.journal().all()
	if len(e) != 1 || e[0].Action != journal.SetIP || e[0].Outcome != journal.Done || e[0].Detail != "192.168.1.40/24 gw 192.168.1.1" || e[0].User != "root" {
		t.Errorf("journal %+v", e)
	}
	if h.RefreshCount() == 0 {
		t.Error("the camera list was not refreshed")
	}
	test.Tap(d.cancel)
	if d.login.password.Text != "" {
		t.Error("the password is still in the closed dialog")
	}
}

func TestAssignIPSaysSoWhenAnotherDeviceAnswersAtTheNewAddress(t *testing.T) {
	h := newFakeHost(t)
	ours := &fakeClient{identify: func(context.Context) (vapix.Identity, error) {
		return vapix.Identity{MAC: "ACCC8E000010"}, nil
	}}
	other := &fakeClient{identify: func(context.Context) (vapix.Identity, error) {
		return vapix.Identity{MAC: "00408C999999"}, nil
	}}
	h.connectTo(func(_ context.Context, t workflow.Target, _ workflow.ConnectOptions) (workflow.Client, error) {
		if t.Host == "192.168.1.20" {
			return ours, nil
		}
		return other, nil
	})
	d := openAssignIP(t, h, cameraAt("ACCC8E000010", "192.168.1.20"))
	d.knock = thisMachineOnly(t, 1)
	d.followFor = 200 * time.Millisecond
	typeAddress(d, "192.168.1.41")
	test.Type(d.login.password, "Admin-Pass-1")
	test.Tap(d.primary)
	waitRun(t, d.frame)

	if !strings.Contains(d.problem.Text.Text, "has not answered at 192.168.1.41 yet") || !strings.Contains(d.problem.Next.Text, "searching again") {
		t.Errorf("result %q / %q", d.problem.Text.Text, d.problem.Next.Text)
	}
}

func TestAssignIPWithDHCPFindsTheCameraWhereDiscoveryHearsIt(t *testing.T) {
	h := newFakeHost(t)
	disc := &fakes.Discoverer{}
	h.B.Discovery = disc
	cam := cameraAt("ACCC8E000010", "192.168.1.20")
	fc := &fakeClient{
		identify: func(context.Context) (vapix.Identity, error) { return vapix.Identity{MAC: cam.MAC}, nil },
		setNetwork: func(ctx context.Context, cfg vapix.NetworkConfig) error {
			if !cfg.DHCP {
				t.Errorf("sent %+v, want DHCP", cfg)
			}
			moved := cameraAt(cam.MAC, "192.168.1.133")
			moved.LastSeen = time.Now().Add(time.Minute)
			h.SetCameras(moved) // the window hears of the camera at its new address
			return nil
		},
	}
	h.connectTo(connectFake(fc))
	d := openAssignIP(t, h, cam)
	test.Tap(d.mode.Buttons[1])
	if d.static.Visible() {
		t.Error("the fixed-address fields stay visible for DHCP")
	}
	test.Type(d.login.password, "Admin-Pass-1")
	test.Tap(d.primary)
	waitRun(t, d.frame)

	if !strings.Contains(d.problem.Text.Text, "192.168.1.133") {
		t.Errorf("result %q / %q", d.problem.Text.Text, d.problem.Next.Text)
	}
	if e := h.journal().all(); len(e) != 1 || e[0].Detail != "dhcp" {
		t.Errorf("journal %+v", e)
	}
}

func TestAssignIPAsksForTheSubnetMaskAsOnARoutersPageAndSaysWhichAddressesItMeans(t *testing.T) {
	h := newFakeHost(t)
	d := openAssignIP(t, h, cameraAt("ACCC8E000010", "192.168.1.20"))
	d.knock = thisMachineOnly(t, 1)

	if d.mask.Text != "255.255.255.0" {
		t.Errorf("the mask starts as %q, not as a router shows it", d.mask.Text)
	}
	screen := uitest.OverlayTexts(h.Win)
	for _, jargon := range []string{"Prefix length", "192.168.1.0/24"} {
		if strings.Contains(screen, jargon) {
			t.Errorf("the dialog shows %q:\n%s", jargon, screen)
		}
	}
	for _, c := range []struct {
		typed, network, term string
		bits                 int
	}{
		{"255.255.255.0", "The camera's network: addresses starting with 192.168.1.", "subnet mask /24", 24},
		{"/24", "The camera's network: addresses starting with 192.168.1.", "subnet mask /24", 24},
		{"24", "The camera's network: addresses starting with 192.168.1.", "subnet mask /24", 24},
		{"255.255.0.0", "The camera's network: addresses starting with 192.168.", "subnet mask /16", 16},
		{"255.255.255.128", "The camera's network: addresses 192.168.1.0 to 192.168.1.127", "subnet mask /25", 25},
		{"/23", "The camera's network: addresses 192.168.0.0 to 192.168.1.255", "subnet mask /23", 23},
	} {
		d.mask.SetText(c.typed)
		cfg, _, maskErr, _, _ := d.config()
		if maskErr != "" || cfg.Address.Bits() != c.bits {
			t.Errorf("%q: read as /%d (%q), want /%d", c.typed, cfg.Address.Bits(), maskErr, c.bits)
		}
		if !d.network.Visible() || d.network.Text != c.network {
			t.Errorf("%q: the network is described as %q (shown %v), want %q", c.typed, d.network.Text, d.network.Visible(), c.network)
		}
		if !d.maskTerm.Visible() || d.maskTerm.Text != c.term || d.maskTerm.SizeName != theme.SizeNameCaptionText {
			t.Errorf("%q: the installers' term is %q (shown %v, size %q), want %q in small type", c.typed, d.maskTerm.Text, d.maskTerm.Visible(), d.maskTerm.SizeName, c.term)
		}
	}
	for _, bad := range []string{"255.0.255.0", "0.0.0.0", "33", "/0", "255.255.255"} {
		d.mask.SetText(bad)
		if !d.maskReason.Visible() || !strings.Contains(d.maskReason.Text, "255.255.255.0") || !d.primary.Disabled() {
			t.Errorf("%q: reason %q, Apply disabled %v", bad, d.maskReason.Text, d.primary.Disabled())
		}
		if d.network.Visible() || d.maskTerm.Visible() {
			t.Errorf("%q: still described as %q / %q", bad, d.network.Text, d.maskTerm.Text)
		}
	}
}
