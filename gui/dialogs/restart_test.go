package dialogs

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/gui/internal/uitest"
)

func TestRestartOnASimulatedCameraWaitsUntilItIsBack(t *testing.T) {
	h := newFakeHost(t)
	const pw = "Harbor-Signal-64"
	cam := startSim(t, camsim.Config{Generation: camsim.Gen12, Admin: &camsim.Account{User: "admin", Password: pw}})
	h.connectTo(connectSims(cam))
	d := newRestartDialog(h, simDevice(cam))
	d.show(d.login.password)
	d.login.user.SetText("admin")
	test.Type(d.login.password, pw)
	bootBefore := cam.Snapshot().BootID
	test.Tap(d.primary)
	waitRun(t, d.frame)

	s := cam.Snapshot()
	if s.LastReset != "restart" || s.BootID == bootBefore || !s.Online {
		t.Errorf("camera: last reset %q, new boot %v, online %v", s.LastReset, s.BootID != bootBefore, s.Online)
	}
	if !strings.Contains(d.problem.Text.Text, "has restarted and is back") {
		t.Errorf("result %q / %q", d.problem.Text.Text, d.problem.Next.Text)
	}
	e := h.journal().all()
	if len(e) != 1 || e[0].Action != journal.Restart || e[0].Outcome != journal.Done || e[0].User != "admin" {
		t.Errorf("journal %+v", e)
	}
	raw, _ := json.Marshal(e)
	noSecret(t, "the journal", string(raw), pw)
	test.Tap(d.cancel)
	noSecret(t, "the closed dialog", strings.Join(uitest.Texts(d.content), "\n"), pw)
}

func TestRestartShowsReadableProgressWhileTheCameraIsAway(t *testing.T) {
	h := newFakeHost(t)
	var seen []string
	fc := &fakeClient{wait: func(ctx context.Context, progress func(vapix.RebootProgress)) (vapix.SystemReady, error) {
		return vapix.SystemReady{}, nil
	}}
	h.connectTo(connectFake(fc))
	d := newRestartDialog(h, readyDevice("ACCC8E000020"))
	fc.wait = func(ctx context.Context, progress func(vapix.RebootProgress)) (vapix.SystemReady, error) {
		for _, p := range []vapix.RebootPhase{vapix.RebootWaitingToGoDown, vapix.RebootDown, vapix.RebootBooting} {
			progress(vapix.RebootProgress{Phase: p, Elapsed: 12e9})
			// Read once what progress said is on screen: after it, on the
			// Fyne goroutine.
			d.h.Do(func() { seen = append(seen, d.status.Text) })
		}
		return vapix.SystemReady{Ready: true}, nil
	}
	d.show(d.login.password)
	test.Type(d.login.password, "Admin-Pass-1")
	test.Tap(d.primary)
	waitRun(t, d.frame)

	want := []string{"still answering", "off the network", "starting up"}
	if len(seen) != len(want) {
		t.Fatalf("progress lines %q", seen)
	}
	for i, w := range want {
		if !strings.Contains(seen[i], w) || !strings.Contains(seen[i], "(12 s)") {
			t.Errorf("progress %d: %q, want it to say %q and the seconds", i, seen[i], w)
		}
	}
}

func TestRestartExplainsAWrongPasswordAndDoesNotRestart(t *testing.T) {
	h := newFakeHost(t)
	cam := startSim(t, camsim.Config{Generation: camsim.Gen10, Admin: &camsim.Account{User: "root", Password: "right-one"}})
	h.connectTo(connectSims(cam))
	d := newRestartDialog(h, simDevice(cam))
	d.show(d.login.password)
	if d.login.user.Text != "root" {
		t.Errorf("a 10.12 camera: user name %q, want root", d.login.user.Text)
	}
	test.Type(d.login.password, "wrong-one")
	test.Tap(d.primary)
	waitRun(t, d.frame)
	if !strings.Contains(d.problem.Text.Text, "did not accept that user name and password") || cam.Snapshot().Resets != 0 {
		t.Errorf("problem %q, resets %d", d.problem.Text.Text, cam.Snapshot().Resets)
	}
	if d.primary.Disabled() {
		t.Error("cannot try again after a wrong password")
	}
}
