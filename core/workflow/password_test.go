package workflow

import (
	"context"
	"errors"
	"testing"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
)

func TestSetPasswordCreatesTheAdministratorProvesItAndRecordsNoPassword(t *testing.T) {
	for _, gen := range []camsim.Generation{camsim.Gen11, camsim.Gen12} {
		t.Run(string(gen), func(t *testing.T) {
			cam := startCamera(t, gen, nil)
			s := newSite(t)
			var st steps
			res := SetPassword(context.Background(), s.env, targetOf(t, cam), PasswordRequest{User: "admin", Password: Password(newPassword)}, st.add)
			if res.Outcome != Done || res.Err != nil {
				t.Fatalf("outcome %v, err %v", res.Outcome, res.Err)
			}
			if !res.Account.Verified || res.Account.User != "admin" || res.Account.FellBackToRoot {
				t.Errorf("account %+v", res.Account)
			}
			if err := canLogIn(t, cam, "admin", newPassword); err != nil {
				t.Errorf("the new password does not work: %v", err)
			}
			if !st.has(StepIdentifying) || !st.has(StepCreatingAccount) {
				t.Errorf("steps %+v", st.all)
			}
			es := s.entries()
			if len(es) != 1 || es[0].Action != journal.SetPassword || es[0].Outcome != journal.Done || es[0].User != "admin" || es[0].Camera.MAC != cam.MAC() {
				t.Errorf("journal %+v", es)
			}
			s.noSecretsOnDisk(newPassword)
		})
	}
}

func TestSetPasswordOnOldFirmwareFallsBackToRootAndRecordsWhy(t *testing.T) {
	cam := startCamera(t, camsim.Gen10, nil)
	s := newSite(t)
	res := SetPassword(context.Background(), s.env, targetOf(t, cam), PasswordRequest{User: "admin", Password: Password(newPassword)}, nil)
	if res.Outcome != Done || !res.Account.FellBackToRoot || res.Account.User != "root" {
		t.Fatalf("result %+v", res)
	}
	es := s.entries()
	if len(es) != 1 || es[0].User != "root" || es[0].Detail != "asked for admin, firmware only accepts root" {
		t.Errorf("journal %+v", es)
	}
}

func TestSetPasswordOnFirmwareThatSaysItIsOlderThan11_5AsksForRootAtOnce(t *testing.T) {
	// The same steps on firmware that takes any name show what the run
	// costs without a refused request.
	sent := map[camsim.Generation]int{}
	for _, gen := range []camsim.Generation{camsim.Gen10, camsim.Gen11} {
		cam := startCamera(t, gen, nil)
		res := SetPassword(context.Background(), newSite(t).env, targetOf(t, cam), PasswordRequest{User: "admin", Password: Password(newPassword)}, nil)
		if res.Outcome != Done || !res.Account.Verified {
			t.Fatalf("%s: result %+v", gen, res)
		}
		sent[gen] = cam.Requests().Received
	}
	if sent[camsim.Gen10] != sent[camsim.Gen11] {
		t.Errorf("10.12 was sent %d requests, 11.11 %d: the name it refuses was asked for first", sent[camsim.Gen10], sent[camsim.Gen11])
	}
}

func TestSetPasswordRefusesACameraThatAlreadyHasAnAdministratorBeforeAskingForThePassword(t *testing.T) {
	cam := startCamera(t, camsim.Gen11, admin())
	s := newSite(t)
	asked := false
	res := SetPassword(context.Background(), s.env, targetOf(t, cam), PasswordRequest{User: "admin", Password: func(context.Context, *Camera) (string, error) {
		asked = true
		return newPassword, nil
	}}, nil)
	if !errors.Is(res.Err, vapix.AlreadySetUp) || res.Outcome != Failed {
		t.Fatalf("result %+v", res)
	}
	if asked {
		t.Error("the password was asked for although the camera is set up")
	}
	if es := s.entries(); len(es) != 1 || es[0].Outcome != journal.Failed || es[0].ErrorKey == "" {
		t.Errorf("journal %+v", es)
	}
}

