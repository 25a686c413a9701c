package dialogs

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/gui/internal/uitest"
)

func readyDevice(mac string) discovery.Device {
	d := gen11Device(mac)
	d.Setup = discovery.SetupDone
	return d
}

func openFactoryDefault(t *testing.T, h *fakeHost, cam discovery.Device) *factoryDefaultDialog {
	t.Helper()
	d := newFactoryDefaultDialog(h, cam)
	d.show(d.login.password)
	return d
}

func TestHardResetStaysDisabledUntilTheMACOrRESETIsTyped(t *testing.T) {
	h := newFakeHost(t)
	d := openFactoryDefault(t, h, readyDevice("ACCC8E270AD8"))
	test.Type(d.login.password, "Admin-Pass-1")
	if d.primary.Disabled() {
		t.Fatal("a soft reset with a password is not allowed")
	}

	test.Tap(d.mode.Buttons[1])
	if d.resetMode() != vapix.Hard || !d.confirmBox.Visible() {
		t.Fatalf("choosing hard: mode %v, confirmation shown %v", d.resetMode(), d.confirmBox.Visible())
	}
	if !strings.Contains(d.confirmText.Text, "ACCC8E270AD8") {
		t.Errorf("the confirmation does not name the MAC: %q", d.confirmText.Text)
	}
	for _, typed := range []string{"", "ACCC8E270AD9", "RESE", "yes"} {
		d.confirm.SetText(typed)
		if !d.primary.Disabled() {
			t.Errorf("Reset is enabled after typing %q", typed)
		}
	}
	for _, typed := range []string{"RESET", "ac:cc:8e:27:0a:d8", "ACCC8E270AD8"} {
		d.confirm.SetText("")
		test.Type(d.confirm, typed)
		if d.primary.Disabled() {
			t.Errorf("Reset stays disabled after typing %q", typed)
		}
	}
	test.Tap(d.mode.Buttons[0])
	d.confirm.SetText("")
	if d.primary.Disabled() || d.confirmBox.Visible() {
		t.Error("back to soft: the typed confirmation is still asked for")
	}
}

func TestFactoryDefaultExplainsBothModesInOneSentenceEach(t *testing.T) {
	h := newFakeHost(t)
	d := openFactoryDefault(t, h, readyDevice("ACCC8E270AD8"))
	texts := strings.Join(uitest.Texts(d.content), "\n")
	for _, want := range []string{
		"Erases users, passwords and settings, keeps the IP address.",
		"Erases everything including the IP address — the camera may come back at 192.168.0.90 or 169.254.x.x.",
	} {
		if !strings.Contains(texts, want) {
			t.Errorf("the dialog does not say %q", want)
		}
	}
}

func TestFactoryDefaultSavesTheBackupBeforeResettingAndOffersToOpenIt(t *testing.T) {
	h := newFakeHost(t)
	fc := &fakeClient{}
	h.connectTo(connectFake(fc))
	d := openFactoryDefault(t, h, readyDevice("ACCC8E270AD8"))
	test.Type(d.login.password, "Admin-Pass-1")
	test.Tap(d.primary)
	waitRun(t, d.frame)

	calls := fc.callList()
	list, reset := slices.Index(calls, "ListParams"), slices.Index(calls, "FactoryDefault soft")
	if list < 0 || reset < 0 || list > reset {
		t.Fatalf("calls %v: the backup must be read before the reset is sent", calls)
	}
	files, _ := filepath.Glob(filepath.Join(h.B.BackupDir, "*.txt"))
	if len(files) != 1 || d.backupPath != files[0] {
		t.Fatalf("backup files %v, dialog says %q", files, d.backupPath)
	}
	if !strings.Contains(d.backupWhere.Text, files[0]) {
		t.Errorf("the location is not shown: %q", d.backupWhere.Text)
	}
	test.Tap(d.openBackup)
	if got := h.OpenedURLs(); len(got) != 1 || !strings.HasPrefix(got[0], "file://") || !strings.HasSuffix(got[0], filepath.Base(files[0])) {
		t.Errorf("Open backup opened %v", got)
	}
	if !d.back || !d.setPassword.Visible() || !strings.Contains(d.problem.Text.Text, "needs a password now") {
		t.Errorf("result: back %v, offer shown %v, %q", d.back, d.setPassword.Visible(), d.problem.Text.Text)
	}
	entries := h.journal().all()
	if len(entries) != 2 || entries[0].Action != journal.Backup || entries[1].Action != journal.FactoryDefault || entries[1].Detail != "soft" {
		t.Errorf("journal %+v", entries)
	}
}

