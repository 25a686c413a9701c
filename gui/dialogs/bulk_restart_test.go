package dialogs

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/journal"
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
	if d.rows[0].status.Text != "Back ✓" || d.rows[2].status.Text != "Back ✓" {
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
	if d.rows[1].status.Text != "Back ✓" || sims[0].Snapshot().BootID != boots[sims[0].MAC()] {
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
