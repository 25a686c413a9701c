package dialogs

import (
	"context"
	"encoding/json"
	"errors"
	"net/netip"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/passphrase"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/gui/internal/uitest"
)

func gen11Device(mac string) discovery.Device {
	return discovery.Device{MAC: mac, Model: "AXIS M1075-L", Firmware: "11.11.192", Addresses: []netip.Addr{netip.MustParseAddr("192.168.1.20")}, HTTPURL: "http://192.168.1.20/", Setup: discovery.SetupNeeded}
}

func openSetPassword(t *testing.T, h *fakeHost, cams ...discovery.Device) *setPasswordDialog {
	t.Helper()
	d := newSetPasswordDialog(h, cams)
	d.show(d.password)
	return d
}

func TestSetPasswordExplainsEachBrokenRuleAsItIsTyped(t *testing.T) {
	h := newFakeHost(t)
	d := openSetPassword(t, h, gen11Device("ACCC8E000001"))

	test.Type(d.password, strings.Repeat("x", 65))
	if !d.passwordReason.Visible() || !strings.Contains(d.passwordReason.Text, "65 characters") || !strings.Contains(d.passwordReason.Text, "at most 64") {
		t.Errorf("65 characters: reason %q", d.passwordReason.Text)
	}
	if !d.primary.Disabled() {
		t.Error("Set password is enabled for a 65-character password")
	}

	d.password.SetText("")
	test.Type(d.password, "Grüezi123")
	if !strings.Contains(d.passwordReason.Text, "accented letter") {
		t.Errorf("accented letter: reason %q", d.passwordReason.Text)
	}

	d.password.SetText("")
	test.Type(d.password, "abc12")
	test.Type(d.confirm, "abc12")
	if !strings.Contains(d.passwordReason.Text, "Shorter than 8") {
		t.Errorf("5 characters: warning %q", d.passwordReason.Text)
	}
	if d.primary.Disabled() {
		t.Error("a short but valid password is refused; it should only be warned about")
	}
}

func TestSetPasswordSaysWhenTheRepeatedPasswordDiffers(t *testing.T) {
	h := newFakeHost(t)
	d := openSetPassword(t, h, gen11Device("ACCC8E000001"))

	test.Type(d.password, "Correct horse 9")
	test.Type(d.confirm, "Correct horse 8")
	if !d.confirmReason.Visible() || d.confirmReason.Text != "The two passwords are not the same." {
		t.Errorf("mismatch reason %q (visible %v)", d.confirmReason.Text, d.confirmReason.Visible())
	}
	if !d.primary.Disabled() {
		t.Error("Set password is enabled although the passwords differ")
	}
	d.confirm.SetText("Correct horse 9")
	if d.confirmReason.Visible() || d.primary.Disabled() {
		t.Errorf("matching passwords: reason %q, button disabled %v", d.confirmReason.Text, d.primary.Disabled())
	}
}

func TestSetPasswordExplainsABadUserNameAsItIsTyped(t *testing.T) {
	h := newFakeHost(t)
	d := openSetPassword(t, h, gen11Device("ACCC8E000001"))
	d.user.SetText("")
	test.Type(d.user, "site admin")
	if !d.userReason.Visible() || !strings.Contains(d.userReason.Text, "letters") {
		t.Errorf("user name with a space: reason %q", d.userReason.Text)
	}
}

func TestSetPasswordFillsInRootWhenACameraIsOlderThan11_5(t *testing.T) {
	h := newFakeHost(t)
	h.B.Admins.Remember("ACCC8E000001", "operator1")
	old := gen11Device("ACCC8E000002")
	old.Firmware = "10.12.228"
	d := openSetPassword(t, h, gen11Device("ACCC8E000001"), old)
	if d.user.Text != "root" {
		t.Errorf("user name %q, want root", d.user.Text)
	}
	if !strings.Contains(d.nameRule.Text, "older than 11.5") || !strings.Contains(d.nameRule.Text, "falls back") {
		t.Errorf("rule %q does not explain the root fallback", d.nameRule.Text)
	}

	d2 := openSetPassword(t, h, gen11Device("ACCC8E000001"))
	if d2.user.Text != "operator1" {
		t.Errorf("a camera set up as operator1: user name %q", d2.user.Text)
	}
	if d3 := openSetPassword(t, h, gen11Device("ACCC8E000003")); d3.user.Text != "root" {
		t.Errorf("a camera nobody set up: user name %q, want root", d3.user.Text)
	}
}