func TestFactoryDefaultIsNotSentWhenTheBackupFailsUnlessConfirmedAgain(t *testing.T) {
	h := newFakeHost(t)
	blocker := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(blocker, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.B.BackupDir = blocker
	fc := &fakeClient{}
	h.connectTo(connectFake(fc))
	d := openFactoryDefault(t, h, readyDevice("ACCC8E270AD8"))
	test.Type(d.login.password, "Admin-Pass-1")
	test.Tap(d.primary)
	waitRun(t, d.frame)

	if slices.Contains(fc.callList(), "FactoryDefault soft") {
		t.Fatal("the reset was sent although the backup failed")
	}
	if !strings.Contains(d.problem.Text.Text, "could not be saved") || !strings.Contains(d.status.Text, "NOT reset") {
		t.Errorf("explanation: %q / %q", d.problem.Text.Text, d.status.Text)
	}
	if !slices.Contains(d.buttons.Objects, fyne.CanvasObject(d.withoutBackup)) {
		t.Fatal("no way to reset without a backup is offered")
	}
	test.Tap(d.withoutBackup)
	if d.skipConfirm == nil || d.running {
		t.Fatal("resetting without a backup did not ask again first")
	}
	d.skipBackupAnswered(false)
	if d.running || slices.Contains(fc.callList(), "FactoryDefault soft") {
		t.Fatal("answering no still reset the camera")
	}
	d.skipBackupAnswered(true)
	waitRun(t, d.frame)
	if !slices.Contains(fc.callList(), "FactoryDefault soft") {
		t.Errorf("after the second confirmation the reset was not sent: %v", fc.callList())
	}
}

func TestFactoryDefaultExplainsALockoutWithTheWaitInSeconds(t *testing.T) {
	h := newFakeHost(t)
	fc := &fakeClient{verify: func(ctx context.Context, user, pw string) error {
		return &vapix.Error{Kind: vapix.LockedOut, Op: "log in", Host: "192.168.1.20", Status: 403, RetryAfter: 7 * time.Second}
	}}
	h.connectTo(connectFake(fc))
	d := openFactoryDefault(t, h, readyDevice("ACCC8E270AD8"))
	test.Type(d.login.password, "guess")
	test.Tap(d.primary)
	waitRun(t, d.frame)
	if !strings.Contains(d.problem.Text.Text, "refusing logins") || !strings.Contains(d.problem.Next.Text, "Wait 7 seconds") {
		t.Errorf("lockout shown as %q / %q", d.problem.Text.Text, d.problem.Next.Text)
	}
	if d.primary.Disabled() {
		t.Error("after a failed login the user cannot try again")
	}
}

func TestFactoryDefaultOnASimulatedCameraSavesSettingsAndComesBackNeedingAPassword(t *testing.T) {
	h := newFakeHost(t)
	const pw = "Granite-Owl-58"
	cam := startSim(t, camsim.Config{Generation: camsim.Gen12, Admin: &camsim.Account{User: "admin", Password: pw}})
	h.connectTo(connectSims(cam))
	dev := simDevice(cam)
	d := openFactoryDefault(t, h, dev)
	d.login.user.SetText("admin")
	test.Type(d.login.password, pw)
	test.Tap(d.primary)
	waitRun(t, d.frame)

	if !d.back || !strings.Contains(d.problem.Text.Text, "needs a password now") {
		t.Fatalf("result %q / %q / %q", d.problem.Text.Text, d.problem.Next.Text, d.status.Text)
	}
	if s := cam.Snapshot(); !s.NeedsSetup || s.LastReset != "soft" {
		t.Errorf("camera after the dialog: needs setup %v, last reset %q", s.NeedsSetup, s.LastReset)
	}
	data, err := os.ReadFile(d.backupPath)
	if err != nil || !strings.Contains(string(data), "Brand") {
		t.Errorf("backup %q: %v, %d bytes", d.backupPath, err, len(data))
	}
	raw, _ := json.Marshal(h.journal().all())
	noSecret(t, "the journal", string(raw), pw)
	if h.RefreshCount() == 0 {
		t.Error("the camera list was not refreshed after the reset")
	}

	test.Tap(d.setPassword)
	if !d.closed {
		t.Error("Set the password now left the reset dialog open")
	}
	noSecret(t, "the closed dialog", strings.Join(uitest.Texts(d.content), "\n"), pw)
	overlays := h.Win.Canvas().Overlays().List()
	if len(overlays) == 0 || !strings.Contains(strings.Join(uitest.Texts(overlays[len(overlays)-1]), "\n"), "Set the first password") {
		t.Error("Set the password now did not open the set-password dialog")
	}
}

func TestFactoryDefaultExplainsAWrongPasswordAndSendsNothing(t *testing.T) {
	h := newFakeHost(t)
	cam := startSim(t, camsim.Config{Generation: camsim.Gen11, Admin: &camsim.Account{User: "root", Password: "the-right-one"}})
	h.connectTo(connectSims(cam))
	d := openFactoryDefault(t, h, simDevice(cam))
	d.login.user.SetText("root")
	test.Type(d.login.password, "the-wrong-one")
	test.Tap(d.primary)
	waitRun(t, d.frame)

	if !strings.Contains(d.problem.Text.Text, "did not accept that user name and password") {
		t.Errorf("problem %q", d.problem.Text.Text)
	}
	if cam.Snapshot().Resets != 0 {
		t.Error("the camera was reset after a wrong password")
	}
	if e := h.journal().all(); len(e) != 1 || e[0].Outcome != journal.Failed || e[0].ErrorKey != "vapix.wrong_password" {
		t.Errorf("journal %+v", e)
	}
}
