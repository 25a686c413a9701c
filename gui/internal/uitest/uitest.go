// Package uitest is what the gui packages' tests share: a stand-in for
// Fyne's goroutine, reading what is on screen, and the drawing of
// screenshots. Only tests import it, so none of it is built into the
// program.
package uitest

import (
	"bytes"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/widgets"
)

// Loop stands in for Fyne's main goroutine: the code under test hands work
// to it through Do, as it hands work to fyne.Do in the app, and the test
// goroutine runs that work, so widgets are touched by one goroutine only.
type Loop struct{ q chan func() }

// NewLoop makes an empty loop.
func NewLoop() *Loop { return &Loop{q: make(chan func(), 4096)} }

// Do queues f for the test goroutine.
func (l *Loop) Do(f func()) { l.q <- f }

// Until runs queued work until cond holds, for at most ten seconds.
func (l *Loop) Until(t testing.TB, what string, cond func() bool) {
	t.Helper()
	l.UntilWithin(t, 10*time.Second, what, cond)
}

// UntilWithin runs queued work until cond holds, for at most limit.
func (l *Loop) UntilWithin(t testing.TB, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(limit)
	for {
		if cond() {
			return
		}
		select {
		case f := <-l.q:
			f()
		case <-deadline:
			t.Fatalf("timed out waiting until %s", what)
		}
	}
}

// Drain runs the work queued so far and returns without waiting for more.
func (l *Loop) Drain() {
	for {
		select {
		case f := <-l.q:
			f()
		default:
			return
		}
	}
}

// Settle runs queued work until none arrives for a moment: for the end of
// a test, when goroutines that are stopping may still hand something over.
func (l *Loop) Settle() {
	for {
		select {
		case f := <-l.q:
			f()
		case <-time.After(150 * time.Millisecond):
			return
		}
	}
}

// Pinned is a theme held to light or dark, for pictures of both.
func Pinned(th fyne.Theme, variant fyne.ThemeVariant) fyne.Theme {
	return pinned{Theme: th, variant: variant}
}

type pinned struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (p pinned) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return p.Theme.Color(n, p.variant)
}

// ShotDir is the folder screenshots are written to, made if need be.
// Pictures are for people to look at, not for a test to compare, so they
// are drawn only when asked: .ci/screenshots sets OPENIPU_SCREENSHOTS to
// the folder, and without it the test is skipped.
func ShotDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("OPENIPU_SCREENSHOTS")
	if dir == "" {
		t.Skip("set OPENIPU_SCREENSHOTS=<folder> to write screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Variants are the themes screenshots are drawn in, by the name their
// files carry.
var Variants = []struct {
	Name    string
	Variant fyne.ThemeVariant
}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}}

// ShotSize is the size of every screenshot of the window.
var ShotSize = fyne.NewSize(1240, 740)

// Shoot writes what win shows, dialogs included, to path as a PNG.
func Shoot(t testing.TB, win fyne.Window, path string) {
	t.Helper()
	ShootAt(t, win, ShotSize, path)
}

// ShootAt is Shoot with the window at size: the smallest window the app
// supports is looked at too.
func ShootAt(t testing.TB, win fyne.Window, size fyne.Size, path string) {
	t.Helper()
	win.Resize(size)
	// The app's driver re-lays out whatever changed size before each frame;
	// the test canvas does not, so do it here, twice, as sizes settle.
	for range 2 {
		Relayout(win.Content())
		for _, o := range win.Canvas().Overlays().List() {
			Relayout(o)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, win.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}

// Relayout lays o and everything in it out again at their current sizes.
func Relayout(o fyne.CanvasObject) {
	switch x := o.(type) {
	case *fyne.Container:
		if x.Layout != nil {
			x.Layout.Layout(x.Objects, x.Size())
		}
		for _, c := range x.Objects {
			Relayout(c)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		r.Layout(x.Size())
		for _, c := range r.Objects() {
			Relayout(c)
		}
	}
}

// Walk visits o and everything under it, hidden or not.
func Walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) { walk(o, false, f) }

// WalkShown visits o and everything under it that is not hidden.
func WalkShown(o fyne.CanvasObject, f func(fyne.CanvasObject)) { walk(o, true, f) }

func walk(o fyne.CanvasObject, shownOnly bool, f func(fyne.CanvasObject)) {
	if o == nil || shownOnly && !o.Visible() {
		return
	}
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, shownOnly, f)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, shownOnly, f)
		}
	}
}

