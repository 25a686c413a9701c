package handover

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/testdir"
)

var t0 = time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)

func newStore(t *testing.T) *Store {
	t.Helper()
	st := NewStore(filepath.Join(testdir.New(t), "handovers"))
	tick := t0
	var mu sync.Mutex
	st.now = func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		tick = tick.Add(time.Second)
		return tick
	}
	return st
}

func entry(mac string, a journal.Action, o journal.Outcome) journal.Entry {
	return journal.Entry{
		Time: t0.Add(time.Minute), Action: a, Outcome: o, User: "admin",
		Camera: journal.Camera{MAC: mac, Serial: mac, Model: "AXIS M1075-L", Firmware: "12.9.57", Host: "10.0.0.5"},
	}
}

func TestWorkflowEntriesTickTheirStepsAndAFoundCameraIsAdded(t *testing.T) {
	st := newStore(t)
	l, err := st.Create("Östra Hamngatan 7, block B")
	if err != nil {
		t.Fatal(err)
	}
	const mac = "00408C1A2B3C"
	for _, e := range []journal.Entry{
		entry(mac, journal.Backup, journal.Done),
		entry(mac, journal.FactoryDefault, journal.Done),
		entry(mac, journal.SetPassword, journal.Done),
		entry(mac, journal.Restart, journal.Done), // no step: changes nothing
	} {
		if err := l.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	clock := entry(mac, journal.CheckClock, journal.Done)
	clock.ClockOffsetMS = -73200
	if err := l.Append(clock); err != nil {
		t.Fatal(err)
	}
	ip := entry(mac, journal.SetIP, journal.Done)
	ip.Detail = "10.0.4.20/24 gw 10.0.4.1"
	if err := l.Append(ip); err != nil {
		t.Fatal(err)
	}
	c, ok := l.Session().Camera(mac)
	if !ok {
		t.Fatal("the camera a workflow worked on was not added")
	}
	for _, s := range []Step{Found, Backup, Reset, Password, Clock, Network, Firmware} {
		if !c.Tick(s).Done {
			t.Errorf("step %s not ticked: %+v", s, c.Tick(s))
		}
	}
	if c.Tick(Password).User != "admin" || c.Tick(Clock).ClockOffsetMS != -73200 || !c.Tick(Clock).ClockRead {
		t.Errorf("password or clock details lost: %+v %+v", c.Tick(Password), c.Tick(Clock))
	}
	if c.Address != "10.0.4.20" || c.Tick(Firmware).Detail != "12.9.57" {
		t.Errorf("address %q firmware %q", c.Address, c.Tick(Firmware).Detail)
	}
	if c.HandedOver() || !reflect.DeepEqual(c.Open(), []Step{Name, Snapshot}) {
		t.Errorf("open steps %v", c.Open())
	}
}

func TestAFailureAfterASuccessKeepsTheTickAndShowsTheFailure(t *testing.T) {
	st := newStore(t)
	l, _ := st.Create("Site")
	const mac = "00408C1A2B3C"
	failed := entry(mac, journal.SetPassword, journal.Failed)
	failed.ErrorKey = "vapix.wrong_password"
	l.Append(failed)
	c, _ := l.Session().Camera(mac)
	if c.Tick(Password).Done || !c.Tick(Password).Failed() || c.Tick(Password).FailedKey != "vapix.wrong_password" {
		t.Fatalf("failure not recorded: %+v", c.Tick(Password))
	}
	ok := entry(mac, journal.SetPassword, journal.Done)
	ok.Time = failed.Time.Add(time.Minute)
	l.Append(ok)
	c, _ = l.Session().Camera(mac)
	if !c.Tick(Password).Done || c.Tick(Password).Failed() {
		t.Fatalf("a success did not clear the failure: %+v", c.Tick(Password))
	}
	again := failed
	again.Time = ok.Time.Add(time.Minute)
	l.Append(again)
	c, _ = l.Session().Camera(mac)
	if !c.Tick(Password).Done || !c.Tick(Password).Failed() {
		t.Fatalf("a later failure lost the success or was not shown: %+v", c.Tick(Password))
	}
	canceled := entry(mac, journal.SetIP, journal.Canceled)
	l.Append(canceled)
	c, _ = l.Session().Camera(mac)
	if _, ok := c.Steps[Network]; ok {
		t.Errorf("a canceled action ticked or failed its step: %+v", c.Steps[Network])
	}
}

func TestAHandTickNeedsANoteAndExclusionNeedsAReason(t *testing.T) {
	st := newStore(t)
	l, _ := st.Create("Site")
	const mac = "00408C1A2B3C"
	l.Found(Sighting{MAC: mac, Model: "AXIS P3245-LVE", Firmware: "11.11.192", Via: "Bonjour", On: "eth0"})
	if err := l.MarkDone(mac, Reset, "   "); !errors.Is(err, NoteRequired) {
		t.Fatalf("a hand tick without a note: %v", err)
	}
	if err := l.MarkDone(mac, "polish", "done"); !errors.Is(err, UnknownStep) {
		t.Fatalf("an unknown step: %v", err)
	}
	if err := l.MarkDone("FFFFFFFFFFFF", Reset, "done"); !errors.Is(err, UnknownCamera) {
		t.Fatalf("an unknown camera: %v", err)
	}
	if err := l.MarkDone(mac, Reset, "control button held on site\n"); err != nil {
		t.Fatal(err)
	}
	c, _ := l.Session().Camera(mac)
	if tk := c.Tick(Reset); !tk.Done || !tk.Manual || tk.Note != "control button held on site" {
		t.Errorf("hand tick %+v", tk)
	}
	if err := l.Exclude(mac, true, ""); !errors.Is(err, NoReason) {
		t.Fatalf("exclusion without a reason: %v", err)
	}
	if err := l.Exclude(mac, true, "belongs to the tenant"); err != nil {
		t.Fatal(err)
	}
	s := l.Session()
	if done, total := s.Progress(); done != 0 || total != 0 {
		t.Errorf("an excluded camera counted: %d of %d", done, total)
	}
	l.Exclude(mac, false, "")
	if _, total := l.Session().Progress(); total != 1 {
		t.Errorf("a camera taken back in is not counted")
	}
	if err := l.Undo(mac, Reset); err != nil {
		t.Fatal(err)
	}
	c, _ = l.Session().Camera(mac)
	if c.Tick(Reset).Done {
		t.Error("undo left the tick")
	}
}

func TestEveryRequiredStepDoneHandsTheCameraOver(t *testing.T) {
	st := newStore(t)
	l, _ := st.Create("Site")
	for i := range 3 {
		l.Found(Sighting{MAC: fmt.Sprintf("00408C00000%d", i), Model: "AXIS M1075-L", Firmware: "12.9.57"})
	}
	const mac = "00408C000000"
	for _, s := range []Step{Password, Network, Clock, Snapshot} {
		if err := l.MarkDone(mac, s, "done by the installer"); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Describe(mac, "Entrance", "car park, north wall"); err != nil {
		t.Fatal(err)
	}
	s := l.Session()
	if done, total := s.Progress(); done != 1 || total != 3 {
		t.Errorf("progress %d of %d, want 1 of 3", done, total)
	}
}

func TestFirmwareIsFlaggedWhenOneModelRunsSeveralVersions(t *testing.T) {
	st := newStore(t)
	l, _ := st.Create("Site")
	l.Found(Sighting{MAC: "00408C000001", Model: "AXIS M1075-L", Firmware: "12.9.57"})
	l.Found(Sighting{MAC: "00408C000002", Model: "AXIS M1075-L", Firmware: "12.6.85"})
	l.Found(Sighting{MAC: "00408C000003", Model: "AXIS P3245-LVE", Firmware: "11.11.192"})
	s := l.Session()
	mix := s.FirmwareMix()
	if !reflect.DeepEqual(mix, map[string][]string{"AXIS M1075-L": {"12.6.85", "12.9.57"}}) {
		t.Errorf("mix %v", mix)
	}
	c3, _ := s.Camera("00408C000003")
	c1, _ := s.Camera("00408C000001")
	if s.FirmwareDiffers(c3) || !s.FirmwareDiffers(c1) {
		t.Error("flagged the wrong camera")
	}
}

func TestDeviceTextIsCleanedAndBounded(t *testing.T) {
	st := newStore(t)
	l, _ := st.Create("Site")
	l.Found(Sighting{MAC: "00408c000001", Model: "AXIS\u202e\x1b[31m M1075\nL" + strings.Repeat("x", 5000)})
	c, ok := l.Session().Camera("00408C000001")
	if !ok {
		t.Fatal("a lower-case MAC was not taken")
	}
	if strings.ContainsAny(c.Model, "\u202e\x1b\n") || len([]rune(c.Model)) > maxText {
		t.Errorf("model kept controls or length: %q", c.Model[:40])
	}
	if err := l.Found(Sighting{MAC: "not-a-mac"}); err != nil || len(l.Session().Cameras) != 1 {
		t.Error("a sighting without a MAC was added")
	}
}

// The promise that no password is ever stored rests on the session having
// only named, typed fields; this fails if someone adds one that could hold
// anything, or one named like a password.
func TestSessionHasNoPlaceForAPassword(t *testing.T) {
	var check func(reflect.Type, string)
	check = func(tp reflect.Type, path string) {
		switch tp.Kind() {
		case reflect.Slice:
			check(tp.Elem(), path+"[]")
			return
		case reflect.Map:
			if tp.Key() != reflect.TypeOf(Step("")) {
				t.Errorf("%s is a map keyed by %s, which could hold anything", path, tp.Key())
			}
			check(tp.Elem(), path+"[step]")
			return
		case reflect.Struct:
			if tp == reflect.TypeOf(time.Time{}) {
				return
			}
			for i := range tp.NumField() {
				f := tp.Field(i)
				name := strings.ToLower(f.Name)
				if strings.Contains(name, "pass") || strings.Contains(name, "pwd") || strings.Contains(name, "secret") {
					t.Errorf("field %s.%s looks meant for a password", path, f.Name)
				}
				check(f.Type, path+"."+f.Name)
			}
			return
		case reflect.String, reflect.Bool, reflect.Int, reflect.Int64:
			return
		}
		t.Errorf("%s has kind %s, which could hold anything", path, tp.Kind())
	}
	check(reflect.TypeOf(Session{}), "Session")
}

func TestConcurrentRecordersAllLandAndTheFileMatches(t *testing.T) {
	st := newStore(t)
	l, _ := st.Create("Site")
	var wg sync.WaitGroup
	var heard sync.WaitGroup
	heard.Add(40)
	stop := l.OnChange(func(Session) { heard.Done() })
	defer stop()
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mac := fmt.Sprintf("00408C0000%02d", i)
			l.Append(entry(mac, journal.SetPassword, journal.Done))
			l.Append(entry(mac, journal.Backup, journal.Done))
		}()
	}
	wg.Wait()
	heard.Wait()
	again, err := st.Open(l.ID())
	if err != nil {
		t.Fatal(err)
	}
	if got := again.Session(); len(got.Cameras) != 20 || !reflect.DeepEqual(got.Cameras, l.Session().Cameras) {
		t.Errorf("the saved session differs from the live one: %d cameras", len(got.Cameras))
	}
}

