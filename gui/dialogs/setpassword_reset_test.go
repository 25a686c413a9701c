package dialogs

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/workflow"
)

func TestANewCertificateAfterAResetNobodyWatchedIsAcceptedOnlyOnceTheUserSaysTheyResetIt(t *testing.T) {
	h := newFakeHost(t)
	cam := startSim(t, camsim.Config{Generation: camsim.Gen12, Admin: &camsim.Account{User: "owner", Password: "old-secret-1"}})
	connect := connectSims(cam)
	h.connectTo(connect)
	// The camera was met before: its certificate is remembered.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := connect(ctx, workflow.TargetOf(simDevice(cam)), workflow.ConnectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Identify(ctx); err != nil {
		t.Fatal(err)
	}
	c.Close()
	// Someone held its control button: factory settings and a new
	// certificate.
	cam.PowerCycle(true)
	for deadline := time.Now().Add(time.Minute); ; {
		if st := cam.Snapshot(); st.Online && st.NeedsSetup && !st.Booting {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the camera did not come back in setup state")
		}
		time.Sleep(20 * time.Millisecond)
	}

	d := openSetPassword(t, h, simDevice(cam))
	fillPasswords(d, "admin", "Lantern-Harbor-42")
	test.Tap(d.primary)
	waitRun(t, d.frame)
	if r := d.rows[0]; r.state != rowFailed || !strings.Contains(r.reason.Text, "new secure certificate") {
		t.Fatalf("row %v %q: the new certificate was not questioned", r.state, r.reason.Text)
	}
	if !cam.Snapshot().NeedsSetup {
		t.Fatal("the password went to a camera whose certificate changed")
	}
	if d.resetQuestion == nil {
		t.Fatal("the user was not asked whether they reset the camera")
	}
	d.resetQuestion.Confirm()
	waitRun(t, d.frame)
	if r := d.rows[0]; r.state != rowDone {
		t.Fatalf("after the user vouched for the reset: row %v %q", r.state, r.reason.Text)
	}
	if users := cam.Snapshot().Users; len(users) != 1 || users[0] != "admin" {
		t.Errorf("the camera has users %v", users)
	}
}
