package gui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/demo"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/backend"
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
	d, err := backend.StartDemoWith(ctx, demo.Options{ComeAndGo: -1, ResetDowntime: 500 * time.Millisecond, Liveness: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	w := newTestWindow(t, d)
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

	wz := newResetWizard(w, cam)
	wz.pollEvery, wz.tickEvery = 20*time.Millisecond, time.Hour
	wz.show()
	defer wz.close()
	for wz.page < pageUnplug {
		wz.goNext()
	}
	if !wz.canSimulate() {
		t.Fatal("demo mode offers no simulated power switch")
	}
	wz.simulateUnplug()
	w.ui.Until(t, "the wizard sees the camera go offline", func() bool {
		return strings.Contains(wz.live.Text.Text, "went offline")
	})
	for wz.page < pageHold {
		wz.goNext()
	}
	wz.simulatePlug()
	wz.goNext()
	w.ui.Until(t, "the wizard sees the camera back in factory state", func() bool { return wz.page == pageBack })

	// The hand-over, as the wizard's Next makes it: Set password for the
	// camera as the list knows it now.
	if now, _ := w.Camera(cam.MAC); !now.NeedsSetup() {
		t.Fatalf("back, but not in factory state: %+v", now)
	}
	wz.goNext()
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
		return strings.Contains(topDialog(w.win), "Done ✓ verified")
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