func TestDetailsThisPackageWritesAreMessagesAndOthersAreShownAsTheyAre(t *testing.T) {
	st := newStore(t)
	l, _ := st.Create("Site")
	const mac = "00408C1A2B3C"
	l.Found(Sighting{MAC: mac, Via: "Bonjour, UPnP", On: "eth0", AnnouncedBy: "10.0.4.1"})
	hard := entry(mac, journal.FactoryDefault, journal.Done)
	hard.Detail = "hard"
	l.Append(hard)
	backup := entry(mac, journal.Backup, journal.Done)
	backup.Detail = "/home/anna/{{.Secret}} backup.txt"
	l.Append(backup)
	l.Describe(mac, "Entrance", "")
	c, _ := l.Session().Camera(mac)
	for _, tc := range []struct {
		step    Step
		key     string
		english string
	}{
		{Found, "handover.detail.found_announced", "Bonjour, UPnP on eth0, announced by 10.0.4.1"},
		{Reset, "handover.detail.reset_hard", "hard reset"},
		{Name, "handover.detail.name_kept", "kept in this handover"},
		{Backup, "", "/home/anna/{{.Secret}} backup.txt"},
	} {
		m := DetailMessage(c, tc.step)
		if m.Key != tc.key || m.String() != tc.english {
			t.Errorf("%s: key %q text %q, want %q %q", tc.step, m.Key, m.String(), tc.key, tc.english)
		}
	}
	if c.Tick(Found).Detail != "Bonjour, UPnP on eth0, announced by 10.0.4.1" {
		t.Errorf("the English detail kept for the CSV: %q", c.Tick(Found).Detail)
	}
	if m := DetailMessage(c, Snapshot); m.Text != "" {
		t.Errorf("a step without a detail: %+v", m)
	}
}

