package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/backup"
	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
)

func TestFactoryDefaultWithoutYesIsRefusedAndSaysWhatIsErased(t *testing.T) {
	cam := startCamera(t, camsim.Gen11, admin())
	h := newHarness(t)
	h.stdin = adminPassword + "\n"
	soft := h.run("factory-default", hostOf(cam), "--mode", "soft", "--user", "root")
	if soft.code != exitUsage || !strings.Contains(soft.stderr, "network settings") || !strings.Contains(soft.stderr, "--yes") {
		t.Errorf("soft: exit %d, stderr:\n%s", soft.code, soft.stderr)
	}
	hard := h.run("factory-default", hostOf(cam), "--mode", "hard", "--user", "root")
	if hard.code != exitUsage || !strings.Contains(hard.stderr, "including its IP address") || !strings.Contains(hard.stderr, "--yes") {
		t.Errorf("hard: exit %d, stderr:\n%s", hard.code, hard.stderr)
	}
	none := h.run("factory-default", hostOf(cam), "--yes", "--user", "root")
	if none.code != exitUsage || !strings.Contains(none.stderr, "--mode") {
		t.Errorf("no mode: exit %d, stderr:\n%s", none.code, none.stderr)
	}
	if st := cam.Snapshot(); st.Resets != 0 {
		t.Errorf("the camera was reset %d times", st.Resets)
	}
	if len(h.entries()) != 0 {
		t.Errorf("refused commands were journaled: %+v", h.entries())
	}
}

func TestFactoryDefaultBacksUpThenResetsAndWaitsForTheCamera(t *testing.T) {
	for _, tc := range []struct {
		gen  camsim.Generation
		mode string
	}{{camsim.Gen10, "soft"}, {camsim.Gen11, "hard"}, {camsim.Gen12, "hard"}} {
		t.Run(string(tc.gen)+"-"+tc.mode, func(t *testing.T) {
			cam := startCamera(t, tc.gen, admin())
			h := newHarness(t)
			h.stdin = adminPassword + "\n"
			file := filepath.Join(h.dir, "before-reset.txt")
			r := h.run("factory-default", hostOf(cam), "--mode", tc.mode, "--yes", "--user", "root", "--backup", file)
			if r.code != exitOK {
				t.Fatalf("exit %d", r.code)
			}

			b, err := backup.Read(file)
			if err != nil {
				t.Fatalf("the backup cannot be read: %v", err)
			}
			if b.Identity.MAC != cam.MAC() || b.Identity.Firmware != tc.gen.FirmwareVersion() || len(b.Params) == 0 {
				t.Errorf("backup identity %+v with %d settings", b.Identity, len(b.Params))
			}
			if !slices.ContainsFunc(b.Params, func(p vapix.Param) bool { return strings.HasSuffix(p.Name, "Properties.System.SerialNumber") }) {
				t.Error("the backup lacks the serial number setting")
			}

			st := cam.Snapshot()
			if st.Resets != 1 || st.LastReset != tc.mode {
				t.Errorf("resets %d, last %q; want 1 %s", st.Resets, st.LastReset, tc.mode)
			}
			if !st.Online || st.Booting || !st.NeedsSetup {
				t.Errorf("after waiting the camera is online %v, booting %v, needs setup %v", st.Online, st.Booting, st.NeedsSetup)
			}
			if !strings.Contains(r.stderr, "The camera is back") || !strings.Contains(r.stdout, "set-password") {
				t.Errorf("the wait and the next step are not reported")
			}

			es := h.entries()
			if len(es) != 2 || es[0].Action != journal.Backup || es[0].Detail != file || es[1].Action != journal.FactoryDefault ||
				es[1].Outcome != journal.Done || es[1].Detail != tc.mode || es[1].User != "root" {
				t.Errorf("journal: %+v", es)
			}
			h.assertSecretNowhere(adminPassword)
		})
	}
}

func TestFactoryDefaultSavesTheBackupInTheBackupsFolderByDefault(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, admin())
	h := newHarness(t)
	h.stdin = adminPassword + "\n"
	r := h.run("factory-default", hostOf(cam), "--mode", "soft", "--yes", "--user", "root", "--no-wait", "--json")
	if r.code != exitOK {
		t.Fatalf("exit %d", r.code)
	}
	var res factoryDefaultResult
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatalf("stdout is not JSON: %v", err)
	}
	if filepath.Dir(res.Backup) != h.backups || !strings.HasPrefix(filepath.Base(res.Backup), "openipu-backup-"+cam.MAC()+"-") {
		t.Errorf("backup saved as %q", res.Backup)
	}
	if _, err := os.Stat(res.Backup); err != nil {
		t.Error(err)
	}
	if res.Waited || !res.NeedsPassword || res.Mode != "soft" {
		t.Errorf("result %+v", res)
	}
}

