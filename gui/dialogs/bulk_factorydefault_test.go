package dialogs

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/internal/uitest"
)

// unreadableSettings is a camera whose settings cannot be read, so its
// backup fails.
type unreadableSettings struct{ workflow.Client }

func (unreadableSettings) ListParams(context.Context, ...string) ([]vapix.Param, []byte, error) {
	return nil, nil, &vapix.Error{Kind: vapix.BadReply, Op: "read the settings"}
}

func TestBulkFactoryDefaultWritesOneBackupPerCameraAndResetsNoneWithoutOne(t *testing.T) {
	h := newFakeHost(t)
	const pw = "Granite-Owl-58"
	var sims []*camsim.Camera
	for _, g := range []camsim.Generation{camsim.Gen12, camsim.Gen11, camsim.Gen12} {
		sims = append(sims, startSim(t, camsim.Config{Generation: g, Admin: &camsim.Account{User: "admin", Password: pw}}))
	}
	broken := sims[1].MAC()
	sims = append(sims, startSim(t, camsim.Config{Generation: camsim.Gen12, Admin: &camsim.Account{User: "admin", Password: pw}}))
	connect := connectSims(sims...)
	h.connectTo(func(ctx context.Context, t workflow.Target, o workflow.ConnectOptions) (workflow.Client, error) {
		c, err := connect(ctx, t, o)
		if err == nil && t.MAC == broken {
			return unreadableSettings{c}, nil
		}
		return c, err
	})
	var cams []discovery.Device
	for _, s := range sims {
		cams = append(cams, simDevice(s))
	}
	d := newBulkFactoryDefaultDialog(h, cams)
	d.show(d.login.password)
	texts := strings.Join(uitest.Texts(d.content), "\n")
	for _, want := range []string{"Keeps the network settings", "the address too", "192.168.0.90", "DHCP", "a file of its own"} {
		if !strings.Contains(texts, want) {
			t.Errorf("the dialog does not say %q", want)
		}
	}
	if d.resetMode() != vapix.Soft || d.primary.Text != "Reset 4 cameras" {
		t.Errorf("mode %v, button %q", d.resetMode(), d.primary.Text)
	}
	d.login.user.SetText("admin")
	test.Type(d.login.password, pw)
	test.Tap(d.primary)
	waitRun(t, d.frame)

	files, _ := filepath.Glob(filepath.Join(h.B.BackupDir, "*"))
	if len(files) != 3 {
		t.Fatalf("backup files %v, want one for each of the 3 cameras that could be read", files)
	}
	for i, s := range sims {
		snap, r := s.Snapshot(), d.rows[i]
		if s.MAC() == broken {
			if snap.Resets != 0 || snap.NeedsSetup {
				t.Error("the camera whose settings could not be saved was reset")
			}
			if r.state != rowFailed || r.status.Text != "Not reset: no backup" || !strings.Contains(r.detail.Text, "NOT reset") {
				t.Errorf("its row: %q / %q", r.status.Text, r.detail.Text)
			}
			continue
		}
		if !snap.NeedsSetup || snap.LastReset != "soft" {
			t.Errorf("camera %d: needs setup %v, last reset %q", i, snap.NeedsSetup, snap.LastReset)
		}
		if r.backup == "" || !slices.Contains(files, r.backup) || !strings.Contains(r.detail.Text, filepath.Base(r.backup)) {
			t.Errorf("camera %d: backup %q, row says %q", i, r.backup, r.detail.Text)
		}
		if data, err := os.ReadFile(r.backup); err != nil || !strings.Contains(string(data), s.MAC()) && !strings.Contains(string(data), "Brand") {
			t.Errorf("camera %d: backup %v, %d bytes", i, err, len(data))
		}
		if r.status.Text != "Back · needs a password" {
			t.Errorf("camera %d: row %q", i, r.status.Text)
		}
	}
	if !strings.Contains(d.problem.Text.Text, "3 of 4 cameras are back") || d.primary.Text != "Try again for 1 camera" {
		t.Errorf("summary %q, button %q", d.problem.Text.Text, d.primary.Text)
	}
	if !slices.Contains(d.buttons.Objects, fyne.CanvasObject(d.setPassword)) || !slices.Contains(d.buttons.Objects, fyne.CanvasObject(d.openFolder)) {
		t.Error("no Set the password now or Open the backups folder after the reset")
	}
	test.Tap(d.setPassword)
	if !d.closed || d.login.password.Text != "" {
		t.Errorf("after Set the password now: closed %v, password cleared %v", d.closed, d.login.password.Text == "")
	}
	overlays := h.Win.Canvas().Overlays().List()
	top := strings.Join(uitest.Texts(overlays[len(overlays)-1]), "\n")
	if !strings.Contains(top, "Set password on 3 cameras") {
		t.Errorf("the set-password dialog is not for the 3 reset cameras: %q", top)
	}
}

func TestBulkHardResetWantsTheWordRESET(t *testing.T) {
	h := newFakeHost(t)
	d := newBulkFactoryDefaultDialog(h, []discovery.Device{readyDevice("ACCC8E000031"), readyDevice("ACCC8E000032")})
	d.show(d.login.password)
	test.Type(d.login.password, "Admin-Pass-1")
	test.Tap(d.mode.Buttons[1])
	if !d.confirmBox.Visible() || !d.primary.Disabled() {
		t.Fatalf("hard: confirmation shown %v, Reset disabled %v", d.confirmBox.Visible(), d.primary.Disabled())
	}
	test.Type(d.confirm, "RESET")
	if d.primary.Disabled() {
		t.Error("RESET typed, Reset still disabled")
	}
}

func TestShowFactoryDefaultCamerasWithOneCameraOpensTheSingleCameraDialog(t *testing.T) {
	h := newFakeHost(t)
	ShowFactoryDefaultCameras(h, []discovery.Device{readyDevice("ACCC8E270AD8")})
	if got := uitest.OverlayTexts(h.Win); !strings.Contains(got, "type the camera's MAC address") && !strings.Contains(got, "keeps the IP address") {
		t.Errorf("dialog shows %q", got)
	}
}

func TestBulkFactoryDefaultOpensTheBackupsFolderAsAFileURLOrSaysWhereItIs(t *testing.T) {
	h := newFakeHost(t)
	h.B.BackupDir = filepath.Join(t.TempDir(), "Anna Svensson", "backups")
	d := newBulkFactoryDefaultDialog(h, []discovery.Device{readyDevice("ACCC8E270AD8")})
	d.show(d.login.password)

	d.openBackupFolder()
	want := fileURL(h.B.BackupDir).String()
	if got := h.OpenedURLs(); len(got) != 1 || got[0] != want || !strings.Contains(got[0], "Anna%20Svensson") {
		t.Errorf("opened %v, want %s", got, want)
	}

	h.OpenFails = errors.New("no file manager")
	d.openBackupFolder()
	if !strings.Contains(d.problem.Text.Text+"\n"+d.problem.Next.Text, h.B.BackupDir) {
		t.Errorf("the folder is not shown to open by hand: %q %q", d.problem.Text.Text, d.problem.Next.Text)
	}
}
