package dialogs

import (
	"context"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/demo"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/workflow"
)

// demoOffice is the simulated office as the dialogs' world: its cameras,
// its "already answers" check and its computer.
func demoOffice(t *testing.T, h *fakeHost) *backend.Backend {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	b, err := demo.NewBackend(ctx, demo.Options{ComeAndGo: -1, ResetDowntime: 300 * time.Millisecond})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		b.Shutdown()
	})
	local, _ := b.Interfaces()
	h.Local = local
	h.Edit(func(hb *backend.Backend) {
		hb.Env.Connect, hb.AddressInUse = b.Env.Connect, b.AddressInUse
	})
	return b
}

// officeCamera is one of the office's new cameras as the list shows it,
// given its first administrator.
func officeCamera(t *testing.T, b *backend.Backend, mac, at string, gen camsim.Generation, pw string) discovery.Device {
	t.Helper()
	d := discovery.Device{MAC: mac, Serial: mac, Model: "AXIS Q1961-TE", Firmware: gen.FirmwareVersion(), Addresses: []netip.Addr{netip.MustParseAddr(at)}, Setup: discovery.SetupNeeded}
	res := workflow.SetPassword(context.Background(), b.Env, workflow.TargetOf(d), workflow.PasswordRequest{User: "admin", Password: workflow.Password(pw)}, nil)
	if res.Err != nil {
		t.Fatalf("first password on %s: %v", mac, res.Err)
	}
	d.Setup = discovery.SetupDone
	return d
}

func TestAssignRangeInTheOfficePreviewsAPlanSkippingWhatAnswersAndEachCameraAnswersAtItsPlannedAddress(t *testing.T) {
	h := newFakeHost(t)
	b := demoOffice(t, h)
	const pw = "Cobalt-Finch-31"
	cams := []discovery.Device{
		officeCamera(t, b, "ACCC8E7A1002", "10.0.4.102", camsim.Gen11, pw),
		officeCamera(t, b, "ACCC8E7A1001", "10.0.4.101", camsim.Gen12, pw),
	}
	d := newAssignRangeDialog(h, cams)
	d.followFor, d.followEvery = 20*time.Second, 50*time.Millisecond
	d.show(d.start)
	if d.start.Text != "10.0.4.103" || d.mask.Text != "255.255.255.0" || d.gateway.Text != "10.0.4.1" {
		t.Errorf("suggested %q %q %q", d.start.Text, d.mask.Text, d.gateway.Text)
	}
	if d.maskWords.Text != "Addresses starting with 10.0.4." || d.maskTech.Text != "/24 prefix" {
		t.Errorf("the mask is explained as %q / %q", d.maskWords.Text, d.maskTech.Text)
	}
	if !d.skipAnswering.Checked || !d.primary.Disabled() {
		t.Errorf("skip answering %v; Apply enabled before a preview: %v", d.skipAnswering.Checked, !d.primary.Disabled())
	}
	test.Tap(d.order.Buttons[orderMAC])
	test.Tap(d.previewButton)
	waitRun(t, d.frame)

	if d.plan == nil || len(d.rows) != 2 {
		t.Fatalf("no plan: %q", d.problem.Text.Text)
	}
	if d.rows[0].cam.MAC != "ACCC8E7A1001" {
		t.Errorf("by MAC, %s comes first", d.rows[0].cam.MAC)
	}
	if !strings.Contains(d.skipped.Text, "10.0.4.103: something already answers") {
		t.Errorf("passed over: %q", d.skipped.Text)
	}
	var targets []netip.Addr
	for _, r := range d.rows {
		if b.AddressInUse(context.Background(), r.target) || !strings.Contains(r.status.Text, r.target.String()) {
			t.Errorf("planned %s, which answers, row %q", r.target, r.status.Text)
		}
		targets = append(targets, r.target)
	}
	if !targets[0].Less(targets[1]) || !netip.MustParseAddr("10.0.4.103").Less(targets[0]) {
		t.Errorf("planned %v", targets)
	}
	if calls := len(h.journal().all()); calls != 0 {
		t.Errorf("the preview changed something: %d journal entries", calls)
	}

	d.login.user.SetText("admin")
	test.Type(d.login.password, pw)
	if d.primary.Disabled() || d.primary.Text != "Apply to 2 cameras" {
		t.Fatalf("Apply: disabled %v, %q", d.primary.Disabled(), d.primary.Text)
	}
	test.Tap(d.primary)
	waitRun(t, d.frame)

	for i, r := range d.rows {
		if r.state != rowDone || !b.AddressInUse(context.Background(), targets[i]) {
			t.Errorf("camera %s: row %q / %q; answers at %s: %v", r.cam.MAC, r.status.Text, r.detail.Text, targets[i], b.AddressInUse(context.Background(), targets[i]))
		}
	}
	for _, old := range []string{"10.0.4.101", "10.0.4.102"} {
		if b.AddressInUse(context.Background(), netip.MustParseAddr(old)) {
			t.Errorf("something still answers at the old address %s", old)
		}
	}
	if !strings.Contains(d.problem.Text.Text, "All 2 cameras answer at their new addresses") || d.primary.Visible() {
		t.Errorf("summary %q, Apply still shown %v", d.problem.Text.Text, d.primary.Visible())
	}
	if d.status.Text != "" || h.RefreshCount() == 0 {
		t.Errorf("progress %q, refreshes %d", d.status.Text, h.RefreshCount())
	}
	test.Tap(d.cancel)
	if d.login.password.Text != "" {
		t.Error("the password is still in the closed dialog")
	}
}

