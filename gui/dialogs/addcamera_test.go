package dialogs

import (
	"context"
	"net/netip"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
)

func openAddCamera(t *testing.T, d *fakes.Discoverer) (*fakeFinder, *addCameraDialog) {
	t.Helper()
	f := newFakeFinder(t, d)
	a := newAddCameraDialog(f)
	a.show(a.entry)
	return f, a
}

func TestAddByIPExplainsInPlainWordsWhenNothingAnswers(t *testing.T) {
	d := &fakes.Discoverer{OnAddHost: func(ctx context.Context, host string) (discovery.Device, error) {
		return discovery.Device{}, &vapix.Error{Kind: vapix.NoAnswer, Op: "identify the camera", Host: host}
	}}
	f, a := openAddCamera(t, d)
	test.Type(a.entry, "10.0.4.77")
	test.Tap(a.primary)
	waitRun(t, a.frame)

	want := "Nothing answered at 10.0.4.77.\nCheck that the camera has power and a network cable, that the address is right, and that this computer is on the same network."
	if got := a.problem.Text.Text + "\n" + a.problem.Next.Text; got != want {
		t.Errorf("problem:\n%q\nwant\n%q", got, want)
	}
	if a.entry.Disabled() || a.primary.Disabled() || a.progress.Visible() {
		t.Error("the dialog does not let the user correct the address")
	}
	if !strings.Contains(uitest.OverlayTexts(f.Win), "Nothing answered") || !a.problem.Shown() {
		t.Error("the problem is not on screen")
	}
}

func TestAddByIPWithNothingTypedAsksForAnAddressWithoutSearching(t *testing.T) {
	var calls atomic.Int32
	d := &fakes.Discoverer{OnAddHost: func(ctx context.Context, host string) (discovery.Device, error) {
		calls.Add(1)
		return discovery.Device{}, nil
	}}
	_, a := openAddCamera(t, d)
	test.Type(a.entry, "   ")
	test.Tap(a.primary)
	if !strings.Contains(a.problem.Text.Text, "Type the camera's IP address") || calls.Load() != 0 || a.running {
		t.Errorf("problem %q after %d searches", a.problem.Text.Text, calls.Load())
	}
}

func TestAddByIPRefusesAPasswordTypedAsTheAddressInPlainWordsWithoutLookingItUp(t *testing.T) {
	var calls atomic.Int32
	d := &fakes.Discoverer{OnAddHost: func(ctx context.Context, host string) (discovery.Device, error) {
		calls.Add(1)
		return discovery.Device{}, nil
	}}
	_, a := openAddCamera(t, d)
	test.Type(a.entry, "Tr0ub4dor")
	test.Tap(a.primary)
	if calls.Load() != 0 || a.running {
		t.Fatalf("looked up %d times (running %v)", calls.Load(), a.running)
	}
	shown := a.problem.Text.Text + "\n" + a.problem.Next.Text
	if want := "This looks like a password rather than a camera's address, so it was not used.\nType the camera's IP address, for example 192.168.1.50, or its name in small letters."; shown != want || !a.problem.Shown() {
		t.Errorf("problem:\n%q\nwant\n%q", shown, want)
	}
	noSecret(t, "the reason", shown, "Tr0ub4dor")
	if a.entry.Disabled() || a.primary.Disabled() {
		t.Error("the dialog does not let the user correct the address")
	}
}

func TestAddByIPHandsTheCameraItFoundToTheWindowAndCloses(t *testing.T) {
	found := fakes.Camera("ACCC8E0000AA", discovery.SetupNeeded, "192.168.1.200")
	d := &fakes.Discoverer{OnAddHost: func(ctx context.Context, host string) (discovery.Device, error) {
		if host != "192.168.1.200" {
			t.Errorf("asked for %q", host)
		}
		return found, nil
	}}
	f, a := openAddCamera(t, d)
	test.Type(a.entry, " 192.168.1.200 ")
	a.entry.OnSubmitted(a.entry.Text) // Enter
	waitRun(t, a.frame)
	if !a.closed {
		t.Error("the dialog stays open after the camera was found")
	}
	if len(f.found) != 1 || len(f.found[0]) != 1 || f.found[0][0].MAC != found.MAC {
		t.Errorf("the window was shown %v", f.found)
	}
}

