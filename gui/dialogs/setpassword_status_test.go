package dialogs

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/camsim"
)

func TestSetPasswordLeavesNoProgressTextUnderAFailure(t *testing.T) {
	h := newFakeHost(t)
	taken := startSim(t, camsim.Config{Generation: camsim.Gen12, Admin: &camsim.Account{User: "owner", Password: "old-secret-1"}})
	h.connectTo(connectSims(taken))
	d := openSetPassword(t, h, simDevice(taken))
	fillPasswords(d, "admin", "Lantern-Harbor-42")
	test.Tap(d.primary)
	waitRun(t, d.frame)
	if d.status.Text != "" {
		t.Errorf("under the error the progress line still says %q", d.status.Text)
	}
	if r := d.rows[0]; r.state != rowFailed || r.status.Text != "Failed" {
		t.Errorf("the row says %q (state %v)", r.status.Text, r.state)
	}
}
