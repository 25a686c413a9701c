package gui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/demo"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/backend"
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
	wz.do, wz.pollEvery, wz.tickEvery = w.ui.do, 20*time.Millisecond, time.Hour
	wz.show()
	defer wz.close()
	for wz.page < pageUnplug {
		wz.goNext()
	}
	if !wz.canSimulate() {
		t.Fatal("demo mode offers no simulated power switch")
	}
	wz.simulateUnplug()
	w.ui.until(t, "the wizard sees the camera go offline", func() bool {
		return strings.Contains(wz.live.Text.Text, "went offline")
	})
	for wz.page < pageHold {
		wz.goNext()
	}
	wz.simulatePlug()
	wz.goNext()
	w.ui.until(t, "the wizard sees the camera back in factory state", func() bool { return wz.page == pageBack })

	// The hand-over: Set password for the camera as it is now.
	now := latestOf(w, cam)
	if !now.NeedsSetup() {
		t.Fatalf("back, but not in factory state: %+v", now)
	}
	sp := showSetPasswordAfterReset(w, []discovery.Device{now})
	res, err := sp.createAccount(ctx, w.Backend(), now, "caretaker", "Lost-and-found-2026")
	if err != nil || !res.Verified {
		t.Fatalf("setting the new password: %+v %v", res, err)
	}
	sp.close()
	w.Refresh() // what the dialog does when its run finishes
	w.ui.until(t, "the table shows the camera ready on the office network", func() bool {
		dev := w.rows.byMAC[cam.MAC]
		return dev.Setup == discovery.SetupDone && dev.Diagnosis.Reach == discovery.ReachOK && !dev.Lost
	})
}
