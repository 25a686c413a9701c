package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/discovery"
)

func TestEscapeReachesTheDialogFromEveryKindOfFocusedWidget(t *testing.T) {
	test.NewTempApp(t)
	escapes := 0
	esc := func() { escapes++ }
	e, b, c := newEscEntry(esc), newEscButton("OK", nil, func() {}, esc), newEscCheck("x", nil, esc)
	g := newOptionGroup([]string{"a", "b"}, 0, nil, esc)
	for _, k := range []fyne.Focusable{e, b, c, g.buttons[1]} {
		k.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	}
	if escapes != 4 {
		t.Errorf("Escape reached the dialog %d times out of 4", escapes)
	}
}

func TestEnterPressesAFocusedButtonButNotADisabledOne(t *testing.T) {
	test.NewTempApp(t)
	taps := 0
	b := newEscButton("OK", nil, func() { taps++ }, nil)
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	b.Disable()
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnter})
	if taps != 1 {
		t.Errorf("Enter pressed the button %d times, want once", taps)
	}
}

func TestOptionGroupSelectsOneChoiceByKeyboardAndIgnoresItWhenDisabled(t *testing.T) {
	test.NewTempApp(t)
	var got []int
	g := newOptionGroup([]string{"soft", "hard"}, 0, func(i int) { got = append(got, i) }, nil)
	g.buttons[1].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if g.selected != 1 || len(got) != 1 || got[0] != 1 {
		t.Fatalf("after Enter on the second choice: selected %d, changes %v", g.selected, got)
	}
	g.setEnabled(false)
	test.Tap(g.buttons[0])
	if g.selected != 1 {
		t.Error("a disabled choice changed the selection")
	}
}

func TestEscapeWithNothingFocusedClosesTheDialog(t *testing.T) {
	h := newFakeHost(t)
	d := newRestartDialog(h, readyDevice("ACCC8E000050"))
	d.show(nil)
	h.win.Canvas().Unfocus()
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !d.closed {
		t.Error("Escape on the window did not close the dialog")
	}
	if h.win.Canvas().OnTypedKey() != nil {
		t.Error("the window's own key handler was not given back")
	}
}

func TestTabMovesThroughSetPasswordInReadingOrder(t *testing.T) {
	h := newFakeHost(t)
	d := newSetPasswordDialog(h, []discovery.Device{gen11Device("ACCC8E000070")})
	d.show(d.user)
	test.Type(d.password, "Amber-Falcon-31")
	test.Type(d.confirm, "Amber-Falcon-31")
	c := h.win.Canvas()
	c.Focus(d.user)
	want := []fyne.Focusable{d.password, d.confirm, d.generate, d.copyButton, d.showPw, d.cancel, d.primary}
	for i, w := range want {
		test.FocusNext(c)
		if c.Focused() != w {
			t.Fatalf("Tab %d went to %T, want %T", i+1, c.Focused(), w)
		}
	}
}
