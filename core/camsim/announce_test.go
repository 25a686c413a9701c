package camsim_test

import (
	"net/netip"
	"sync"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
)

type event struct {
	what string
	info camsim.AnnounceInfo
}

// recorder is an Announcer that remembers what it was told.
type recorder struct {
	mu  sync.Mutex
	log []event
}

func (r *recorder) Announce(info camsim.AnnounceInfo) { r.add("announce", info) }
func (r *recorder) Withdraw(info camsim.AnnounceInfo) { r.add("withdraw", info) }

func (r *recorder) add(what string, info camsim.AnnounceInfo) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.log = append(r.log, event{what, info})
}

func (r *recorder) events() []event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]event(nil), r.log...)
}

func TestAnnouncersHearStartResetAndClose(t *testing.T) {
	for _, tc := range []struct {
		gen     camsim.Generation
		bonjour string
	}{
		{camsim.Gen10, "AXIS P3245-LVE - 00408C010203"},
		{camsim.Gen11, "AXIS M1075-L"},
		{camsim.Gen12, "AXIS Q1961-TE"},
	} {
		t.Run(string(tc.gen), func(t *testing.T) {
			t.Parallel()
			rec := &recorder{}
			cam, err := camsim.New(camsim.Config{Generation: tc.gen, MAC: "00408C010203", ResetDowntime: testDowntime, GoDownAfter: testGoDown, Announcers: []camsim.Announcer{rec}})
			if err != nil {
				t.Fatal(err)
			}
			if err := cam.Start(); err != nil {
				t.Fatal(err)
			}
			ev := rec.events()
			if len(ev) != 1 || ev[0].what != "announce" {
				t.Fatalf("after Start: %+v", ev)
			}
			info := ev[0].info
			wantHTTP := netip.MustParseAddrPort(cam.HTTPURL()[len("http://"):])
			if info.MAC != "00408C010203" || info.Generation != tc.gen || info.Firmware != tc.gen.FirmwareVersion() ||
				info.HTTPAddr != wantHTTP || !info.HTTPSAddr.IsValid() || !info.NeedsSetup ||
				info.FriendlyNameBonjour != tc.bonjour || info.FriendlyNameUPnP != info.ProdShortName+" - 00408C010203" ||
				info.FullName == "" || info.Model != cam.Model() {
				t.Errorf("announce info %+v", info)
			}
			cam.PowerCycle(false)
			waitFor(t, "withdraw and announce", 5*time.Second, func() bool { return len(rec.events()) == 3 })
			ev = rec.events()
			if ev[1].what != "withdraw" || ev[2].what != "announce" || ev[2].info.HTTPAddr != wantHTTP {
				t.Errorf("reset events %+v", ev[1:])
			}
			if err := cam.Close(); err != nil {
				t.Fatal(err)
			}
			ev = rec.events()
			if len(ev) != 4 || ev[3].what != "withdraw" {
				t.Errorf("after Close: %+v", ev)
			}
		})
	}
}

// gate is an Announcer that holds each announcement until the test has
// looked at the camera, so the test sees what anyone would see while the
// announcement is on its way.
type gate struct {
	held    chan camsim.AnnounceInfo
	release chan struct{}
	done    chan struct{} // closed at the end of the test: stop holding
}

func newGate(t *testing.T) *gate {
	g := &gate{held: make(chan camsim.AnnounceInfo), release: make(chan struct{}), done: make(chan struct{})}
	t.Cleanup(func() { close(g.done) })
	return g
}

func (g *gate) Announce(info camsim.AnnounceInfo) {
	select {
	case g.held <- info:
		<-g.release
	case <-g.done:
	}
}

func (g *gate) Withdraw(camsim.AnnounceInfo) {}

// whileAnnouncing waits for the camera's next announcement and runs look
// while it is held.
func (g *gate) whileAnnouncing(t *testing.T, look func(camsim.AnnounceInfo)) {
	t.Helper()
	select {
	case info := <-g.held:
		look(info)
		g.release <- struct{}{}
	case <-time.After(10 * time.Second):
		t.Fatal("the camera never announced itself")
	}
}

// startGated starts a camera whose only announcer is a gate, checking that
// it is not online before its first announcement is out.
func startGated(t *testing.T, cfg camsim.Config) (*camsim.Camera, *gate) {
	t.Helper()
	cfg.ResetDowntime, cfg.GoDownAfter, cfg.BootingFor = testDowntime, testGoDown, -1
	g := newGate(t)
	cfg.Announcers = []camsim.Announcer{g}
	cam, err := camsim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cam.Close() })
	started := make(chan error, 1)
	go func() { started <- cam.Start() }()
	g.whileAnnouncing(t, notOnlineYet(t, cam, "starting"))
	if err := <-started; err != nil {
		t.Fatal(err)
	}
	return cam, g
}

// notOnlineYet checks, while the camera's announcement is held, that
// nobody can see it on the network yet.
func notOnlineYet(t *testing.T, cam *camsim.Camera, when string) func(camsim.AnnounceInfo) {
	return func(info camsim.AnnounceInfo) {
		t.Helper()
		if cam.Snapshot().Online {
			t.Errorf("%s: online before its announcement (%v) is out", when, info.Addrs)
		}
		if a := cam.Addresses(); len(a) > 0 {
			t.Errorf("%s: answers on %v before its announcement (%v) is out", when, a, info.Addrs)
		}
	}
}

func TestCameraIsAnnouncedBeforeItIsOnlineAtStartAndAfterAReset(t *testing.T) {
	cam, g := startGated(t, camsim.Config{Generation: camsim.Gen11})
	if !cam.Snapshot().Online {
		t.Error("not online once Start returned")
	}
	cam.PowerCycle(true)
	g.whileAnnouncing(t, notOnlineYet(t, cam, "coming back"))
	waitFor(t, "the camera to come back", 5*time.Second, func() bool { return cam.Snapshot().Online })
}