func TestGeneratePasswordFillsBothFieldsWithAVeryStrongPasswordAndCopyPutsItOnTheClipboard(t *testing.T) {
	h := newFakeHost(t)
	d := openSetPassword(t, h, gen11Device("ACCC8E000001"))

	test.Tap(d.generate)
	pw := d.password.Text
	if len(pw) < passphrase.MinGenerateLen || d.confirm.Text != pw {
		t.Fatalf("generated %d characters, repeat matches: %v", len(pw), d.confirm.Text == pw)
	}
	if d.meter.Level() != passphrase.VeryStrong {
		t.Errorf("meter shows %v for a generated password", d.meter.Level())
	}
	if d.password.Password {
		t.Error("a generated password is hidden; the user must see it to note it down")
	}
	if d.primary.Disabled() {
		t.Error("Set password is disabled after generating a password")
	}
	test.Tap(d.copyButton)
	if got := fyne.CurrentApp().Clipboard().Content(); got != pw {
		t.Error("Copy did not put the password on the clipboard")
	}
}

func TestSetPasswordOnTwoSimulatedCamerasShowsOneDoneAndOneFailedWithAPlainReason(t *testing.T) {
	h := newFakeHost(t)
	fresh := startSim(t, camsim.Config{Generation: camsim.Gen11})
	taken := startSim(t, camsim.Config{Generation: camsim.Gen12, Admin: &camsim.Account{User: "owner", Password: "old-secret-1"}})
	h.connectTo(connectSims(fresh, taken))
	d := openSetPassword(t, h, simDevice(fresh), simDevice(taken))

	const pw = "Lantern-Harbor-42"
	d.user.SetText("admin")
	test.Type(d.password, pw)
	test.Type(d.confirm, pw)
	test.Tap(d.primary)
	waitRun(t, d.frame)

	ok, bad := d.rows[0], d.rows[1]
	if ok.state != rowDone || ok.status.Text != "Done · verified" || !strings.Contains(ok.reason.Text, "admin") {
		t.Errorf("fresh camera: state %v, %q, %q", ok.state, ok.status.Text, ok.reason.Text)
	}
	if bad.state != rowFailed || !strings.Contains(bad.reason.Text, "already has an administrator password") {
		t.Errorf("set-up camera: state %v, %q", bad.state, bad.reason.Text)
	}
	if users := fresh.Snapshot().Users; len(users) != 1 || users[0] != "admin" {
		t.Errorf("the simulated camera has users %v", users)
	}
	if !strings.Contains(d.problem.Text.Text, "1 camera now has the new password. 1 did not") {
		t.Errorf("summary %q", d.problem.Text.Text)
	}
	if d.primary.Text != "Try again for the failed camera" {
		t.Errorf("after a failure the button says %q", d.primary.Text)
	}

	entries := h.journal().all()
	if len(entries) != 2 {
		t.Fatalf("journal has %d entries, want 2", len(entries))
	}
	outcomes := map[string]journal.Entry{}
	for _, e := range entries {
		outcomes[e.Camera.MAC] = e
		if e.Action != journal.SetPassword || e.User != "admin" {
			t.Errorf("journal entry %+v", e)
		}
	}
	if outcomes[fresh.MAC()].Outcome != journal.Done {
		t.Errorf("fresh camera journaled as %v", outcomes[fresh.MAC()].Outcome)
	}
	if e := outcomes[taken.MAC()]; e.Outcome != journal.Failed || e.ErrorKey != "vapix.already_set_up" {
		t.Errorf("set-up camera journaled as %v / %q", e.Outcome, e.ErrorKey)
	}
	raw, _ := json.Marshal(entries)
	noSecret(t, "the journal", string(raw), pw)
	for _, mac := range []string{fresh.MAC(), taken.MAC()} {
		if !h.WasBusy(mac) || h.IsBusy(mac) {
			t.Errorf("camera %s: marked busy %v, still busy %v", mac, h.WasBusy(mac), h.IsBusy(mac))
		}
	}
	if h.RefreshCount() == 0 {
		t.Error("the camera list was not refreshed after a camera got its password")
	}
}

func TestSetPasswordOnA10_12CameraFallsBackToRootAndSaysSo(t *testing.T) {
	h := newFakeHost(t)
	cam := startSim(t, camsim.Config{Generation: camsim.Gen10})
	h.connectTo(connectSims(cam))
	dev := simDevice(cam)
	dev.Firmware = "" // unknown: the fallback must still happen
	d := openSetPassword(t, h, dev)

	d.user.SetText("manager")
	test.Type(d.password, "Pelican-Quartz-77")
	test.Type(d.confirm, "Pelican-Quartz-77")
	test.Tap(d.primary)
	waitRun(t, d.frame)

	r := d.rows[0]
	if r.state != rowDone || !strings.Contains(r.reason.Text, "called root") {
		t.Errorf("row: %v %q", r.state, r.reason.Text)
	}
	if e := h.journal().all(); len(e) != 1 || e[0].User != "root" || e[0].Outcome != journal.Done {
		t.Errorf("journal %+v", e)
	}
}

