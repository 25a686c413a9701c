package window

import (
	"context"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/demo"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
	"github.com/openipu/openipu/gui/widgets"
)

var testNow = time.Date(2026, 11, 26, 14, 30, 0, 0, time.Local)

// testCam is a camera as the engine reports it once probed.
func testCam(mac, ip, model, fw string, setup discovery.Setup) discovery.Device {
	addrs := []netip.Addr{netip.MustParseAddr(ip)}
	probe := discovery.ProbeAnswered
	d := discovery.Device{
		MAC: mac, Serial: mac, Model: model, FullName: model + " Network Camera", Firmware: fw,
		Name: model, Addresses: addrs, HTTPPort: 80, Setup: setup,
		Sources: []discovery.Source{discovery.SourceMDNS}, Interfaces: []string{"eth0"},
		FirstSeen: testNow.Add(-time.Minute), LastSeen: testNow, Enriched: true,
	}
	if !fakes.Office[1].Contains(addrs[0]) {
		probe = discovery.ProbeFailed
		d.Setup, d.Enriched, d.Firmware = discovery.SetupUnknown, false, ""
	}
	d.HTTPURL = "http://" + ip + "/"
	d.Diagnosis = discovery.Diagnose(addrs, fakes.Office, probe)
	return d
}

func lostCam(d discovery.Device) discovery.Device {
	d.Lost = true
	d.LastSeen = testNow.Add(-20 * time.Minute)
	d.Diagnosis = discovery.Diagnosis{Reach: discovery.ReachLost}
	return d
}

// fleetOfFive: two need a password, one is ready, one is on the factory
// address, one is lost.
func fleetOfFive() []discovery.Device {
	return []discovery.Device{
		testCam("ACCC8E000003", "10.0.4.103", "AXIS M1075-L", "11.11.192", discovery.SetupNeeded),
		testCam("ACCC8E000001", "10.0.4.21", "AXIS P3245-LVE", "10.12.240", discovery.SetupNeeded),
		testCam("B8A44F000002", "10.0.4.5", "AXIS Q1961-TE", "12.9.57", discovery.SetupDone),
		testCam("E82725000004", "192.168.0.90", "AXIS M3086-V", "", discovery.SetupUnknown),
		lostCam(testCam("00408C000005", "10.0.4.99", "AXIS M3066-V", "10.12.240", discovery.SetupDone)),
	}
}

type testWindow struct {
	*MainWindow
	ui *uitest.Loop
}

func newTestWindow(t *testing.T, d backend.Discoverer) *testWindow {
	t.Helper()
	b := &backend.Backend{}
	fakes.UseSearch(b, d)
	return newTestWindowOn(t, b)
}

// newTestWindowOn is a window on the world b.
func newTestWindowOn(t *testing.T, b *backend.Backend) *testWindow {
	t.Helper()
	t.Setenv("LANG", "en_US.UTF-8")
	if err := i18n.LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	// `make screenshots LANG=de_DE.UTF-8` draws them in German.
	if err := i18n.UseForScreenshots(); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	ui := uitest.NewLoop()
	w := NewWith(a, Options{Backend: b, Now: func() time.Time { return testNow }}, ui.Do)
	t.Cleanup(func() {
		w.Close()
		ui.Settle()
	})
	return &testWindow{MainWindow: w, ui: ui}
}

// waitRows runs the window until its table shows n cameras.
func (w *testWindow) waitRows(t *testing.T, n int) {
	t.Helper()
	w.ui.Until(t, "the table has rows", func() bool { return len(w.rows.view) == n })
}

// shownRows are the rows on screen, top to bottom, as their cells read.
func (w *testWindow) shownRows() [][]string {
	type shown struct {
		index int
		cells []string
	}
	var rows []shown
	uitest.WalkShown(w.win.Content(), func(o fyne.CanvasObject) {
		r, ok := o.(*cameraRow)
		if !ok || r.mac == "" || r.index >= len(w.rows.view) || w.rows.view[r.index] != r.mac {
			return
		}
		var cells []string
		for i, c := range r.cells {
			if column(i) == colChecklist && w.rows.handover == nil {
				continue // the column shows only while a handover is open
			}
			cells = append(cells, c.Text)
		}
		rows = append(rows, shown{r.index, cells})
	})
	slices.SortFunc(rows, func(a, b shown) int { return a.index - b.index })
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = r.cells
	}
	return out
}

// rowWidget finds the on-screen row of a camera.
func (w *testWindow) rowWidget(t *testing.T, mac string) *cameraRow {
	t.Helper()
	var found *cameraRow
	uitest.WalkShown(w.win.Content(), func(o fyne.CanvasObject) {
		if r, ok := o.(*cameraRow); ok && r.mac == mac && r.index < len(w.rows.view) && w.rows.view[r.index] == mac {
			found = r
		}
	})
	if found == nil {
		t.Fatalf("no row on screen for %s", mac)
	}
	return found
}

func column0(rows [][]string, c column) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r[c])
	}
	return out
}

// visibleTexts are the texts of the labels shown under o.
func visibleTexts(o fyne.CanvasObject) []string {
	var out []string
	uitest.WalkShown(o, func(x fyne.CanvasObject) {
		if l, ok := x.(*widget.Label); ok && l.Text != "" {
			out = append(out, l.Text)
		}
	})
	return out
}

// tapRow clicks a camera's row, with Ctrl or Shift held when mods says.
func (w *testWindow) tapRow(t *testing.T, mac string, mods fyne.KeyModifier) {
	t.Helper()
	r := w.rowWidget(t, mac)
	r.MouseDown(&desktop.MouseEvent{Modifier: mods})
	test.Tap(r)
}

// topDialog is the text shown on the dialog on top: its labels and
// buttons.
func topDialog(w fyne.Window) string {
	var out []string
	uitest.WalkShown(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *widgets.EscButton:
			out = append(out, x.Text)
		}
	})
	return strings.Join(out, "\n")
}

// startOffice starts the simulated office for a test or benchmark; it
// stops when ctx ends.
func startOffice(tb testing.TB, ctx context.Context, opts demo.Options) *backend.Backend {
	tb.Helper()
	b, err := demo.NewBackend(ctx, opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(b.Shutdown)
	return b
}
