package workflow

import (
	"bytes"
	"context"
	"image/jpeg"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
)

// skewedCamera is a set-up camera whose clock starts 27 s behind.
func skewedCamera(t *testing.T, gen camsim.Generation) *camsim.Camera {
	t.Helper()
	cam, err := camsim.New(camsim.Config{Generation: gen, MAC: "B8A44F0A98A1", Admin: admin()})
	if err != nil {
		t.Fatal(err)
	}
	if err := cam.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cam.Close() })
	if cam.ClockOffset() == 0 {
		t.Fatal("the test camera's clock starts right")
	}
	return cam
}

func within(t *testing.T, what string, got, want, slack time.Duration) {
	t.Helper()
	if d := got - want; d > slack || d < -slack {
		t.Errorf("%s = %v, want %v ± %v", what, got, want, slack)
	}
}

func onlyEntry(t *testing.T, s *site, action journal.Action) journal.Entry {
	t.Helper()
	es := s.entries()
	if len(es) != 1 || es[0].Action != action || es[0].User != "root" || es[0].Camera.MAC == "" {
		t.Fatalf("journal %+v", es)
	}
	return es[0]
}

func TestCheckClockRecordsTheOffsetItMeasured(t *testing.T) {
	for _, gen := range camsim.Generations {
		t.Run(string(gen), func(t *testing.T) {
			t.Parallel()
			cam := skewedCamera(t, gen)
			s := newSite(t)
			var st steps
			r, err := CheckClock(context.Background(), s.env, targetOf(t, cam), rootLogin(), st.add)
			if err != nil {
				t.Fatal(err)
			}
			within(t, "offset", r.Offset, cam.ClockOffset(), r.Precision+300*time.Millisecond)
			e := onlyEntry(t, s, journal.CheckClock)
			within(t, "recorded offset", time.Duration(e.ClockOffsetMS)*time.Millisecond, r.Offset, time.Millisecond)
			if e.Outcome != journal.Done || e.Detail != "NTP from DHCP, UTC0" {
				t.Errorf("entry %+v", e)
			}
			if !st.has(StepLoggingIn) || !st.has(StepReadingClock) {
				t.Errorf("steps %+v", st.all)
			}
			s.noSecretsOnDisk(adminPassword)
		})
	}
}

func TestSetClockFollowsTimeServersAndRecordsTheNewOffset(t *testing.T) {
	for _, gen := range camsim.Generations {
		t.Run(string(gen), func(t *testing.T) {
			t.Parallel()
			cam := skewedCamera(t, gen)
			s := newSite(t)
			var st steps
			set := vapix.ClockSetting{NTPServers: []string{"10.0.0.1"}, TimeZone: "Europe/Stockholm"}
			r, err := SetClock(context.Background(), s.env, targetOf(t, cam), rootLogin(), set, st.add)
			if err != nil {
				t.Fatal(err)
			}
			within(t, "offset after", r.Offset, 0, r.Precision+300*time.Millisecond)
			e := onlyEntry(t, s, journal.SetClock)
			if e.Outcome != journal.Done || e.Detail != "NTP 10.0.0.1, Europe/Stockholm" || r.Setting() != "NTP 10.0.0.1, Europe/Stockholm" {
				t.Errorf("entry %+v, reading %+v", e, r)
			}
			if !st.has(StepSettingClock) || !st.has(StepReadingClock) {
				t.Errorf("steps %+v", st.all)
			}
		})
	}
}

