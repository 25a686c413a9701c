package dialogs

import (
	"context"
	"net/netip"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/gui/internal/fakes"
)

func openScanRange(t *testing.T, scanned *[]netip.Prefix) (*fakeFinder, *scanRangeDialog) {
	t.Helper()
	d := &fakes.Discoverer{OnScan: func(_ context.Context, p netip.Prefix, _ func(done, total int)) (int, error) {
		*scanned = append(*scanned, p)
		return 0, nil
	}}
	f := newFakeFinder(t, &fakes.Searcher{Discoverer: d, All: fakes.Office})
	f.Local = fakes.Office
	s := newScanRangeDialog(f)
	s.show(s.entry)
	return f, s
}

func TestScanRangeSuggestionIsSelectedWhenTheDialogOpensSoTypingReplacesIt(t *testing.T) {
	var scanned []netip.Prefix
	f, s := openScanRange(t, &scanned)
	if f.Win.Canvas().Focused() != s.entry {
		t.Fatalf("the range field does not have the focus: %v", f.Win.Canvas().Focused())
	}
	if got := s.entry.SelectedText(); got != "10.0.4.0/24" {
		t.Fatalf("selected %q, want the whole suggestion", got)
	}
	test.Type(s.entry, "192.168.5.0/24")
	if s.entry.Text != "192.168.5.0/24" {
		t.Errorf("typing over the suggestion gave %q", s.entry.Text)
	}
	s.entry.OnSubmitted(s.entry.Text) // Enter
	waitRun(t, s.frame)
	if len(scanned) != 1 || scanned[0].String() != "192.168.5.0/24" {
		t.Errorf("scanned %v, want what was typed", scanned)
	}
}

func TestScanRangeSelectsTheWholeRangeAgainWhenTheFieldGetsTheFocusByKeyboardOrMouse(t *testing.T) {
	var scanned []netip.Prefix
	f, s := openScanRange(t, &scanned)
	c := f.Win.Canvas()

	c.Focus(s.cancel)
	if c.Focused() == s.entry {
		t.Fatal("the focus did not move away")
	}
	c.Focus(s.entry)
	if got := s.entry.SelectedText(); got != "10.0.4.0/24" {
		t.Errorf("after the focus came back by the keyboard, selected %q", got)
	}

	c.Focus(s.cancel)
	press := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(20, 10)}, Button: desktop.MouseButtonPrimary}
	s.entry.MouseDown(press)
	s.entry.MouseUp(press)
	if c.Focused() != s.entry {
		t.Fatal("a click did not give the range field the focus")
	}
	if got := s.entry.SelectedText(); got != "10.0.4.0/24" {
		t.Errorf("after a click into the field, selected %q", got)
	}
	test.Type(s.entry, "10.0.5.0/24")
	if s.entry.Text != "10.0.5.0/24" {
		t.Errorf("typing after the click gave %q", s.entry.Text)
	}

	// A second click, into the field that has the focus, places the
	// cursor as usual.
	s.entry.MouseDown(press)
	s.entry.MouseUp(press)
	if got := s.entry.SelectedText(); got != "" {
		t.Errorf("a click into the focused field selected %q", got)
	}
}

func TestScanRangeSaysInWordsWhichAddressesTheTypedRangeHolds(t *testing.T) {
	var scanned []netip.Prefix
	_, s := openScanRange(t, &scanned)
	for typed, want := range map[string]string{
		"10.0.4.0/24":    "To be asked: addresses starting with 10.0.4.",
		"10.0.4.0/25":    "To be asked: addresses 10.0.4.0 to 10.0.4.127",
		"192.168.1.77":   "To be asked: addresses starting with 192.168.1.",
		"192.168.0.0/22": "To be asked: addresses 192.168.0.0 to 192.168.3.255",
		"10.0.":          "",
		"10.0.0.0/8":     "",
	} {
		s.entry.SetText(typed)
		if s.words.Text != want || s.words.Visible() != (want != "") {
			t.Errorf("%q is described as %q (shown %v), want %q", typed, s.words.Text, s.words.Visible(), want)
		}
	}
}