func TestCancelStopsAddByIPAndIgnoresItsLateAnswer(t *testing.T) {
	started := make(chan struct{})
	d := &fakes.Discoverer{OnAddHost: func(ctx context.Context, host string) (discovery.Device, error) {
		close(started)
		<-ctx.Done()
		return discovery.Device{}, &vapix.Error{Kind: vapix.Canceled, Err: ctx.Err()}
	}}
	f, a := openAddCamera(t, d)
	test.Type(a.entry, "10.0.4.9")
	test.Tap(a.primary)
	<-started
	if a.cancel.Text != "Cancel" {
		t.Errorf("while adding, Cancel reads %q", a.cancel.Text)
	}
	test.Tap(a.cancel)
	f.UI.Settle()
	if !a.closed || a.problem.Shown() || len(f.found) != 0 {
		t.Errorf("after cancel: closed %v, problem shown %v, cameras shown %v", a.closed, a.problem.Shown(), f.found)
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
	d := &fakes.Discoverer{OnScan: func(ctx context.Context, p netip.Prefix, progress func(done, total int)) (int, error) {
		if p.String() != "10.0.4.0/24" {
			t.Errorf("scanning %v", p)
		}
		progress(127, 254)
		<-release
		progress(254, 254)
		return 2, nil
	}}
	f := newFakeFinder(t, &fakes.Searcher{Discoverer: d, All: fakes.Office})
	f.Local = fakes.Office
	s := newScanRangeDialog(f)
	s.show(s.entry)
	if s.entry.Text != "10.0.4.0/24" {
		t.Errorf("suggested range %q, want the computer's network", s.entry.Text)
	}
	test.Tap(s.primary)
	f.UI.Until(t, "progress", func() bool { return s.measured.Value == 0.5 })
	if s.status.Text != "Checked 127 of 254 addresses…" || !s.primary.Disabled() {
		t.Errorf("progress text %q, scan button disabled %v", s.status.Text, s.primary.Disabled())
	}
	close(release)
	waitRun(t, s.frame)
	if s.status.Text != "Found 2 cameras. They are in the list now." || s.cancel.Text != "Close" {
		t.Errorf("result %q, button %q", s.status.Text, s.cancel.Text)
	}
	if len(f.found) != 1 {
		t.Error("the window was not told the scan found cameras")
	}
}

func TestInterfaceChooserTicksTheSearchedConnectionsAndStartsOverOnTheTickedOnes(t *testing.T) {
	s := &fakes.Searcher{Discoverer: &fakes.Discoverer{}, All: fakes.Office}
	f := newFakeFinder(t, s)
	f.searched = fakes.Office[1:3] // eth0 and tailscale0, the usable ones
	ShowInterfaces(f)
	if !strings.Contains(uitest.OverlayTexts(f.Win), "Network connections to search") {
		t.Fatal("no chooser opened")
	}
	f.Win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if f.Win.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape left the chooser open")
	}

	c := newInterfacesDialog(f, fakes.Office)
	c.show(nil)
	if got := c.chosen(); !slices.Equal(got, []string{"eth0", "tailscale0"}) {
		t.Fatalf("ticked at first: %q, want the connections being searched", got)
	}
	if !c.checks["lo"].Disabled() || !c.checks["wlan0"].Disabled() {
		t.Error("loopback or a disconnected adapter can be ticked")
	}
	texts := uitest.OverlayTexts(f.Win)
	if !strings.Contains(texts, "Looks virtual") || !strings.Contains(texts, "Not connected") {
		t.Errorf("chooser does not say which connections are virtual or down:\n%s", texts)
	}
	test.Tap(c.checks["tailscale0"])
	test.Tap(c.primary)
	if len(s.Asked()) != 1 || !slices.Equal(s.Asked()[0], []string{"eth0"}) {
		t.Fatalf("restarted with %q, want [eth0]", s.Asked())
	}
	if len(f.searchWiths) != 1 || f.searchWiths[0] != backend.Discoverer(s.Next()[0]) || !c.closed {
		t.Errorf("the window was handed %v (closed %v), want the new search", f.searchWiths, c.closed)
	}
}