func TestClockPasswordAndNetworkRecordsAreShownAsMessages(t *testing.T) {
	for _, tc := range []struct {
		step         Step
		detail       string
		key, english string
	}{
		{Clock, "this computer's time, Europe/Stockholm", "handover.detail.clock_computer_zone", "this computer's time, time zone Europe/Stockholm"},
		{Clock, "manual", "handover.detail.clock_manual", "set by hand"},
		{Clock, "NTP from DHCP, UTC0", "handover.detail.clock_dhcp_zone", "time servers from DHCP, time zone UTC0"},
		{Clock, "NTP 10.0.0.1,10.0.0.2, Europe/Berlin", "handover.detail.clock_ntp_zone", "NTP 10.0.0.1,10.0.0.2, time zone Europe/Berlin"},
		{Clock, "time zone CET-1", "handover.detail.clock_zone", "time zone CET-1"},
		{Clock, "NTP 10.0.0.1", "", "NTP 10.0.0.1"},
		{Password, "asked for admin, firmware only accepts root", "handover.detail.password_root", "admin was refused: this firmware only accepts root"},
		{Network, "dhcp", "handover.detail.network_dhcp", "address from DHCP"},
		{Network, "10.0.4.50/24 gw 10.0.4.1 dns 10.0.4.2 10.0.4.3", "handover.detail.network_gateway_dns", "10.0.4.50/24, router 10.0.4.1, DNS 10.0.4.2, 10.0.4.3"},
		{Network, "10.0.4.50/24 gw 10.0.4.1", "handover.detail.network_gateway", "10.0.4.50/24, router 10.0.4.1"},
		{Network, "ARP/Ping 10.0.4.50", "", "ARP/Ping 10.0.4.50"},
	} {
		c := Camera{MAC: "00408C1A2B3C", Steps: map[Step]Tick{tc.step: {Done: true, Detail: tc.detail}}}
		m := DetailMessage(c, tc.step)
		if m.Key != tc.key || m.String() != tc.english {
			t.Errorf("%s %q: key %q text %q, want %q %q", tc.step, tc.detail, m.Key, m.String(), tc.key, tc.english)
		}
	}
}