// Texts is every piece of text o draws, widgets' own text and what their
// renderers paint, entries' placeholders included, hidden or not.
func Texts(o fyne.CanvasObject) []string {
	var out []string
	Walk(o, func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *canvas.Text:
			out = append(out, v.Text)
		case *widget.Label:
			out = append(out, v.Text)
		case *widgets.EscEntry:
			out = append(out, v.Text, v.PlaceHolder)
		case *widget.Entry:
			out = append(out, v.Text, v.PlaceHolder)
		case *widget.Button:
			out = append(out, v.Text)
		case *widgets.EscButton:
			out = append(out, v.Text)
		}
	})
	return out
}

// OverlayTexts is the Texts of every dialog on the window, a line each.
func OverlayTexts(w fyne.Window) string {
	var all []string
	for _, o := range w.Canvas().Overlays().List() {
		all = append(all, Texts(o)...)
	}
	return strings.Join(all, "\n")
}

// TopTexts is the Texts of the dialog on top, a line each.
func TopTexts(w fyne.Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	return strings.Join(Texts(top), "\n")
}

// Painted is only the text o paints, a line each: unlike Texts it holds
// the dots a password entry shows, never the password.
func Painted(o fyne.CanvasObject) string {
	var out []string
	Walk(o, func(o fyne.CanvasObject) {
		if t, ok := o.(*canvas.Text); ok {
			out = append(out, t.Text)
		}
	})
	return strings.Join(out, "\n")
}

// CutWords lists the texts on w's dialogs that the user cannot read whole:
// drawn narrower than they need, running past the window's right edge, or
// shortened with "…" by a label that truncates.
func CutWords(w fyne.Window) []string {
	drv := fyne.CurrentApp().Driver()
	right := w.Canvas().Size().Width
	var cut []string
	for _, o := range w.Canvas().Overlays().List() {
		Relayout(o)
		WalkShown(o, func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *canvas.Text:
				if x.Text == "" {
					return
				}
				need := fyne.MeasureText(x.Text, x.TextSize, x.TextStyle).Width
				at := drv.AbsolutePositionForObject(x)
				if need > x.Size().Width+1 || at.X+need > right+1 {
					cut = append(cut, x.Text)
				}
			case *widget.Label:
				if x.Truncation == fyne.TextTruncateOff || x.Text == "" {
					return
				}
				need := fyne.MeasureText(x.Text, theme.SizeForWidget(x.SizeName, x), x.TextStyle).Width + 2*theme.InnerPadding()
				if need > x.Size().Width+1 {
					cut = append(cut, x.Text)
				}
			}
		})
	}
	return cut
}

// EachLanguage runs test once for every language the window speaks, as a
// subtest named by its code, with that language applied the way the
// program applies the user's choice, and checks first that the window
// does speak it. LANG is pinned as for every window test; English is put
// back at the end.
func EachLanguage(t *testing.T, test func(t *testing.T, code string)) {
	t.Helper()
	t.Setenv("LANG", "en_US.UTF-8")
	if err := i18n.LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = i18n.Use("en") })
	for _, l := range i18n.Languages {
		t.Run(l.Code, func(t *testing.T) {
			if err := i18n.Use(l.Code); err != nil {
				t.Fatal(err)
			}
			if cancel := lang.X("dialog.button.cancel", "Cancel"); (cancel == "Cancel") != (l.Code == "en") {
				t.Fatalf("the window does not speak %s: Cancel reads %q", l.Code, cancel)
			}
			test(t, l.Code)
		})
	}
}
