package dialogs

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestACopiedPasswordLeavesTheClipboardAfterAWhile(t *testing.T) {
	h := newFakeHost(t)
	d := openSetPassword(t, h, gen11Device("ACCC8E000001"))
	d.clip.after = 20 * time.Millisecond
	test.Tap(d.generate)
	test.Tap(d.copyButton)
	board := fyne.CurrentApp().Clipboard()
	if board.Content() != d.password.Text {
		t.Fatal("Copy did not put the password on the clipboard")
	}
	h.UI.UntilWithin(t, 10*time.Second, "the clipboard is emptied", func() bool { return board.Content() == "" })
}

func TestClosingTheDialogTakesTheCopiedPasswordOffTheClipboard(t *testing.T) {
	h := newFakeHost(t)
	d := openSetPassword(t, h, gen11Device("ACCC8E000001"))
	test.Tap(d.generate)
	test.Tap(d.copyButton)
	test.Tap(d.cancel)
	if got := fyne.CurrentApp().Clipboard().Content(); got != "" {
		t.Errorf("the clipboard still holds %d characters after the dialog closed", len(got))
	}
}

func TestWhatTheUserCopiedSinceStaysOnTheClipboard(t *testing.T) {
	h := newFakeHost(t)
	d := openSetPassword(t, h, gen11Device("ACCC8E000001"))
	test.Tap(d.generate)
	test.Tap(d.copyButton)
	board := fyne.CurrentApp().Clipboard()
	board.SetContent("the site's address list")
	test.Tap(d.cancel)
	if got := board.Content(); got != "the site's address list" {
		t.Errorf("the user's own clipboard was replaced by %q", got)
	}
}