func TestAssignRangeStopsOnlyTheCameraWhoseAddressStartedAnsweringAfterThePreview(t *testing.T) {
	h := newFakeHost(t)
	const pw = "Meadow-Copper-19"
	var sims []*camsim.Camera
	var cams []discovery.Device
	for range 3 {
		s := startSim(t, camsim.Config{Generation: camsim.Gen12, Admin: &camsim.Account{User: "admin", Password: pw}})
		sims = append(sims, s)
		cams = append(cams, simDevice(s))
	}
	h.connectTo(connectSims(sims...))
	d := newAssignRangeDialog(h, cams)
	d.followFor, d.followEvery = 10*time.Second, 20*time.Millisecond
	var mu sync.Mutex
	intruder := netip.Addr{}
	d.inUse = func(_ context.Context, a netip.Addr) bool {
		mu.Lock()
		defer mu.Unlock()
		return a == intruder
	}
	d.show(d.start)
	if d.start.Text != "192.168.1.2" || d.gateway.Text != "192.168.1.1" {
		t.Errorf("suggested %q, gateway %q", d.start.Text, d.gateway.Text)
	}
	d.start.SetText("192.168.1.9")
	test.Tap(d.previewButton)
	waitRun(t, d.frame)
	if d.plan == nil {
		t.Fatalf("no plan: %q", d.problem.Text.Text)
	}
	if !strings.Contains(d.skipped.Text, "192.168.1.10: this computer") {
		t.Errorf("passed over: %q", d.skipped.Text)
	}
	mu.Lock()
	intruder = d.rows[1].target
	mu.Unlock()
	d.login.user.SetText("admin")
	test.Type(d.login.password, pw)
	test.Tap(d.primary)
	waitRun(t, d.frame)

	for i, s := range sims {
		n := s.Snapshot().Network
		if i == 1 {
			if n.BootProto == "none" && n.IPAddress == intruder.String() {
				t.Error("the camera was given the address that started answering")
			}
			if d.rows[1].state != rowFailed || d.rows[1].status.Text != "Address taken" {
				t.Errorf("its row: %q / %q", d.rows[1].status.Text, d.rows[1].detail.Text)
			}
			continue
		}
		if n.IPAddress != d.rows[i].target.String() || n.DefaultRouter != "192.168.1.1" || d.rows[i].state != rowDone {
			t.Errorf("camera %d: %+v, row %q / %q", i, n, d.rows[i].status.Text, d.rows[i].detail.Text)
		}
	}
	if !strings.Contains(d.problem.Text.Text, "2 of 3 cameras answer") {
		t.Errorf("summary %q", d.problem.Text.Text)
	}
}

