package window

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/demo"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/internal/uitest"
	"github.com/openipu/openipu/gui/widgets"
)

// The "done when": in demo mode a newcomer follows the wizard for a
// simulated camera from "I lost the password" to "password set and on my
// network" without leaving the app. Here the simulated office is real (its
// cameras serve HTTP, its engine probes them), the plug is pulled and pushed
// back with the button held through the wizard's own Simulate buttons, and
// the password is set the way the wizard's hand-over sets it.
func TestDemoWizardTakesACameraWithALostPasswordToANewPasswordOnTheNetwork(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := newTestWindowOn(t, startOffice(t, ctx, demo.Options{ComeAndGo: -1, ResetDowntime: 500 * time.Millisecond, Liveness: 300 * time.Millisecond}))
	settledDemo(t, w)
	var cam discovery.Device
	for _, dev := range w.rows.byMAC {
		if dev.Setup == discovery.SetupDone && dev.Diagnosis.Reach == discovery.ReachOK {
			cam = dev
			break
		}
	}
	if cam.MAC == "" {
		t.Fatal("the simulated office has no set-up camera")
	}

	// The wizard as the user opens it for the camera chosen in the list,
	// and walks through it.
	w.tapRow(t, cam.MAC, 0)
	test.Tap(w.details.resetWizard)
	defer closeOverlays(w)
	nextUntil := func(heading string) {
		t.Helper()
		for !strings.Contains(shownDialog(w.win), heading) {
			next := dialogButton(t, w.win, "Next")
			if next.Disabled() {
				t.Fatalf("Next is disabled before %q:\n%s", heading, shownDialog(w.win))
			}
			test.Tap(next)
		}
	}
	nextUntil("Unplug the camera's power")
	test.Tap(dialogButton(t, w.win, "Simulate: unplug the camera"))
	w.ui.Until(t, "the wizard sees the camera go offline", func() bool {
		return strings.Contains(shownDialog(w.win), "went offline")
	})
	nextUntil("Hold the button down while you plug the power back in")
	test.Tap(dialogButton(t, w.win, "Simulate: plug it in holding the button"))
	test.Tap(dialogButton(t, w.win, "Next"))
	w.ui.UntilWithin(t, time.Minute, "the wizard sees the camera back in factory state", func() bool {
		return strings.Contains(shownDialog(w.win), "Your camera is back, in factory state")
	})

	// The hand-over, as the wizard's Next makes it: Set password for the
	// camera as the list knows it now.
	if now, _ := w.Camera(cam.MAC); !now.NeedsSetup() {
		t.Fatalf("back, but not in factory state: %+v", now)
	}
	test.Tap(dialogButton(t, w.win, "Set password…"))
	entries := dialogEntries(w.win) // name, password, repeat
	if len(entries) != 3 {
		t.Fatalf("the hand-over opened a dialog with %d fields:\n%s", len(entries), topDialog(w.win))
	}
	const pw = "Lost-and-found-2026"
	entries[0].SetText("caretaker")
	test.Type(entries[1], pw)
	test.Type(entries[2], pw)
	test.Tap(dialogButton(t, w.win, "Set password"))
	w.ui.UntilWithin(t, time.Minute, "the new password is set and checked by logging in", func() bool {
		return strings.Contains(topDialog(w.win), "Done · verified")
	})
	pressEscape(w.win)
	w.ui.Until(t, "the table shows the camera ready on the office network", func() bool {
		dev := w.rows.byMAC[cam.MAC]
		return dev.Setup == discovery.SetupDone && dev.Diagnosis.Reach == discovery.ReachOK && !dev.Lost
	})
}

// dialogEntries are the text fields of the dialog on top, in reading order.
func dialogEntries(w fyne.Window) []*widgets.EscEntry {
	var out []*widgets.EscEntry
	uitest.WalkShown(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if e, ok := o.(*widgets.EscEntry); ok {
			out = append(out, e)
		}
	})
	return out
}

// shownDialog is the text of every label shown on the dialog on top.
func shownDialog(w fyne.Window) string {
	return strings.Join(visibleTexts(w.Canvas().Overlays().Top()), "\n")
}
