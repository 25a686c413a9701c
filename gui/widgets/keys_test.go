package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestEscapeReachesTheDialogFromEveryKindOfFocusedWidget(t *testing.T) {
	test.NewTempApp(t)
	escapes := 0
	esc := func() { escapes++ }
	e, b, c := NewEscEntry(esc), NewEscButton("OK", nil, func() {}, esc), NewEscCheck("x", nil, esc)
	g := NewOptionGroup([]string{"a", "b"}, 0, nil, esc)
	for _, k := range []fyne.Focusable{e, b, c, g.Buttons[1]} {
		k.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	}
	if escapes != 4 {
		t.Errorf("Escape reached the dialog %d times out of 4", escapes)
	}
}

func TestEnterPressesAFocusedButtonButNotADisabledOne(t *testing.T) {
	test.NewTempApp(t)
	taps := 0
	b := NewEscButton("OK", nil, func() { taps++ }, nil)
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
	g := NewOptionGroup([]string{"soft", "hard"}, 0, func(i int) { got = append(got, i) }, nil)
	g.Buttons[1].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if g.Selected != 1 || len(got) != 1 || got[0] != 1 {
		t.Fatalf("after Enter on the second choice: selected %d, changes %v", g.Selected, got)
	}
	g.SetEnabled(false)
	test.Tap(g.Buttons[0])
	if g.Selected != 1 {
		t.Error("a disabled choice changed the selection")
	}
}
