package window

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/handover"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
	"github.com/openipu/openipu/gui/widgets"
)

// handoverBackend is a world whose handovers are kept in dir, with the
// workflows' recorder ticking the open one.
func handoverBackend(d backend.Discoverer, dir string) *backend.Backend {
	b := &backend.Backend{Handovers: handover.NewStore(dir), Handover: &handover.Active{}}
	b.Env.Journal = handover.Recorders{b.Handover}
	fakes.UseSearch(b, d)
	return b
}

// overlayEntry is the text field on top whose placeholder contains hint.
func (w *testWindow) overlayEntry(t *testing.T, hint string) *widgets.EscEntry {
	t.Helper()
	var found *widgets.EscEntry
	uitest.WalkShown(w.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if e, ok := o.(*widgets.EscEntry); ok && strings.Contains(e.PlaceHolder, hint) {
			found = e
		}
	})
	if found == nil {
		t.Fatalf("no field %q in the dialog on top:\n%s", hint, uitest.OverlayTexts(w.win))
	}
	return found
}

// tapText taps the shown button labelled text in o.
func tapText(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	var found fyne.Tappable
	uitest.WalkShown(o, func(c fyne.CanvasObject) {
		switch b := c.(type) {
		case *widgets.EscButton:
			if b.Text == text {
				found = b
			}
		case *widget.Button:
			if b.Text == text {
				found = b
			}
		}
	})
	if found == nil {
		t.Fatalf("no button %q among:\n%s", text, strings.Join(uitest.Texts(o), " | "))
	}
	test.Tap(found)
}

func TestAHandoverStartedInTheWindowTicksItselfAndIsThereAfterARestart(t *testing.T) {
	dir := t.TempDir()
	d := &fakes.Discoverer{}
	w := newTestWindowOn(t, handoverBackend(d, dir))
	d.Send(discovery.Added, fleetOfFive()...)
	w.waitRows(t, 5)
	if !strings.Contains(w.site.site.Text, "No handover open") || !w.site.start.Visible() {
		t.Fatalf("site bar without a handover: %q", w.site.site.Text)
	}

	test.Tap(w.site.start)
	w.ui.Drain()
	test.Type(w.overlayEntry(t, "Östra"), "Östra Hamngatan 7, block B")
	test.Type(w.overlayEntry(t, "your name"), "Anna Müller")
	tapText(t, w.win.Canvas().Overlays().Top(), "Start")
	// Four cameras are on the network now; the lost one is not added.
	w.ui.Until(t, "the open handover has the four cameras found", func() bool {
		return w.ho.shown != nil && len(w.ho.shown.Cameras) == 4
	})
	if w.site.site.Text != "Östra Hamngatan 7, block B" || w.site.count != "0 of 4 cameras handed over" {
		t.Errorf("site bar %q / %q", w.site.site.Text, w.site.count)
	}
	if _, ok := w.ho.shown.Camera("00408C000005"); ok {
		t.Error("a camera not heard from was added")
	}

	// A workflow's record ticks the camera's step, as set-password does.
	const mac = "ACCC8E000003"
	err := w.Backend().Env.Journal.Append(journal.Entry{
		Action: journal.SetPassword, Outcome: journal.Done, User: "admin",
		Camera: journal.Camera{MAC: mac, Model: "AXIS M1075-L", Firmware: "11.11.192", Host: "10.0.4.103"},
	})
	if err != nil {
		t.Fatal(err)
	}
	w.ui.Until(t, "the checklist column counts the password", func() bool {
		return w.rows.checklistCell(mac) == "3 of 7 steps"
	})

	w.selectMAC(mac)
	w.ui.Drain()
	if !w.details.checklist.card.Visible() {
		t.Fatal("the details show no checklist")
	}
	texts := strings.Join(uitest.Texts(w.details.checklist.card), " | ")
	for _, want := range []string{"Password set and verified", "user admin", "4 steps still open."} {
		if !strings.Contains(texts, want) {
			t.Errorf("checklist lacks %q:\n%s", want, texts)
		}
	}

	// The snapshot was taken with another tool: ticked by hand, with a
	// note, which is required.
	w.openMarkDone(t, handover.Snapshot)
	tapText(t, w.win.Canvas().Overlays().Top(), "Mark done")
	w.ui.Until(t, "the missing note is explained", func() bool {
		return strings.Contains(uitest.OverlayTexts(w.win), "needs a note")
	})
	test.Type(w.overlayEntry(t, "control button"), "taken with the camera's web page")
	tapText(t, w.win.Canvas().Overlays().Top(), "Mark done")
	w.ui.Until(t, "the snapshot step is ticked by hand", func() bool {
		c, _ := w.ho.shown.Camera(mac)
		return c.Tick(handover.Snapshot).Manual && c.Tick(handover.Snapshot).Note == "taken with the camera's web page"
	})

	// The next start opens the same handover as it was.
	d2 := &fakes.Discoverer{}
	again := newTestWindowOn(t, handoverBackend(d2, dir))
	again.ui.Until(t, "the last handover is open again", func() bool { return again.ho.shown != nil })
	c, _ := again.ho.shown.Camera(mac)
	if again.ho.shown.HandedOverBy != "Anna Müller" || !c.Tick(handover.Password).Done || !c.Tick(handover.Snapshot).Done {
		t.Errorf("reopened handover lost something: %+v", c)
	}
}

// openMarkDone taps "Mark done…" on step's row of the selected camera.
func (w *testWindow) openMarkDone(t *testing.T, step handover.Step) {
	t.Helper()
	idx := -1
	for i, s := range handover.Steps {
		if s == step {
			idx = i
		}
	}
	row := w.details.checklist.rows.Objects[idx]
	tapText(t, row, "Mark done…")
	w.ui.Drain()
}
