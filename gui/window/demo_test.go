package window

import (
	"context"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/demo"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/dialogs"
	"github.com/openipu/openipu/gui/internal/fakes"
)

// settledDemo runs the window until every simulated camera is in the table
// and probed.
func settledDemo(t *testing.T, w *testWindow) {
	t.Helper()
	w.ui.Until(t, "the simulated office is found", func() bool {
		if len(w.rows.view) != 8 {
			return false
		}
		for _, d := range w.rows.byMAC {
			if w.rows.state(d) == stateChecking {
				return false
			}
		}
		return true
	})
}

func TestTryWithSimulatedCamerasFindsTheOfficeAndActionsReachItsCameras(t *testing.T) {
	empty := &fakes.Discoverer{}
	w := newTestWindow(t, empty)
	started := make(chan string, 1)
	w.opts.StartDemo = func(ctx context.Context) (*backend.Backend, error) {
		b, err := demo.NewBackend(ctx, demo.Options{ComeAndGo: -1})
		if err == nil {
			t.Cleanup(b.Shutdown)
			started <- b.BackupDir
		}
		return b, err
	}
	w.refreshStatus()
	if !w.empty.demo.Visible() {
		t.Fatal("the empty state does not offer simulated cameras")
	}
	test.Tap(w.empty.demo)
	settledDemo(t, w)
	backups := <-started

	if w.win.Title() != "OpenIPU — simulated cameras" || !w.demoNote.Visible() {
		t.Errorf("title %q, note shown %v: the window must say the cameras are simulated", w.win.Title(), w.demoNote.Visible())
	}
	if got, want := w.bar.counts.Text, "8 cameras · 4 need a password · 1 unreachable"; got != want {
		t.Errorf("status bar %q, want %q", got, want)
	}
	if w.empty.root.Visible() {
		t.Error("empty state still shown")
	}

	var factory, fresh discovery.Device
	for _, d := range w.rows.byMAC {
		switch {
		case d.Diagnosis.Reach == discovery.ReachFactoryAddress:
			factory = d
		case d.Diagnosis.Reach == discovery.ReachOK && d.NeedsSetup():
			fresh = d
		}
	}
	w.tapRow(t, factory.MAC, 0)
	if w.details.suggest.Text != "Give this camera an address…" || w.details.buttons[actAssignIP].Disabled() {
		t.Errorf("factory-address camera: suggestion %q", w.details.suggest.Text)
	}

	deps := w.Backend()
	c, err := deps.Env.Connect(context.Background(), workflow.TargetOf(fresh), workflow.ConnectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	id, err := c.Identify(ctx)
	if err != nil || id.MAC != fresh.MAC || !id.NeedsSetup {
		t.Errorf("the actions' client reached %q (needs setup %v), err %v", id.MAC, id.NeedsSetup, err)
	}
	if !strings.HasPrefix(deps.BackupDir, filepath.Dir(backups)) || !strings.Contains(deps.BackupDir, "openipu-demo-") {
		t.Errorf("demo backups go to %q, not a folder of their own", deps.BackupDir)
	}
	if err := deps.Env.Journal.Append(journal.Entry{Action: journal.Restart, Camera: journal.Camera{MAC: factory.MAC}, Outcome: journal.Done}); err != nil {
		t.Errorf("the demo journal refuses entries: %v", err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(deps.BackupDir), "journal.jsonl")); err != nil {
		t.Errorf("the demo journal is not in the demo folder: %v", err)
	}
	if local := dialogs.Local(w.Backend()); len(local) != 2 || local[1].Name != demo.Interface {
		t.Errorf("the window's connections are %v, want the simulated computer's connections", local)
	}
}

func TestAnAddressAssignedInTheDemoMovesTheCameraThereInTheTable(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := newTestWindowOn(t, startOffice(t, ctx, demo.Options{ComeAndGo: -1}))
	settledDemo(t, w)
	var factory discovery.Device
	for _, dev := range w.rows.byMAC {
		if dev.Diagnosis.Reach == discovery.ReachFactoryAddress {
			factory = dev
		}
	}
	// The simulated computer reaches the factory address only once it has
	// an address on that network too, as a real one does.
	if _, err := w.Backend().Env.Connect(ctx, workflow.TargetOf(factory), workflow.ConnectOptions{}); err == nil {
		t.Fatal("the simulated computer reached 192.168.0.90 without an address on that network")
	}
	second, err := w.Backend().SecondAddress.Add(ctx, demo.Interface, netip.MustParsePrefix("192.168.0.213/24"))
	if err != nil {
		t.Fatal(err)
	}
	defer second.Remove(ctx)
	c, err := w.Backend().Env.Connect(ctx, workflow.TargetOf(factory), workflow.ConnectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	octx, ocancel := context.WithTimeout(ctx, 10*time.Second)
	defer ocancel()
	if _, err := c.CreateFirstAccount(octx, "admin", "Moved-camera-4821"); err != nil {
		t.Fatal(err)
	}
	if err := c.SetNetwork(octx, vapix.NetworkConfig{Address: netip.MustParsePrefix("10.0.4.150/24")}); err != nil {
		t.Fatal(err)
	}
	w.ui.Until(t, "the camera shows at its new address, reachable", func() bool {
		dev := w.rows.byMAC[factory.MAC]
		return len(dev.Addresses) > 0 && dev.Addresses[0] == netip.MustParseAddr("10.0.4.150") && w.rows.state(dev) == stateReady
	})
	if got := w.bar.counts.Text; got != "8 cameras · 4 need a password" {
		t.Errorf("status bar %q: the moved camera should no longer count as unreachable", got)
	}
}
