package dialogs

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/discovery"
)

func TestEscapeWithNothingFocusedClosesTheDialog(t *testing.T) {
	h := newFakeHost(t)
	d := newRestartDialog(h, readyDevice("ACCC8E000050"))
	d.show(nil)
	h.Win.Canvas().Unfocus()
	h.Win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !d.closed {
		t.Error("Escape on the window did not close the dialog")
	}
	if h.Win.Canvas().OnTypedKey() != nil {
		t.Error("the window's own key handler was not given back")
	}
}

func TestTabMovesThroughSetPasswordInReadingOrder(t *testing.T) {
	h := newFakeHost(t)
	d := newSetPasswordDialog(h, []discovery.Device{gen11Device("ACCC8E000070")})
	d.show(d.user)
	test.Type(d.password, "Amber-Falcon-31")
	test.Type(d.confirm, "Amber-Falcon-31")
	c := h.Win.Canvas()
	c.Focus(d.user)
	want := []fyne.Focusable{d.password, d.confirm, d.generate, d.copyButton, d.showPw, d.kind.Buttons[0], d.kind.Buttons[1], d.cancel, d.primary}
	for i, w := range want {
		test.FocusNext(c)
		if c.Focused() != w {
			t.Fatalf("Tab %d went to %T, want %T", i+1, c.Focused(), w)
		}
	}
}