func TestAssignRangeSaysSoWhenTheRangeRunsOutAndCannotApply(t *testing.T) {
	h := newFakeHost(t)
	cams := []discovery.Device{cameraAt("ACCC8E000041", "192.168.1.41"), cameraAt("ACCC8E000042", "192.168.1.42"), cameraAt("ACCC8E000043", "192.168.1.43")}
	d := newAssignRangeDialog(h, cams)
	d.inUse = func(context.Context, netip.Addr) bool { return false }
	d.show(d.start)
	d.start.SetText("192.168.1.253")
	test.Type(d.login.password, "Admin-Pass-1")
	test.Tap(d.previewButton)
	waitRun(t, d.frame)
	if d.plan != nil || !d.primary.Disabled() {
		t.Error("a plan that runs out can be applied")
	}
	if !strings.Contains(d.problem.Text.Text, "not enough free addresses from 192.168.1.253 to 192.168.1.255: 2 of 3 cameras") {
		t.Errorf("problem %q / %q", d.problem.Text.Text, d.problem.Next.Text)
	}
	d.mask.SetText("/33")
	if !strings.Contains(d.maskReason.Text, "not a subnet mask") || !d.previewButton.Disabled() {
		t.Errorf("mask /33: %q, Preview disabled %v", d.maskReason.Text, d.previewButton.Disabled())
	}
}

func TestAssignRangeDropsThePreviewWhenTheFormChanges(t *testing.T) {
	h := newFakeHost(t)
	cams := []discovery.Device{cameraAt("ACCC8E000041", "192.168.1.41"), cameraAt("ACCC8E000042", "192.168.1.42")}
	d := newAssignRangeDialog(h, cams)
	d.inUse = func(context.Context, netip.Addr) bool { return false }
	d.show(d.start)
	test.Type(d.login.password, "Admin-Pass-1")
	test.Tap(d.previewButton)
	waitRun(t, d.frame)
	if d.plan == nil || d.primary.Disabled() {
		t.Fatal("no plan to apply")
	}
	test.Tap(d.order.Buttons[orderName])
	if d.plan != nil || !d.primary.Disabled() || !strings.Contains(d.planHint.Text, "Press Preview") {
		t.Errorf("after changing the order: plan kept %v, Apply disabled %v, hint %q", d.plan != nil, d.primary.Disabled(), d.planHint.Text)
	}
}

func TestAssignRangeAcceptsAStartOnTheGatewayOrTheNetworkAddressAndRefusesAGatewayElsewhere(t *testing.T) {
	h := newFakeHost(t)
	d := newAssignRangeDialog(h, []discovery.Device{cameraAt("ACCC8E000041", "192.168.1.41"), cameraAt("ACCC8E000042", "192.168.1.42")})
	d.show(d.start)
	for _, start := range []string{"192.168.1.1", "192.168.1.0", "192.168.1.200"} {
		d.start.SetText(start)
		if d.settingsWhy.Visible() || d.previewButton.Disabled() {
			t.Errorf("start %s: %q, Preview disabled %v", start, d.settingsWhy.Text, d.previewButton.Disabled())
		}
	}
	d.gateway.SetText("10.9.9.1")
	if !strings.Contains(d.settingsWhy.Text, "gateway is not on the camera's network") || !d.previewButton.Disabled() {
		t.Errorf("gateway elsewhere: %q, Preview disabled %v", d.settingsWhy.Text, d.previewButton.Disabled())
	}
}