func TestAFailedBackupStopsTheReset(t *testing.T) {
	cam := startCamera(t, camsim.Gen11, admin())
	h := newHarness(t)
	h.stdin = adminPassword + "\n"
	taken := filepath.Join(h.dir, "taken.txt")
	if err := os.WriteFile(taken, []byte("an older backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := h.run("factory-default", hostOf(cam), "--mode", "hard", "--yes", "--user", "root", "--backup", taken)
	if r.code != exitFailed {
		t.Fatalf("exit %d, want %d", r.code, exitFailed)
	}
	if !strings.Contains(r.stderr, "NOT reset") || !strings.Contains(r.stderr, "never replaces") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if st := cam.Snapshot(); st.Resets != 0 || st.NeedsSetup {
		t.Errorf("the camera was reset: %+v", st)
	}
	if data, _ := os.ReadFile(taken); string(data) != "an older backup" {
		t.Error("the existing file was replaced")
	}
	es := h.entries()
	if len(es) != 2 || es[0].Action != journal.Backup || es[0].Outcome != journal.Failed || es[0].ErrorKey != "backup.exists" ||
		es[1].Action != journal.FactoryDefault || es[1].Outcome != journal.Failed {
		t.Errorf("journal: %+v", es)
	}
}

func TestFactoryDefaultWithoutBackupOrWaitingReturnsAtOnce(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, admin())
	h := newHarness(t)
	h.stdin = adminPassword + "\n"
	r := h.run("factory-default", "--no-backup", "--no-wait", "--mode", "hard", "--yes", "--user", "root", hostOf(cam))
	if r.code != exitOK {
		t.Fatalf("exit %d", r.code)
	}
	if st := cam.Snapshot(); st.Resets != 1 || st.LastReset != "hard" {
		t.Errorf("resets %d, last %q", st.Resets, st.LastReset)
	}
	if !strings.Contains(r.stdout, "different address") {
		t.Errorf("the possible new address after a hard reset is not mentioned:\n%s", r.stdout)
	}
	if _, err := os.Stat(h.backups); !os.IsNotExist(err) {
		t.Errorf("a backup folder was made despite --no-backup (%v)", err)
	}
}

func TestAWrongPasswordExitsOneInPlainWordsAndChangesNothing(t *testing.T) {
	cam := startCamera(t, camsim.Gen11, admin())
	h := newHarness(t)
	const wrong = "Not-The-Password"
	h.stdin = wrong + "\n"
	r := h.run("factory-default", hostOf(cam), "--mode", "hard", "--yes", "--user", "root", "--json")
	if r.code != exitFailed {
		t.Fatalf("exit %d, want %d", r.code, exitFailed)
	}
	if !strings.Contains(r.stderr, "did not accept that user name and password") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	var res jsonFailure
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil || res.OK || res.Error.Key != "vapix.wrong_password" {
		t.Errorf("JSON %q (%v)", r.stdout, err)
	}
	if st := cam.Snapshot(); st.Resets != 0 {
		t.Error("the camera was reset")
	}
	if _, err := os.Stat(h.backups); !os.IsNotExist(err) {
		t.Error("a backup was attempted")
	}
	es := h.entries()
	if len(es) != 1 || es[0].Outcome != journal.Failed || es[0].ErrorKey != "vapix.wrong_password" {
		t.Errorf("journal: %+v", es)
	}
	h.assertSecretNowhere(wrong)
}

func TestRestartWaitsForTheCameraAndKeepsItsAccount(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, admin())
	h := newHarness(t)
	h.stdin = adminPassword + "\n"
	r := h.run("restart", hostOf(cam), "--user", "root")
	if r.code != exitOK {
		t.Fatalf("exit %d", r.code)
	}
	st := cam.Snapshot()
	if st.Resets != 1 || st.LastReset != "restart" || st.NeedsSetup || !st.Online {
		t.Errorf("camera state %+v", st)
	}
	if !strings.Contains(r.stderr, "The camera is back") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if es := h.entries(); len(es) != 1 || es[0].Action != journal.Restart || es[0].Outcome != journal.Done {
		t.Errorf("journal: %+v", es)
	}
}

func TestBackupCommandSavesTheSettings(t *testing.T) {
	cam := startCamera(t, camsim.Gen10, admin())
	h := newHarness(t)
	h.stdin = adminPassword + "\n"
	file := filepath.Join(h.dir, "cam.txt")
	r := h.run("backup", hostOf(cam), "--user", "root", "-o", file, "--json")
	if r.code != exitOK {
		t.Fatalf("exit %d", r.code)
	}
	var res backupResult
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil || res.File != file {
		t.Fatalf("JSON %q (%v)", r.stdout, err)
	}
	b, err := backup.Read(file)
	if err != nil {
		t.Fatal(err)
	}
	if b.Identity.MAC != cam.MAC() || len(b.Params) == 0 {
		t.Errorf("backup %+v with %d settings", b.Identity, len(b.Params))
	}
	if r := h.run("backup", hostOf(cam), "--user", "root", "-o", file); r.code != exitFailed {
		t.Errorf("a second backup to the same file: exit %d, want %d", r.code, exitFailed)
	}
	h.assertSecretNowhere(adminPassword)
}
