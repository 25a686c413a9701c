package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/usermsg"
)

// plainProblem is an error in plain words: what happened, then what to do.
func plainProblem(err error) string {
	p, _ := usermsg.Explain(err)
	what, next := ProblemText(p)
	return what + "\n" + next
}

// noteLabel is a side remark under a field: smaller, but as readable as
// the rest (the theme's "low importance" grey is too faint to read).
func noteLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// showWindowProblem shows an error in plain words under a title.
func showWindowProblem(win fyne.Window, title string, err error) {
	dialog.ShowInformation(title, plainProblem(err), win)
}
