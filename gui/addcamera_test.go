package gui

import (
	"context"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/vapix"
)

func TestAddByIPExplainsInPlainWordsWhenNothingAnswers(t *testing.T) {
	d := newFakeDisc()
	d.addHost = func(ctx context.Context, host string) (discovery.Device, error) {
		return discovery.Device{}, &vapix.Error{Kind: vapix.NoAnswer, Op: "identify the camera", Host: host}
	}
	w := newTestWindow(t, d)
	test.Tap(w.toolbar.add)
	a := w.addDialog
	test.Type(a.entry, "10.0.4.77")
	test.Tap(a.add)
	w.ui.until(t, "the answer", func() bool { return a.problem.Visible() })

	want := "Nothing answered at 10.0.4.77.\nCheck that the camera has power and a network cable, that the address is right, and that this computer is on the same network."
	if a.problem.Text != want {
		t.Errorf("problem:\n%q\nwant\n%q", a.problem.Text, want)
	}
	if a.entry.Disabled() || a.add.Disabled() || a.progress.Visible() {
		t.Error("the dialog does not let the user correct the address")
	}
	if !strings.Contains(strings.Join(visibleTexts(w.win.Canvas().Overlays().Top()), "\n"), "Nothing answered") {
		t.Error("the problem is not on screen")
	}
}

func TestAddByIPWithNothingTypedAsksForAnAddressWithoutSearching(t *testing.T) {
	var calls atomic.Int32
	d := newFakeDisc()
	d.addHost = func(ctx context.Context, host string) (discovery.Device, error) {
		calls.Add(1)
		return discovery.Device{}, nil
	}
	w := newTestWindow(t, d)
	w.showAddCamera()
	test.Type(w.addDialog.entry, "   ")
	test.Tap(w.addDialog.add)
	if !strings.Contains(w.addDialog.problem.Text, "Type the camera's IP address") || calls.Load() != 0 {
		t.Errorf("problem %q after %d searches", w.addDialog.problem.Text, calls.Load())
	}
}

func TestAddByIPSelectsTheCameraItFound(t *testing.T) {
	found := testCam("ACCC8E0000AA", "10.0.4.200", "AXIS M1075-L", "11.11.192", discovery.SetupNeeded)
	d := newFakeDisc()
	d.addHost = func(ctx context.Context, host string) (discovery.Device, error) {
		if host != "10.0.4.200" {
			t.Errorf("asked for %q", host)
		}
		return found, nil
	}
	w := newTestWindow(t, d)
	w.showAddCamera()
	a := w.addDialog
	test.Type(a.entry, " 10.0.4.200 ")
	a.entry.OnSubmitted(a.entry.Text) // Enter
	w.ui.until(t, "the dialog closes", func() bool { return a.closed })
	if w.selected != found.MAC || w.details.title.Text != found.FullName {
		t.Errorf("selected %q, details %q", w.selected, w.details.title.Text)
	}
}

func TestCancelStopsAddByIPAndIgnoresItsLateAnswer(t *testing.T) {
	started := make(chan struct{})
	d := newFakeDisc()
	d.addHost = func(ctx context.Context, host string) (discovery.Device, error) {
		close(started)
		<-ctx.Done()
		return discovery.Device{}, &vapix.Error{Kind: vapix.Canceled, Err: ctx.Err()}
	}
	w := newTestWindow(t, d)
	w.showAddCamera()
	a := w.addDialog
	test.Type(a.entry, "10.0.4.9")
	test.Tap(a.add)
	<-started
	test.Tap(a.cancel)
	w.ui.settle()
	if !a.closed || a.problem.Visible() || len(w.rows.view) != 0 {
		t.Errorf("after cancel: closed %v, problem shown %v", a.closed, a.problem.Visible())
	}
}

func TestEscapeClosesTheWindowsDialogsWhereverTheFocusIs(t *testing.T) {
	s := &fakeSearcher{fakeDisc: newFakeDisc(), all: office}
	w := newTestWindow(t, s)

	w.showAddCamera()
	w.addDialog.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !w.addDialog.closed || w.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape in the address field left Add camera open")
	}

	w.showScanRange()
	w.win.Canvas().Unfocus()
	w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !w.scanDialog.closed || w.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape with nothing focused left Scan open")
	}

	w.showInterfaces()
	w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape left the connection chooser open")
	}
	before := s.refreshes
	w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5})
	if s.refreshes != before+1 {
		t.Error("F5 does not search again once the dialogs are closed")
	}
}

func TestScanRangeRefusesWhatItCannotScanInPlainWords(t *testing.T) {
	for _, tc := range []struct{ typed, want string }{
		{"", "Type the range to scan"},
		{"10.0.0.0/16", "10.0.0.0/16 holds 65536 addresses; at most 1024 (a /22) can be scanned at once. Scan a smaller part, for example 10.0.0.0/24."},
		{"printer", "“printer” is not an address range"},
		{"fe80::/120", "Only IPv4 ranges"},
	} {
		if _, got := parseRange(tc.typed); !strings.Contains(got, tc.want) {
			t.Errorf("%q: %q, want it to contain %q", tc.typed, got, tc.want)
		}
	}
	for typed, want := range map[string]string{"10.0.4.0/24": "10.0.4.0/24", "10.0.4.77": "10.0.4.0/24", "172.16.0.9/22": "172.16.0.0/22"} {
		if p, bad := parseRange(typed); bad != "" || p.String() != want {
			t.Errorf("%q: %v %q, want %s", typed, p, bad, want)
		}
	}
}

func TestScanRangeShowsProgressAndWhatItFound(t *testing.T) {
	release := make(chan struct{})
	d := newFakeDisc()
	d.scan = func(ctx context.Context, p netip.Prefix, progress func(done, total int)) (int, error) {
		if p.String() != "10.0.4.0/24" {
			t.Errorf("scanning %v", p)
		}
		progress(127, 254)
		<-release
		progress(254, 254)
		return 2, nil
	}
	s := &fakeSearcher{fakeDisc: d, all: office}
	w := newTestWindow(t, s)
	test.Tap(w.toolbar.scan)
	sd := w.scanDialog
	if sd.entry.Text != "10.0.4.0/24" {
		t.Errorf("suggested range %q, want the computer's network", sd.entry.Text)
	}
	test.Tap(sd.scan)
	w.ui.until(t, "progress", func() bool { return sd.progress.Value == 0.5 })
	if sd.detail.Text != "Checked 127 of 254 addresses…" || !sd.scan.Disabled() {
		t.Errorf("progress text %q, scan button disabled %v", sd.detail.Text, sd.scan.Disabled())
	}
	close(release)
	w.ui.until(t, "the result", func() bool { return !sd.running })
	if sd.detail.Text != "Found 2 cameras. They are in the list now." || sd.cancel.Text != "Close" {
		t.Errorf("result %q, button %q", sd.detail.Text, sd.cancel.Text)
	}
}
