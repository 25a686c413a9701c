package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// noticeHeight lays the notice's box out at a dialog's width and says how
// tall it is.
func noticeHeight(n *Notice) float32 {
	n.Box.Resize(fyne.NewSize(600, n.Box.MinSize().Height))
	return n.Box.MinSize().Height
}

func TestEmptyNoticeKeepsTheRoomOfAThreeLineNoticeSoShowingOneMovesNothing(t *testing.T) {
	test.NewTempApp(t)
	n := NewNotice()
	empty := noticeHeight(n)
	if !n.Box.Visible() || empty == 0 {
		t.Fatalf("an empty notice takes no room (shown %v, %.0f px)", n.Box.Visible(), empty)
	}
	n.Set(NoticeWarning, "Something already answers at 192.168.1.61.", "Two devices on one address disturb each other:\nchoose a free address.")
	if got := noticeHeight(n); got != empty {
		t.Errorf("a notice of three lines is %.0f px tall, the empty one kept %.0f", got, empty)
	}
	n.Hide()
	if got := noticeHeight(n); got != empty || n.Shown() {
		t.Errorf("hidden again: %.0f px (kept %.0f), shown %v", got, empty, n.Shown())
	}
}

func TestNoticeThatKeepsNoRoomIsHiddenWhileEmpty(t *testing.T) {
	test.NewTempApp(t)
	n := NewNotice()
	n.Reserve(0)
	if n.Box.Visible() {
		t.Error("an empty notice that keeps no room is on screen")
	}
	n.Set(NoticeError, "It failed.", "")
	if !n.Box.Visible() || !n.Shown() || noticeHeight(n) == 0 {
		t.Error("a notice that says something is not on screen")
	}
	n.Hide()
	if n.Box.Visible() {
		t.Error("emptied again, it stays on screen")
	}
}

func TestReasonKeptInItsLinesTakesTheSameRoomShownOrHidden(t *testing.T) {
	test.NewTempApp(t)
	r := Reason()
	box := KeepLines(r, 2)
	hidden := box.MinSize().Height
	SetReason(r, "Use 1 to 14 letters and digits.\nFor example admin.")
	box.Resize(fyne.NewSize(400, box.MinSize().Height))
	if shown := box.MinSize().Height; shown != hidden || hidden == 0 {
		t.Errorf("a two-line reason takes %.0f px shown and %.0f hidden", shown, hidden)
	}
	if !r.Visible() {
		t.Error("the reason does not show")
	}
	SetReason(r, "")
	if r.Visible() || box.MinSize().Height != hidden {
		t.Errorf("cleared, the reason shows %v and its box is %.0f px (kept %.0f)", r.Visible(), box.MinSize().Height, hidden)
	}
}
