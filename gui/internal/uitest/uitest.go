// Package uitest is what the gui packages' tests share: a stand-in for
// Fyne's goroutine, and the drawing of screenshots. Only tests import it,
// so none of it is built into the program.
package uitest

import (
	"bytes"
	"image/color"
	"image/png"
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
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

// ShotSize is the size of every screenshot of the window.
var ShotSize = fyne.NewSize(1240, 740)

// Shoot writes what win shows, dialogs included, to path as a PNG.
func Shoot(t testing.TB, win fyne.Window, path string) {
	t.Helper()
	win.Resize(ShotSize)
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

// WalkShown visits o and everything under it that is not hidden.
func WalkShown(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			WalkShown(c, f)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			WalkShown(c, f)
		}
	}
}
