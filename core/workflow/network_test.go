package workflow

import (
	"context"
	"net/netip"
	"testing"
	"time"

	"github.com/openipu/openipu/core/arpping"
	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/vapix"
)

// movedBy is a site where the camera "moves" to the address it is given:
// the test's connector maps that address to it once the settings arrive.
func movedBy(t *testing.T, s *site, m *movingSite, cam *camsim.Camera, newAddr string) {
	t.Helper()
	connect := m.connect
	s.env.Connect = func(ctx context.Context, tg Target, o ConnectOptions) (Client, error) {
		c, err := connect(ctx, tg, o)
		if err != nil {
			return nil, err
		}
		return &moveOnSet{Client: c, move: func() { m.put(newAddr, cam) }}, nil
	}
}

type moveOnSet struct {
	Client
	move func()
}

func (c *moveOnSet) SetNetwork(ctx context.Context, cfg vapix.NetworkConfig) error {
	err := c.Client.SetNetwork(ctx, cfg)
	if err == nil {
		c.move()
	}
	return err
}

func staticConfig(addr string) vapix.NetworkConfig {
	return vapix.NetworkConfig{Address: netip.MustParsePrefix(addr + "/24")}
}

func TestChangeNetworkFindsTheCameraAtItsNewAddress(t *testing.T) {
	cam := startCamera(t, camsim.Gen11, admin())
	s := newSite(t)
	m := newMovingSite()
	m.put("10.0.4.50", cam)
	movedBy(t, s, m, cam, "10.0.4.60")
	target := Target{Host: "10.0.4.50", MAC: cam.MAC()}
	var st steps
	res, err := ChangeNetwork(context.Background(), s.env, target, rootLogin(), staticConfig("10.0.4.60"), Follow{Within: time.Minute, Every: 10 * time.Millisecond}, st.add)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Accepted || !res.Located || res.Found.Host != "10.0.4.60" {
		t.Errorf("result %+v", res)
	}
	if es := s.entries(); len(es) != 1 || es[0].Action != journal.SetIP || es[0].Detail != staticConfig("10.0.4.60").String() {
		t.Errorf("journal %+v", es)
	}
}

func TestChangeNetworkDoesNotTakeAnotherCameraAtTheNewAddressForTheMovedOne(t *testing.T) {
	cam := startCamera(t, camsim.Gen11, admin())
	other := startCamera(t, camsim.Gen12, nil)
	s := newSite(t)
	m := newMovingSite()
	m.put("10.0.4.50", cam)
	m.put("10.0.4.60", other)
	s.env.Connect = m.connect
	var st steps
	res, err := ChangeNetwork(context.Background(), s.env, Target{Host: "10.0.4.50", MAC: cam.MAC()}, rootLogin(), staticConfig("10.0.4.60"), Follow{Within: 300 * time.Millisecond, Every: 10 * time.Millisecond}, st.add)
	if KindOf(err) != NotFound || !res.Accepted || res.Located {
		t.Fatalf("result %+v, err %v", res, err)
	}
	what, _ := explain(err)
	if what == "" || !st.has(StepFollowing) {
		t.Errorf("explanation %q, steps %+v", what, st.all)
	}
}

func TestChangeNetworkToDHCPFollowsTheCameraThroughTheCandidatesGiven(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, admin())
	s := newSite(t)
	m := newMovingSite()
	m.put("10.0.4.50", cam)
	movedBy(t, s, m, cam, "10.0.4.77")
	var asked []string
	follow := Follow{Within: time.Minute, Every: 10 * time.Millisecond, Candidates: func(_ context.Context, mac string, since time.Time) []Target {
		asked = append(asked, mac)
		return []Target{{Host: "10.0.4.77"}}
	}}
	res, err := ChangeNetwork(context.Background(), s.env, Target{Host: "10.0.4.50", MAC: cam.MAC()}, rootLogin(), vapix.NetworkConfig{DHCP: true}, follow, nil)
	if err != nil || !res.Located || res.Found.Host != "10.0.4.77" {
		t.Fatalf("result %+v, err %v", res, err)
	}
	if len(asked) == 0 || asked[0] != cam.MAC() {
		t.Errorf("candidates asked for %v", asked)
	}
}

func TestChangeNetworkRefusesInvalidSettingsBeforeReachingTheCamera(t *testing.T) {
	s := newSite(t)
	s.env.Connect = func(context.Context, Target, ConnectOptions) (Client, error) {
		t.Fatal("the camera was reached")
		return nil, nil
	}
	_, err := ChangeNetwork(context.Background(), s.env, Target{Host: "10.0.4.50"}, rootLogin(), vapix.NetworkConfig{Address: netip.MustParsePrefix("10.0.4.0/24")}, Follow{}, nil)
	if err == nil {
		t.Fatal("a network address was accepted as a camera's address")
	}
}

type fakePinger struct{ err error }

func (fakePinger) Available(string) (bool, usermsg.Message) { return true, usermsg.Message{} }
func (p fakePinger) Assign(_ context.Context, _ arpping.Request, progress func(arpping.Progress)) error {
	progress(arpping.Progress{Step: arpping.StepPing, Attempt: 1})
	return p.err
}

func TestAssignByMACIsRecordedLikeAnyOtherNetworkChange(t *testing.T) {
	s := newSite(t)
	req := arpping.Request{MAC: "ac:cc:8e:27:0a:d8", Addr: netip.MustParseAddr("10.0.4.99"), Interface: "eth0"}
	if err := AssignByMAC(context.Background(), s.env, fakePinger{}, req, nil); err != nil {
		t.Fatal(err)
	}
	failed := &arpping.Error{Kind: arpping.NotTaken}
	if err := AssignByMAC(context.Background(), s.env, fakePinger{err: failed}, req, nil); err != failed {
		t.Fatalf("err %v", err)
	}
	es := s.entries()
	if len(es) != 2 || es[0].Camera.MAC != "ACCC8E270AD8" || es[0].Detail != "ARP/Ping 10.0.4.99" || es[0].Outcome != journal.Done || es[1].Outcome != journal.Failed || es[1].ErrorKey == "" {
		t.Errorf("journal %+v", es)
	}
}

func TestEveryStepAndOutcomeHasWordsInTheCatalogue(t *testing.T) {
	keys := map[string]bool{}
	for _, m := range Messages() {
		if m.Key == "" || m.Text == "" || keys[m.Key] {
			t.Errorf("bad or repeated message %+v", m)
		}
		keys[m.Key] = true
	}
	for step := StepIdentifying; step <= StepDeviceWait; step++ {
		for _, a := range []journal.Action{journal.SetPassword, journal.FactoryDefault, journal.Restart, journal.SetIP} {
			for _, phase := range []vapix.RebootPhase{vapix.RebootWaitingToGoDown, vapix.RebootDown, vapix.RebootBooting, vapix.RebootBack} {
				m := Progress{Step: step, Action: a, Reboot: vapix.RebootProgress{Phase: phase}}.Message()
				if !keys[m.Key] {
					t.Errorf("step %d of %s (phase %v): key %q not in the catalogue", step, a, phase, m.Key)
				}
			}
		}
	}
	for _, k := range []Kind{NoConnector, OtherCamera, BackupFailed, NotFound, Unencrypted, NoPinStore} {
		p := (&Error{Kind: k}).Explain()
		if !keys[p.What.Key] || !keys[p.Next.Key] {
			t.Errorf("%v explains itself with keys outside the catalogue: %+v", k, p)
		}
	}
}
