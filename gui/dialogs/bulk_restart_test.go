package dialogs

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/internal/uitest"
)

func TestBulkRestartReportsTheCameraWithAnotherPasswordAndRestartsTheOthers(t *testing.T) {
	h := newFakeHost(t)
	const pw, other = "Harbor-Signal-64", "Lantern-Moss-12"
	sims := []*camsim.Camera{
		startSim(t, camsim.Config{Generation: camsim.Gen12, Admin: &camsim.Account{User: "admin", Password: pw}}),
		startSim(t, camsim.Config{Generation: camsim.Gen12, Admin: &camsim.Account{User: "admin", Password: other}}),
		startSim(t, camsim.Config{Generation: camsim.Gen11, Admin: &camsim.Account{User: "admin", Password: pw}}),
	}
	h.connectTo(connectSims(sims...))
	var cams []discovery.Device
	boots := map[string]string{}
	for _, s := range sims {
		cams = append(cams, simDevice(s))
		boots[s.MAC()] = s.Snapshot().BootID
	}
	d := newBulkRestartDialog(h, cams)
	d.show(d.login.password)
	if d.primary.Text != "Restart 3 cameras" || !strings.Contains(d.intro.Text, "these 3 cameras") {
		t.Errorf("button %q, intro %q", d.primary.Text, d.intro.Text)
	}
	d.login.user.SetText("admin")
	test.Type(d.login.password, pw)
	test.Tap(d.primary)
	waitRun(t, d.frame)

	for i, s := range sims {
		restarted := s.Snapshot().BootID != boots[s.MAC()]
		if restarted != (i != 1) {
			t.Errorf("camera %d restarted: %v", i, restarted)
		}
		if !h.WasBusy(s.MAC()) || h.IsBusy(s.MAC()) {
			t.Errorf("camera %d: busy while worked on %v, still busy %v", i, h.WasBusy(s.MAC()), h.IsBusy(s.MAC()))
		}
	}
	if d.rows[0].status.Text != "Back" || d.rows[2].status.Text != "Back" {
		t.Errorf("rows say %q and %q", d.rows[0].status.Text, d.rows[2].status.Text)
	}
	if d.rows[1].state != rowFailed || d.rows[1].status.Text != "Wrong password" || !strings.Contains(d.rows[1].detail.Text, "did not accept") {
		t.Errorf("the camera with another password: %q / %q", d.rows[1].status.Text, d.rows[1].detail.Text)
	}
	if d.status.Text != "" {
		t.Errorf("progress line left at %q", d.status.Text)
	}
	if !strings.Contains(d.problem.Text.Text, "2 of 3 cameras restarted") || d.primary.Text != "Try again for 1 camera" || !d.primary.Visible() {
		t.Errorf("summary %q, button %q", d.problem.Text.Text, d.primary.Text)
	}
	if h.RefreshCount() == 0 {
		t.Error("the camera list was not refreshed")
	}

	// The one that refused gets its own password; only it is tried again.
	d.login.password.SetText("")
	test.Type(d.login.password, other)
	boots[sims[0].MAC()] = sims[0].Snapshot().BootID
	test.Tap(d.primary)
	waitRun(t, d.frame)
	if d.rows[1].status.Text != "Back" || sims[0].Snapshot().BootID != boots[sims[0].MAC()] {
		t.Errorf("retry: row %q, first camera restarted again %v", d.rows[1].status.Text, sims[0].Snapshot().BootID != boots[sims[0].MAC()])
	}
	if !strings.Contains(d.problem.Text.Text, "All 3 cameras have restarted") || d.primary.Visible() {
		t.Errorf("after the retry: %q, button shown %v", d.problem.Text.Text, d.primary.Visible())
	}
	restarts := 0
	for _, e := range h.journal().all() {
		if e.Action == journal.Restart && e.Outcome == journal.Done {
			restarts++
		}
	}
	if restarts != 3 {
		t.Errorf("journal has %d restarts, want 3", restarts)
	}
	test.Tap(d.cancel)
	if d.login.password.Text != "" {
		t.Error("the password is still in the closed dialog")
	}
	noSecret(t, "the closed dialog", strings.Join(uitest.Texts(d.content), "\n"), other)
}

func TestRestartCamerasWithOneCameraOpensTheSingleCameraDialog(t *testing.T) {
	h := newFakeHost(t)
	cam := readyDevice("ACCC8E000020")
	RestartCameras(h, []discovery.Device{cam})
	if got := uitest.OverlayTexts(h.Win); !strings.Contains(got, "Its settings are kept") || strings.Contains(got, "Restart 1 camera") {
		t.Errorf("dialog shows %q", got)
	}
}

func TestBulkRestartInTheOfficeBringsEveryCameraBack(t *testing.T) {
	h := newFakeHost(t)
	b := demoOffice(t, h)
	const pw = "Willow-Quarry-27"
	cams := []discovery.Device{
		officeCamera(t, b, "ACCC8E7A1001", "10.0.4.101", camsim.Gen12, pw),
		officeCamera(t, b, "ACCC8E7A1002", "10.0.4.102", camsim.Gen11, pw),
	}
	d := newBulkRestartDialog(h, cams)
	d.show(d.login.password)
	d.login.user.SetText("admin")
	test.Type(d.login.password, pw)
	test.Tap(d.primary)
	waitRun(t, d.frame)
	for _, r := range d.rows {
		if r.state != rowDone {
			t.Errorf("%s: %q / %q", r.cam.MAC, r.status.Text, r.detail.Text)
		}
	}
	if !strings.Contains(d.problem.Text.Text, "All 2 cameras have restarted and are back") {
		t.Errorf("summary %q", d.problem.Text.Text)
	}
}

