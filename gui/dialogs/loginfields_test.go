package dialogs

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/vapix"
)

// setUp gives a simulated camera its first administrator through the
// set-password dialog, as the user would.
func setUp(t *testing.T, h *fakeHost, cam *camsim.Camera, user, pw string) {
	t.Helper()
	d := openSetPassword(t, h, simDevice(cam))
	fillPasswords(d, user, pw)
	test.Tap(d.primary)
	waitRun(t, d.frame)
	if d.rows[0].state != rowDone {
		t.Fatalf("setting up %s as %s: %q", cam.MAC(), user, d.rows[0].reason.Text)
	}
	d.close()
}

func TestFactoryDefaultOffersTheNameThisCameraWasGivenNotTheLastOneTyped(t *testing.T) {
	h := newFakeHost(t)
	const pw = "Velvet-Canyon-31"
	rootCam := startSim(t, camsim.Config{Generation: camsim.Gen12})
	adminCam := startSim(t, camsim.Config{Generation: camsim.Gen12})
	never := startSim(t, camsim.Config{Generation: camsim.Gen12})
	h.connectTo(connectSims(rootCam, adminCam, never))
	setUp(t, h, rootCam, "root", pw)
	setUp(t, h, adminCam, "admin", pw) // the last name typed

	for cam, want := range map[*camsim.Camera]string{rootCam: "root", adminCam: "admin", never: "root"} {
		d := openFactoryDefault(t, h, simDevice(cam))
		if d.login.user.Text != want {
			t.Errorf("factory default on the camera set up as %q offers %q", want, d.login.user.Text)
		}
		d.close()
	}
	old := readyDevice("ACCC8E000060")
	old.Firmware = "10.12.228"
	if d := openFactoryDefault(t, h, old); d.login.user.Text != "root" {
		t.Errorf("a 10.12 camera nobody logged into offers %q", d.login.user.Text)
	}

	// The offered name is the one that works: the reset goes through
	// without the user touching the name.
	d := openFactoryDefault(t, h, simDevice(rootCam))
	test.Type(d.login.password, pw)
	test.Tap(d.primary)
	waitRun(t, d.frame)
	if !d.back {
		t.Fatalf("the reset with the offered name failed: %q", d.problem.Text.Text)
	}
	if got := fmt.Sprintf("%+v", h.B.Admins); strings.Contains(got, pw) {
		t.Error("the memory of names holds a password")
	}
	if s := fyne.CurrentApp().Preferences().String("gui.lastAdminName"); s != "" {
		t.Errorf("a name was written to the preferences: %q", s)
	}
}

func TestSetPasswordAfterAResetOffersTheNameTheCameraHadBefore(t *testing.T) {
	h := newFakeHost(t)
	const pw = "Marble-Fox-26"
	cam := startSim(t, camsim.Config{Generation: camsim.Gen12, Admin: &camsim.Account{User: "caretaker", Password: pw}})
	h.connectTo(connectSims(cam))
	d := openFactoryDefault(t, h, simDevice(cam))
	d.login.user.SetText("caretaker")
	test.Type(d.login.password, pw)
	test.Tap(d.primary)
	waitRun(t, d.frame)
	if !d.back {
		t.Fatalf("reset failed: %q", d.problem.Text.Text)
	}
	sp := newSetPasswordAfterReset(h, []discovery.Device{simDevice(cam)})
	if sp.user.Text != "caretaker" {
		t.Errorf("set password after the reset offers %q", sp.user.Text)
	}
}

func TestWithoutAMemoryOfNamesTheDialogsOfferRootAndStillWork(t *testing.T) {
	h := newFakeHost(t)
	h.B.Admins = nil
	const pw = "Cobalt-Meadow-64"
	cam := startSim(t, camsim.Config{Generation: camsim.Gen12})
	h.connectTo(connectSims(cam))
	setUp(t, h, cam, "admin", pw)
	d := openFactoryDefault(t, h, simDevice(cam))
	if d.login.user.Text != "root" {
		t.Errorf("without a memory the login offers %q", d.login.user.Text)
	}
	d.login.user.SetText("admin")
	test.Type(d.login.password, pw)
	test.Tap(d.primary)
	waitRun(t, d.frame)
	if !d.back {
		t.Errorf("the reset failed: %q", d.problem.Text.Text)
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
