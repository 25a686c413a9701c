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
