package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/openipu/openipu/core/usermsg"
)

// plainProblem is an error in plain words: what happened, then what to do.
func plainProblem(err error) string {
	p, _ := usermsg.Explain(err)
	what, next := ProblemText(p)
	return what + "\n" + next
}

// showWindowProblem shows an error in plain words under a title.
func showWindowProblem(win fyne.Window, title string, err error) {
	dialog.ShowInformation(title, plainProblem(err), win)
}
