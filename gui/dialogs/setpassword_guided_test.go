package dialogs

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/camsim"
)

func TestSetPasswordOffersTheGuidedResetForACameraWhosePasswordNobodyKnows(t *testing.T) {
	h := newFakeHost(t)
	fresh := startSim(t, camsim.Config{Generation: camsim.Gen11})
	taken := startSim(t, camsim.Config{Generation: camsim.Gen12, Admin: &camsim.Account{User: "owner", Password: "old-secret-1"}})
	h.connectTo(connectSims(fresh, taken))
	d := openSetPassword(t, h, simDevice(fresh), simDevice(taken))
	for _, r := range d.rows {
		if r.guided.Visible() {
			t.Fatal("the guided reset is offered before anything went wrong")
		}
	}
	fillPasswords(d, "admin", "Lantern-Harbor-42")
	test.Tap(d.primary)
	waitRun(t, d.frame)

	ok, bad := d.rows[0], d.rows[1]
	if ok.guided.Visible() {
		t.Error("the camera that got its password is offered a reset")
	}
	if !bad.guided.Visible() || bad.guided.Text != "Guided factory reset…" {
		t.Fatalf("the camera with an unknown password: button shown %v, %q", bad.guided.Visible(), bad.reason.Text)
	}
	test.Tap(bad.guided)
	got := h.GuidedResets()
	if len(got) != 1 || got[0].MAC != taken.MAC() {
		t.Fatalf("the guided reset opened for %+v", got)
	}
	if !d.closed {
		t.Error("the set-password dialog stayed open under the guided reset")
	}
}