func TestSetClockToThisComputersTimeIsRecordedInWords(t *testing.T) {
	cam := skewedCamera(t, camsim.Gen12)
	s := newSite(t)
	r, err := SetClock(context.Background(), s.env, targetOf(t, cam), rootLogin(), vapix.ClockSetting{ComputerTime: true, TimeZone: "Europe/Stockholm"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	within(t, "offset after", r.Offset, 0, r.Precision+300*time.Millisecond)
	if e := onlyEntry(t, s, journal.SetClock); e.Detail != "this computer's time, Europe/Stockholm" || r.Sync != vapix.SyncManual {
		t.Errorf("entry %+v, reading %+v", e, r)
	}
}

func TestCameraSideInputIsRefusedWithoutReachingTheCamera(t *testing.T) {
	s := newSite(t)
	s.env.Connect = func(context.Context, Target, ConnectOptions) (Client, error) {
		t.Fatal("the camera was reached")
		return nil, nil
	}
	ctx, target := context.Background(), Target{Host: "10.0.4.50"}
	_, err := SetClock(ctx, s.env, target, rootLogin(), vapix.ClockSetting{NTPServers: []string{"ntp server"}}, nil)
	if vapix.KindOf(err) != vapix.InvalidTimeServer {
		t.Errorf("time server: %v", err)
	}
	_, err = SetClock(ctx, s.env, target, rootLogin(), vapix.ClockSetting{TimeZone: "Nowhere/Some where"}, nil)
	if vapix.KindOf(err) != vapix.InvalidTimeZone {
		t.Errorf("time zone: %v", err)
	}
	for _, n := range [][2]string{{"", "Hall"}, {"Ga\nte", ""}, {"Gate", "Hall\t4"}, {strings.Repeat("x", 300), ""}} {
		if err := SetName(ctx, s.env, target, rootLogin(), n[0], n[1], nil); vapix.KindOf(err) != vapix.InvalidName {
			t.Errorf("name %q location %q: %v", n[0], n[1], err)
		}
	}
	if es := s.entries(); len(es) != 0 {
		t.Errorf("refused input was recorded: %+v", es)
	}
}

func TestTakeSnapshotReturnsTheJPEGAndRecordsIt(t *testing.T) {
	for _, gen := range camsim.Generations {
		t.Run(string(gen), func(t *testing.T) {
			t.Parallel()
			cam := startCamera(t, gen, admin())
			s := newSite(t)
			var st steps
			pic, err := TakeSnapshot(context.Background(), s.env, targetOf(t, cam), rootLogin(), st.add)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := jpeg.DecodeConfig(bytes.NewReader(pic)); err != nil {
				t.Errorf("not a JPEG: %v", err)
			}
			if e := onlyEntry(t, s, journal.Snapshot); e.Detail != "" || e.Outcome != journal.Done || !st.has(StepTakingSnapshot) {
				t.Errorf("entry %+v", e)
			}
		})
	}
}

func TestSetNameWritesNameAndLocationAndRecordsThemAsGiven(t *testing.T) {
	for _, gen := range camsim.Generations {
		t.Run(string(gen), func(t *testing.T) {
			t.Parallel()
			cam := startCamera(t, gen, admin())
			s := newSite(t)
			var st steps
			location := "Building 4, north entrance, second floor, above the door"
			if err := SetName(context.Background(), s.env, targetOf(t, cam), rootLogin(), "Entrance", location, st.add); err != nil {
				t.Fatal(err)
			}
			want := vapix.TrimFriendlyName("Entrance – " + location)
			if len(want) > vapix.MaxFriendlyNameBytes || !strings.HasPrefix(want, "Entrance – Building 4") {
				t.Fatalf("friendly name %q", want)
			}
			c, err := vapix.New(cam.HTTPURL(), vapix.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			c.SetCredentials("root", adminPassword)
			params, _, err := c.ListParams(context.Background(), "Network.Bonjour.FriendlyName", "Network.UPnP.FriendlyName")
			if err != nil || len(params) != 2 || params[0].Value != want || params[1].Value != want {
				t.Fatalf("params %+v, err %v", params, err)
			}
			if e := onlyEntry(t, s, journal.SetName); e.Detail != "Entrance – "+location || !st.has(StepNaming) {
				t.Errorf("entry %+v", e)
			}
		})
	}
}

func TestCameraSideRefusesAnotherCameraAtTheAddress(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, admin())
	s := newSite(t)
	target := targetOf(t, cam)
	target.MAC = "ACCC8E000001"
	if _, err := CheckClock(context.Background(), s.env, target, rootLogin(), nil); KindOf(err) != OtherCamera {
		t.Errorf("err %v", err)
	}
	if cam.Snapshot().Logins != 0 {
		t.Error("the password was sent to the other camera")
	}
}

func TestCameraSideOverPlainHTTPNeedsConsent(t *testing.T) {
	cam := startCamera(t, camsim.Gen11, admin())
	s := newSite(t)
	target := targetOf(t, cam)
	target.Scheme = HTTP
	var st steps
	_, err := TakeSnapshot(context.Background(), s.env, target, rootLogin(), st.add)
	if KindOf(err) != Unencrypted || !st.has(StepNoEncryption) || cam.Snapshot().Logins != 0 {
		t.Fatalf("err %v", err)
	}
	s.env.ConfirmPlainHTTP = func(context.Context, *Camera) bool { return true }
	if _, err := TakeSnapshot(context.Background(), s.env, target, rootLogin(), nil); err != nil {
		t.Fatal(err)
	}
	if es := s.entries(); len(es) != 1 || es[0].Outcome != journal.Done {
		t.Errorf("journal %+v", es)
	}
}

// setupOnly is a client that offers none of the camera-side calls.
type setupOnly struct{ Client }

func TestAClientWithoutTheCameraSideCallsIsReportedAsUnsupported(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, admin())
	s := newSite(t)
	inner := s.env.Connect
	s.env.Connect = func(ctx context.Context, t Target, o ConnectOptions) (Client, error) {
		c, err := inner(ctx, t, o)
		return setupOnly{c}, err
	}
	_, err := CheckClock(context.Background(), s.env, targetOf(t, cam), rootLogin(), nil)
	if vapix.KindOf(err) != vapix.Unsupported {
		t.Fatalf("err %v", err)
	}
	if es := s.entries(); len(es) != 1 || es[0].Outcome != journal.Failed || es[0].ErrorKey != "vapix.unsupported" {
		t.Errorf("journal %+v", es)
	}
}
