package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/usermsg"
)

// noticeKind sets a notice's icon and colour.
type noticeKind int

const (
	noticeError noticeKind = iota
	noticeWarning
	noticeInfo
	noticeSuccess
)

// actionNotice is a short block in a dialog: what happened and, on a second line,
// what to do about it. Errors are always shown through it, so that every
// failure reaches the user as core/'s plain sentence and next step.
type actionNotice struct {
	kind noticeKind
	icon *widget.Icon
	text *widget.Label
	next *widget.Label
	box  *fyne.Container
}

func newActionNotice() *actionNotice {
	n := &actionNotice{
		icon: widget.NewIcon(theme.ErrorIcon()),
		text: widget.NewLabel(""),
		next: widget.NewLabel(""),
	}
	n.text.Wrapping = fyne.TextWrapWord
	n.text.TextStyle.Bold = true
	n.next.Wrapping = fyne.TextWrapWord
	n.box = container.NewBorder(nil, nil, container.NewVBox(n.icon), nil, container.NewVBox(n.text, n.next))
	n.box.Hide()
	return n
}

func (n *actionNotice) set(kind noticeKind, text, next string) {
	n.kind = kind
	switch kind {
	case noticeError:
		n.icon.SetResource(theme.ErrorIcon())
		n.text.Importance = widget.DangerImportance
	case noticeWarning:
		n.icon.SetResource(theme.WarningIcon())
		n.text.Importance = widget.WarningImportance
	case noticeSuccess:
		n.icon.SetResource(theme.ConfirmIcon())
		n.text.Importance = widget.SuccessImportance
	default:
		n.icon.SetResource(theme.InfoIcon())
		n.text.Importance = widget.MediumImportance
	}
	n.text.SetText(text)
	n.next.SetText(next)
	if next == "" {
		n.next.Hide()
	} else {
		n.next.Show()
	}
	n.box.Show()
}

// showError explains err: core/'s errors say what happened and what to do
// next; anything else still gets a sentence and a next step.
func (n *actionNotice) showError(err error) {
	p, _ := usermsg.Explain(err)
	n.showProblem(p)
}

func (n *actionNotice) showProblem(p usermsg.Problem) {
	what, next := ProblemText(p)
	n.set(noticeError, what, next)
}

func (n *actionNotice) hide() {
	n.text.SetText("")
	n.next.SetText("")
	n.box.Hide()
}

func (n *actionNotice) shown() bool { return n.box.Visible() }

// problemSentence is an error as one line: what happened, then what to do.
func problemSentence(err error) string {
	p, _ := usermsg.Explain(err)
	what, next := ProblemText(p)
	return what + " " + next
}
