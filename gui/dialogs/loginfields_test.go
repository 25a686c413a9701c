package dialogs

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/vapix"
)

func TestLoginSuggestsRootForOldFirmwareAndTheLastAdminOtherwise(t *testing.T) {
	h := newFakeHost(t)
	old := readyDevice("ACCC8E000060")
	old.Firmware = "10.12.228"
	if got := suggestedAdmin(old); got != "root" {
		t.Errorf("10.12 camera: %q", got)
	}
	if got := suggestedAdmin(readyDevice("ACCC8E000061")); got != "root" {
		t.Errorf("nothing remembered: %q", got)
	}
	h.connectTo(connectFake(&fakeClient{}))
	d := newRestartDialog(h, readyDevice("ACCC8E000061"))
	d.show(d.login.password)
	d.login.user.SetText("siteadmin")
	test.Type(d.login.password, "Admin-Pass-1")
	test.Tap(d.primary)
	waitRun(t, d.frame)
	if got := suggestedAdmin(readyDevice("ACCC8E000062")); got != "siteadmin" {
		t.Errorf("after a login as siteadmin: %q", got)
	}
	if got := suggestedAdmin(old); got != "root" {
		t.Errorf("10.12 camera after siteadmin: %q", got)
	}
	if s := fyne.CurrentApp().Preferences().String(lastAdminPref); strings.Contains(s, "Admin-Pass-1") {
		t.Error("the password went into the preferences")
	}
}

func TestAJournalThatCannotBeWrittenIsMentionedButTheActionStillCounts(t *testing.T) {
	h := newFakeHost(t)
	h.journal().fail = errors.New("disk full")
	h.connectTo(connectFake(&fakeClient{}))
	d := newRestartDialog(h, readyDevice("ACCC8E000063"))
	d.show(d.login.password)
	test.Type(d.login.password, "Admin-Pass-1")
	test.Tap(d.primary)
	waitRun(t, d.frame)
	if !d.note.Visible() || !strings.Contains(d.note.Text, "not written to the journal") {
		t.Errorf("note %q (visible %v)", d.note.Text, d.note.Visible())
	}
	if !strings.Contains(d.problem.Text.Text, "is back") {
		t.Errorf("the restart is not reported as done: %q", d.problem.Text.Text)
	}
}

func TestWrongPasswordLeavesTheUserNameAndClearsNothingButLetsTheUserRetry(t *testing.T) {
	h := newFakeHost(t)
	tries := 0
	fc := &fakeClient{verify: func(ctx context.Context, user, pw string) error {
		tries++
		if pw != "right" {
			return &vapix.Error{Kind: vapix.WrongPassword, Op: "log in", Host: "192.168.1.20", Status: 401}
		}
		return nil
	}}
	h.connectTo(connectFake(fc))
	d := newRestartDialog(h, readyDevice("ACCC8E000064"))
	d.show(d.login.password)
	test.Type(d.login.password, "wrong")
	test.Tap(d.primary)
	waitRun(t, d.frame)
	if !strings.Contains(d.problem.Text.Text, "did not accept") || d.login.password.Disabled() {
		t.Fatalf("after a wrong password: %q, field disabled %v", d.problem.Text.Text, d.login.password.Disabled())
	}
	d.login.password.SetText("right")
	test.Tap(d.primary)
	waitRun(t, d.frame)
	if tries != 2 || !strings.Contains(d.problem.Text.Text, "is back") {
		t.Errorf("retry: %d logins, result %q", tries, d.problem.Text.Text)
	}
}
