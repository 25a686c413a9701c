package dialogs

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/gui/internal/uitest"
	"github.com/openipu/openipu/gui/widgets"
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

func TestABackupThisComputerCannotOpenKeepsTheSuccessAndShowsItsFolderToCopy(t *testing.T) {
	h := newFakeHost(t)
	h.OpenFails = errors.New(`exec: "xdg-open": executable file not found in $PATH`)
	const pw = "Granite-Owl-58"
	cam := startSim(t, camsim.Config{Generation: camsim.Gen12, Admin: &camsim.Account{User: "admin", Password: pw}})
	h.connectTo(connectSims(cam))
	d := openFactoryDefault(t, h, simDevice(cam))
	d.login.user.SetText("admin")
	test.Type(d.login.password, pw)
	test.Tap(d.primary)
	waitRun(t, d.frame)
	success := d.problem.Text.Text
	if !strings.Contains(success, "needs a password now") || d.whereBox.Visible() {
		t.Fatalf("before opening: %q, folder shown %v", success, d.whereBox.Visible())
	}

	test.Tap(d.openBackup)
	if d.problem.Text.Text != success || d.problem.Kind != widgets.NoticeSuccess {
		t.Errorf("the failed open replaced the success with %q", d.problem.Text.Text)
	}
	folder := filepath.Dir(d.backupPath)
	if !d.whereBox.Visible() || d.wherePath.Text != folder || !d.wherePath.Selectable {
		t.Fatalf("folder shown %v as %q (selectable %v), want %q", d.whereBox.Visible(), d.wherePath.Text, d.wherePath.Selectable, folder)
	}
	if texts := strings.Join(uitest.Texts(d.content), "\n"); strings.Contains(texts, "xdg-open") {
		t.Error("the dialog shows the program's error text")
	}
	test.Tap(d.copyPath)
	if got := fyne.CurrentApp().Clipboard().Content(); got != folder {
		t.Errorf("Copy path put %q on the clipboard", got)
	}
}
