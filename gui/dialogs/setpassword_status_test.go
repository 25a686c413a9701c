package dialogs

import (
	"strings"
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

func TestSetPasswordCountsInTheRightGrammaticalNumber(t *testing.T) {
	h := newFakeHost(t)
	one := startSim(t, camsim.Config{Generation: camsim.Gen12})
	h.connectTo(connectSims(one))
	d := openSetPassword(t, h, simDevice(one))
	fillPasswords(d, "admin", "Lantern-Harbor-42")
	test.Tap(d.primary)
	waitRun(t, d.frame)
	if got := d.problem.Text.Text; got != "The camera now has the new password, checked by logging in with it." {
		t.Errorf("one camera done: %q", got)
	}

	a := startSim(t, camsim.Config{Generation: camsim.Gen12})
	b := startSim(t, camsim.Config{Generation: camsim.Gen12})
	h.connectTo(connectSims(a, b))
	d2 := openSetPassword(t, h, simDevice(a), simDevice(b))
	if d2.primary.Text != "Set password on 2 cameras" {
		t.Errorf("button for two cameras: %q", d2.primary.Text)
	}
	fillPasswords(d2, "admin", "Lantern-Harbor-42")
	test.Tap(d2.primary)
	waitRun(t, d2.frame)
	if got := d2.problem.Text.Text; got != "All 2 cameras now have the new password, each checked by logging in with it." {
		t.Errorf("two cameras done: %q", got)
	}

	old := gen11Device("ACCC8E000002")
	old.Firmware = "10.12.228"
	d3 := openSetPassword(t, h, gen11Device("ACCC8E000001"), old)
	if want := "1 of these cameras has AXIS OS older than 11.5"; !strings.HasPrefix(d3.nameRule.Text, want) {
		t.Errorf("one old camera of two: %q", d3.nameRule.Text)
	}
	d4 := openSetPassword(t, h, old)
	if !strings.HasPrefix(d4.nameRule.Text, "This camera's AXIS OS is older than 11.5") {
		t.Errorf("one old camera alone: %q", d4.nameRule.Text)
	}
}
