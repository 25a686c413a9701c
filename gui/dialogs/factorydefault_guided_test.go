package dialogs

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/gui/internal/uitest"
)

func TestAWrongPasswordInFactoryDefaultOffersTheGuidedResetForThisCamera(t *testing.T) {
	h := newFakeHost(t)
	cam := startSim(t, camsim.Config{Generation: camsim.Gen11, Admin: &camsim.Account{User: "root", Password: "the-right-one"}})
	h.connectTo(connectSims(cam))
	d := openFactoryDefault(t, h, simDevice(cam))
	if slices.Contains(d.buttons.Objects, fyne.CanvasObject(d.guidedReset)) {
		t.Fatal("the guided reset is offered before anything went wrong")
	}
	test.Type(d.login.password, "the-wrong-one")
	test.Tap(d.primary)
	waitRun(t, d.frame)
	if !slices.Contains(d.buttons.Objects, fyne.CanvasObject(d.guidedReset)) || d.guidedReset.Text != "Guided factory reset…" {
		t.Fatalf("after a wrong password the buttons are %d, without the guided reset", len(d.buttons.Objects))
	}
	test.Tap(d.guidedReset)
	got := h.GuidedResets()
	if len(got) != 1 || got[0].MAC != cam.MAC() {
		t.Fatalf("the guided reset opened for %+v", got)
	}
	if !d.closed {
		t.Error("the factory-default dialog stayed open under the guided reset")
	}
}

// hostWithoutGuidedReset is a window that cannot open the guided reset.
type hostWithoutGuidedReset struct {
	Host
	ui *uitest.Loop
}

func (h hostWithoutGuidedReset) loop() *uitest.Loop { return h.ui }

func TestFactoryDefaultOffersNoGuidedResetWhereTheWindowHasNone(t *testing.T) {
	fh := newFakeHost(t)
	cam := startSim(t, camsim.Config{Generation: camsim.Gen11, Admin: &camsim.Account{User: "root", Password: "the-right-one"}})
	fh.connectTo(connectSims(cam))
	d := newFactoryDefaultDialog(hostWithoutGuidedReset{fh.Host, fh.UI}, simDevice(cam))
	d.show(d.login.password)
	test.Type(d.login.password, "the-wrong-one")
	test.Tap(d.primary)
	waitRun(t, d.frame)
	if slices.Contains(d.buttons.Objects, fyne.CanvasObject(d.guidedReset)) {
		t.Error("a button is offered that leads nowhere")
	}
}