func TestADeviceClaimingAnotherMACIsRefusedAndSentNothing(t *testing.T) {
	cam := startCamera(t, camsim.Gen11, nil)
	s := newSite(t)
	target := targetOf(t, cam)
	target.MAC = "ACCC8E000001"
	asked := false
	res := SetPassword(context.Background(), s.env, target, PasswordRequest{User: "admin", Password: func(context.Context, *Camera) (string, error) {
		asked = true
		return newPassword, nil
	}}, nil)
	if KindOf(res.Err) != OtherCamera {
		t.Fatalf("err %v, want OtherCamera", res.Err)
	}
	if asked || !cam.Snapshot().NeedsSetup {
		t.Error("something was sent to the other camera")
	}
	p, _ := explain(res.Err)
	if p == "" {
		t.Error("no explanation")
	}
}

func TestSetPasswordRefusesABadPasswordWithoutSendingOrRecordingIt(t *testing.T) {
	cam := startCamera(t, camsim.Gen11, nil)
	s := newSite(t)
	res := SetPassword(context.Background(), s.env, targetOf(t, cam), PasswordRequest{User: "admin", Password: Password("tab\there")}, nil)
	if vapix.KindOf(res.Err) != vapix.InvalidPassword {
		t.Fatalf("err %v", res.Err)
	}
	if !cam.Snapshot().NeedsSetup || len(s.entries()) != 0 {
		t.Error("a refused password reached the camera or the journal")
	}
}

func TestSetPasswordsGivesEachCameraItsOwnResultInOrder(t *testing.T) {
	s := newSite(t)
	var targets []Target
	var cams []*camsim.Camera
	for i, gen := range []camsim.Generation{camsim.Gen11, camsim.Gen12, camsim.Gen11, camsim.Gen12, camsim.Gen11} {
		var a *camsim.Account
		if i == 2 {
			a = admin()
		}
		cam := startCamera(t, gen, a)
		cams = append(cams, cam)
		targets = append(targets, targetOf(t, cam))
	}
	results := SetPasswords(context.Background(), s.env, targets, PasswordRequest{User: "admin", Password: Password(newPassword)}, Bulk{Parallel: 2}, nil)
	if len(results) != len(targets) {
		t.Fatalf("%d results for %d cameras", len(results), len(targets))
	}
	for i, r := range results {
		if r.Target != targets[i] {
			t.Errorf("result %d is for %+v", i, r.Target)
		}
		want := Done
		if i == 2 {
			want = Failed
		}
		if r.Outcome != want {
			t.Errorf("camera %d: outcome %v (%v), want %v", i, r.Outcome, r.Err, want)
		}
	}
	if err := canLogIn(t, cams[4], "admin", newPassword); err != nil {
		t.Error(err)
	}
	if n := len(s.entries()); n != 5 {
		t.Errorf("%d journal entries, want 5", n)
	}
}

func TestSetPasswordsStoppedBeforeStartSendsNothingAndRecordsNothing(t *testing.T) {
	s := newSite(t)
	cam := startCamera(t, camsim.Gen11, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	results := SetPasswords(ctx, s.env, []Target{targetOf(t, cam)}, PasswordRequest{User: "admin", Password: Password(newPassword)}, Bulk{}, nil)
	if results[0].Outcome != NotSent {
		t.Fatalf("outcome %v", results[0].Outcome)
	}
	if !cam.Snapshot().NeedsSetup || len(s.entries()) != 0 {
		t.Error("a stopped run reached the camera or the journal")
	}
}

func explain(err error) (string, string) {
	var e *Error
	if !errors.As(err, &e) {
		return "", ""
	}
	p := e.Explain()
	return p.What.String(), p.Next.String()
}
