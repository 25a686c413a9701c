package workflow

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/openipu/openipu/core/backup"
	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
)

func rootLogin() Login { return As(Credentials{User: "root", Password: adminPassword}) }

func TestFactoryDefaultSavesTheSettingsFirstThenWaitsForTheCameraInSetupState(t *testing.T) {
	cam := startCamera(t, camsim.Gen11, admin())
	s := newSite(t)
	var st steps
	dest := filepath.Join(s.dir, "backups") + string(filepath.Separator)
	res, err := FactoryDefault(context.Background(), s.env, targetOf(t, cam), rootLogin(), FactoryDefaultRequest{Mode: vapix.Soft, Backup: dest, Wait: time.Minute}, st.add)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Accepted || !res.Back || res.BackupPath == "" {
		t.Fatalf("result %+v", res)
	}
	if _, err := backup.Read(res.BackupPath); err != nil {
		t.Errorf("the backup is not readable: %v", err)
	}
	if !cam.Snapshot().NeedsSetup {
		t.Error("the camera still has an administrator")
	}
	for _, step := range []Step{StepLoggingIn, StepSavingBackup, StepBackupSaved, StepSending, StepRebooting} {
		if !st.has(step) {
			t.Errorf("no step %d reported", step)
		}
	}
	es := s.entries()
	if len(es) != 2 || es[0].Action != journal.Backup || es[0].Detail != res.BackupPath || es[1].Action != journal.FactoryDefault || es[1].Detail != "soft" || es[1].Outcome != journal.Done {
		t.Errorf("journal %+v", es)
	}
	s.noSecretsOnDisk(adminPassword)
}

func TestFactoryDefaultSendsNothingWhenTheBackupCannotBeSaved(t *testing.T) {
	cam := startCamera(t, camsim.Gen11, admin())
	s := newSite(t)
	taken := filepath.Join(s.dir, "taken.txt")
	if err := os.WriteFile(taken, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := FactoryDefault(context.Background(), s.env, targetOf(t, cam), rootLogin(), FactoryDefaultRequest{Mode: vapix.Hard, Backup: taken, Wait: time.Minute}, nil)
	if KindOf(err) != BackupFailed || !errors.Is(err, backup.Exists) {
		t.Fatalf("err %v, want BackupFailed wrapping backup.Exists", err)
	}
	if res.Accepted || cam.Snapshot().Resets != 0 || cam.Snapshot().NeedsSetup {
		t.Error("the camera was reset although its settings were not saved")
	}
	what, next := explain(err)
	if what == "" || next == "" {
		t.Error("the failure is not explained")
	}
	es := s.entries()
	if len(es) != 2 || es[0].Action != journal.Backup || es[0].Outcome != journal.Failed || es[1].Detail != "hard, not sent: the backup failed" {
		t.Errorf("journal %+v", es)
	}
}

func TestFactoryDefaultWithTheWrongPasswordIsRecordedAndSendsNothing(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, admin())
	s := newSite(t)
	_, err := FactoryDefault(context.Background(), s.env, targetOf(t, cam), As(Credentials{User: "root", Password: "not it"}), FactoryDefaultRequest{Mode: vapix.Soft, SkipBackup: true}, nil)
	if vapix.KindOf(err) != vapix.WrongPassword {
		t.Fatalf("err %v", err)
	}
	if cam.Snapshot().Resets != 0 {
		t.Error("reset with a wrong password")
	}
	if es := s.entries(); len(es) != 1 || es[0].Outcome != journal.Failed || es[0].Action != journal.FactoryDefault {
		t.Errorf("journal %+v", es)
	}
}

func TestALoginThatIsNotGivenIsNotRecorded(t *testing.T) {
	cam := startCamera(t, camsim.Gen11, admin())
	s := newSite(t)
	stop := errors.New("nobody typed a password")
	_, err := Restart(context.Background(), s.env, targetOf(t, cam), func(context.Context, *Camera) (Credentials, error) { return Credentials{}, stop }, time.Minute, nil)
	if !errors.Is(err, stop) {
		t.Fatalf("err %v", err)
	}
	if len(s.entries()) != 0 || cam.Snapshot().Resets != 0 {
		t.Error("an action without a password was sent or recorded")
	}
}

func TestRestartWaitsUntilTheCameraIsBackOnANewBoot(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, admin())
	s := newSite(t)
	before := cam.Snapshot().BootID
	var st steps
	res, err := Restart(context.Background(), s.env, targetOf(t, cam), rootLogin(), time.Minute, st.add)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Back || cam.Snapshot().BootID == before || cam.Snapshot().NeedsSetup {
		t.Errorf("result %+v, camera %+v", res, cam.Snapshot())
	}
	if !st.has(StepRebooting) {
		t.Error("no reboot progress")
	}
	if es := s.entries(); len(es) != 1 || es[0].Action != journal.Restart || es[0].User != "root" {
		t.Errorf("journal %+v", es)
	}
}

func TestBackupSavesTheSettingsAndRecordsTheFile(t *testing.T) {
	cam := startCamera(t, camsim.Gen10, admin())
	s := newSite(t)
	res, err := Backup(context.Background(), s.env, targetOf(t, cam), rootLogin(), s.dir+string(filepath.Separator), nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := backup.Read(res.Path)
	if err != nil || f.Identity.MAC != cam.MAC() {
		t.Errorf("backup %+v, %v", f.Identity, err)
	}
	if es := s.entries(); len(es) != 1 || es[0].Detail != res.Path {
		t.Errorf("journal %+v", es)
	}
}

func TestAnActionOnACameraWithoutAnAdministratorSaysItNeedsAPassword(t *testing.T) {
	cam := startCamera(t, camsim.Gen11, nil)
	s := newSite(t)
	asked := false
	_, err := Restart(context.Background(), s.env, targetOf(t, cam), func(context.Context, *Camera) (Credentials, error) {
		asked = true
		return Credentials{}, nil
	}, 0, nil)
	if vapix.KindOf(err) != vapix.NeedsSetup || asked {
		t.Fatalf("err %v, asked %v", err, asked)
	}
}