func TestBulkRestartStoppedLeavesTheCamerasNotYetReachedUntouched(t *testing.T) {
	h := newFakeHost(t)
	fc := &fakeClient{restart: func(ctx context.Context) error {
		<-ctx.Done()
		return &vapix.Error{Kind: vapix.Canceled, Op: "restart", Err: ctx.Err()}
	}}
	h.connectTo(connectFake(fc))
	var cams []discovery.Device
	for _, mac := range []string{"ACCC8E000051", "ACCC8E000052", "ACCC8E000053", "ACCC8E000054", "ACCC8E000055", "ACCC8E000056"} {
		cams = append(cams, readyDevice(mac))
	}
	d := newBulkRestartDialog(h, cams)
	d.show(d.login.password)
	test.Type(d.login.password, "Admin-Pass-1")
	test.Tap(d.primary)
	h.UI.UntilWithin(t, time.Minute, "four cameras are asked to restart", func() bool {
		return countCalls(fc, "Restart") == bulkParallel
	})
	if h.IsBusy(cams[5].MAC) {
		t.Error("a camera waiting its turn is already marked busy")
	}
	test.Tap(d.cancel)
	waitRun(t, d.frame)
	for i, r := range d.rows {
		if r.state != rowStopped {
			t.Errorf("camera %d: %q", i, r.status.Text)
		}
		if h.IsBusy(r.cam.MAC) {
			t.Errorf("camera %d is still marked busy", i)
		}
	}
	if countCalls(fc, "Restart") != bulkParallel {
		t.Errorf("%d cameras asked to restart after Stop", countCalls(fc, "Restart"))
	}
	if d.rows[5].status.Text != "Stopped: not sent" || d.primary.Text != "Try again for 6 cameras" {
		t.Errorf("last row %q, button %q", d.rows[5].status.Text, d.primary.Text)
	}
}

func countCalls(fc *fakeClient, what string) int {
	n := 0
	for _, c := range fc.callList() {
		if c == what {
			n++
		}
	}
	return n
}

// Cameras reached without encryption: the question is asked once for the
// whole run, not once per camera, and the answer holds for all of them.
func TestBulkRestartAsksOnceWhetherToGoOnWithoutEncryption(t *testing.T) {
	h := newFakeHost(t)
	const pw = "Harbor-Signal-64"
	sims := []*camsim.Camera{
		startSim(t, camsim.Config{Generation: camsim.Gen12, Admin: &camsim.Account{User: "admin", Password: pw}}),
		startSim(t, camsim.Config{Generation: camsim.Gen11, Admin: &camsim.Account{User: "admin", Password: pw}}),
		startSim(t, camsim.Config{Generation: camsim.Gen12, Admin: &camsim.Account{User: "admin", Password: pw}}),
	}
	// Reached over plain HTTP, as a camera that offers no HTTPS is.
	h.connectTo(func(_ context.Context, t workflow.Target, _ workflow.ConnectOptions) (workflow.Client, error) {
		for _, s := range sims {
			if s.MAC() == t.MAC {
				return vapix.New(s.HTTPURL(), vapix.Options{Serial: s.MAC()})
			}
		}
		return vapix.New("http://127.0.0.1:1", vapix.Options{Timeout: time.Second})
	})
	var cams []discovery.Device
	boots := map[string]string{}
	for _, s := range sims {
		cams = append(cams, simDevice(s))
		boots[s.MAC()] = s.Snapshot().BootID
	}
	d := newBulkRestartDialog(h, cams)
	d.show(d.login.password)
	d.login.user.SetText("admin")
	test.Type(d.login.password, pw)
	test.Tap(d.primary)

	questions := 0
	for d.running {
		h.UI.UntilWithin(t, time.Minute, "a question, or the end of the run", func() bool {
			return !d.running || strings.Contains(uitest.TopTexts(h.Win), "does not offer an encrypted connection")
		})
		if !d.running {
			break
		}
		questions++
		if !strings.Contains(uitest.TopTexts(h.Win), "holds for every camera of this run") {
			t.Errorf("the question does not say its answer holds for the run:\n%s", uitest.TopTexts(h.Win))
		}
		pressButton(t, h.Win, "Send without encryption")
	}
	if questions != 1 {
		t.Errorf("asked %d times whether to go on without encryption, want once for the run", questions)
	}
	for i, s := range sims {
		if s.Snapshot().BootID == boots[s.MAC()] {
			t.Errorf("camera %d was not restarted after the one yes", i)
		}
	}
}

// pressButton taps the button labelled text on the dialog on top of w.
func pressButton(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	var found *widget.Button
	uitest.WalkShown(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no %q button on top:\n%s", text, uitest.TopTexts(w))
	}
	test.Tap(found)
}
