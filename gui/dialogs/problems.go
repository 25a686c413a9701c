package dialogs

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/openipu/openipu/gui/i18n"
)

// plainProblem is an error in plain words: what happened, then what to do.
func PlainProblem(err error) string {
	what, next := i18n.ErrorText(err)
	return what + "\n" + next
}

// problemSentence is an error as one line: what happened, then what to do.
func problemSentence(err error) string {
	what, next := i18n.ErrorText(err)
	return what + " " + next
}

// ShowError shows an error in plain words under a title, in a dialog of
// its own.
func ShowError(win fyne.Window, title string, err error) {
	dialog.ShowInformation(title, PlainProblem(err), win)
}
