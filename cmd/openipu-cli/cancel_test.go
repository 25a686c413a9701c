package main

import (
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/journal"
)

func TestCtrlCWhileWaitingForTheCameraStopsCleanly(t *testing.T) {
	// Down long enough that only the cancel can end the wait.
	cam, err := camsim.New(camsim.Config{Generation: camsim.Gen11, ResetDowntime: time.Minute, Admin: admin()})
	if err != nil {
		t.Fatal(err)
	}
	if err := cam.Start(); err != nil {
		t.Fatal(err)
	}
	defer cam.Close()

	h := newHarness(t)
	h.stdin = adminPassword + "\n"
	h.cancelWhen = "Waiting for the camera"
	r := h.run("restart", hostOf(cam), "--user", "root")
	if r.code != exitFailed {
		t.Fatalf("exit %d, want %d", r.code, exitFailed)
	}
	if !strings.Contains(r.stderr, "Nothing more will be sent") || !strings.Contains(r.stderr, "already accepted the restart") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if st := cam.Snapshot(); st.Resets != 1 {
		t.Errorf("resets %d, want 1", st.Resets)
	}
	if es := h.entries(); len(es) != 1 || es[0].Action != journal.Restart || es[0].Outcome != journal.Done {
		t.Errorf("journal: %+v", es)
	}
}

func TestCtrlCAtThePasswordPromptSendsNothing(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, admin())
	h := newHarness(t)
	h.terminal = true // and nothing is typed
	h.cancelWhen = "Password for root"
	r := h.run("factory-default", hostOf(cam), "--mode", "hard", "--yes", "--user", "root", "--no-backup")
	if r.code != exitFailed {
		t.Fatalf("exit %d, want %d", r.code, exitFailed)
	}
	if !strings.Contains(r.stderr, "Nothing more will be sent") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if st := cam.Snapshot(); st.Resets != 0 || st.FailedLogins != 0 {
		t.Errorf("the camera was touched: %+v", st)
	}
	for _, e := range h.entries() {
		if e.Outcome != journal.Canceled {
			t.Errorf("journal: %+v", e)
		}
	}
}