func TestStopDuringSetPasswordCancelsTheCallAndJournalsItAsCanceled(t *testing.T) {
	h := newFakeHost(t)
	entered := make(chan struct{})
	fc := &fakeClient{createFirst: func(ctx context.Context, user, pw string) (vapix.AccountResult, error) {
		close(entered)
		<-ctx.Done()
		return vapix.AccountResult{}, &vapix.Error{Kind: vapix.Canceled, Op: "create the first account", Err: ctx.Err()}
	}}
	h.connectTo(connectFake(fc))
	d := openSetPassword(t, h, gen11Device("ACCC8E000001"))
	test.Type(d.password, "Quiet-River-2026")
	test.Type(d.confirm, "Quiet-River-2026")
	test.Tap(d.primary)
	<-entered
	if d.cancel.Text != "Stop" {
		t.Errorf("while working, Cancel reads %q", d.cancel.Text)
	}
	test.Tap(d.cancel)
	waitRun(t, d.frame)

	if d.rows[0].state != rowFailed || !strings.Contains(d.rows[0].reason.Text, "stopped before it finished") {
		t.Errorf("row after Stop: %v %q", d.rows[0].state, d.rows[0].reason.Text)
	}
	if e := h.journal().all(); len(e) != 1 || e[0].Outcome != journal.Canceled {
		t.Errorf("journal %+v", e)
	}
	if d.closed {
		t.Error("Stop closed the dialog; it should stay to show what happened")
	}
}

func TestSetPasswordShowsAPlainReasonWhenNothingAnswers(t *testing.T) {
	h := newFakeHost(t)
	fc := &fakeClient{createFirst: func(ctx context.Context, user, pw string) (vapix.AccountResult, error) {
		return vapix.AccountResult{}, &vapix.Error{Kind: vapix.NoAnswer, Op: "create the first account", Host: "192.168.1.20", Err: errors.New("dial tcp: i/o timeout")}
	}}
	h.connectTo(connectFake(fc))
	d := openSetPassword(t, h, gen11Device("ACCC8E000001"))
	test.Type(d.password, "Quiet-River-2026")
	test.Type(d.confirm, "Quiet-River-2026")
	test.Tap(d.primary)
	waitRun(t, d.frame)

	reason := d.rows[0].reason.Text
	if !strings.Contains(reason, "Nothing answered at 192.168.1.20") || !strings.Contains(reason, "network cable") {
		t.Errorf("reason %q is not the plain explanation", reason)
	}
	if strings.Contains(reason, "i/o timeout") || strings.Contains(reason, "dial tcp") {
		t.Errorf("reason %q shows technical text", reason)
	}
}

func TestClosingSetPasswordLeavesThePasswordNowhere(t *testing.T) {
	h := newFakeHost(t)
	h.connectTo(connectFake(&fakeClient{}))
	d := openSetPassword(t, h, gen11Device("ACCC8E000001"))
	test.Tap(d.generate)
	pw := d.password.Text
	test.Tap(d.primary)
	waitRun(t, d.frame)
	if d.rows[0].state != rowDone {
		t.Fatalf("row state %v", d.rows[0].state)
	}
	test.Tap(d.cancel)
	if !d.closed {
		t.Fatal("Close did not close the dialog")
	}
	if d.password.Text != "" || d.confirm.Text != "" {
		t.Error("the password fields still hold the password after closing")
	}
	noSecret(t, "the closed dialog", strings.Join(uitest.Texts(d.content), "\n"), pw)
	noSecret(t, "the window", uitest.OverlayTexts(h.Win), pw)
	raw, _ := json.Marshal(h.journal().all())
	noSecret(t, "the journal", string(raw), pw)
}

func TestEscapeClosesSetPasswordAndEnterStartsIt(t *testing.T) {
	h := newFakeHost(t)
	h.connectTo(connectFake(&fakeClient{}))
	d := openSetPassword(t, h, gen11Device("ACCC8E000001"))
	test.Type(d.password, "Amber-Falcon-31")
	test.Type(d.confirm, "Amber-Falcon-31")
	var work func()
	d.launch = func(fn func()) { work = fn }
	d.confirm.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if work == nil {
		t.Fatal("Enter in the repeat field did not start setting the password")
	}
	go work()
	waitRun(t, d.frame)
	if d.rows[0].state != rowDone {
		t.Errorf("Enter did not set the password: row %v", d.rows[0].state)
	}
	d.cancel.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !d.closed {
		t.Error("Escape did not close the dialog")
	}
}
