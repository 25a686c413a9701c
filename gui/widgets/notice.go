package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/gui/i18n"
)

// NoticeKind sets a notice's icon and colour.
type NoticeKind int

// The kinds of notice.
const (
	NoticeError NoticeKind = iota
	NoticeWarning
	NoticeInfo
	NoticeSuccess
)

// Notice is a short block in a dialog: what happened and, on a second line,
// what to do about it. Errors are always shown through one, so that every
// failure reaches the user as core/'s plain sentence and next step.
type Notice struct {
	Kind NoticeKind
	Icon *widget.Icon
	Text *widget.Label
	Next *widget.Label
	// Box is the notice to place in a dialog; hidden until Set.
	Box *fyne.Container
}

// NewNotice makes a hidden notice.
func NewNotice() *Notice {
	n := &Notice{
		Icon: widget.NewIcon(theme.ErrorIcon()),
		Text: widget.NewLabel(""),
		Next: widget.NewLabel(""),
	}
	n.Text.Wrapping = fyne.TextWrapWord
	n.Text.TextStyle.Bold = true
	n.Next.Wrapping = fyne.TextWrapWord
	n.Box = container.NewBorder(nil, nil, container.NewVBox(n.Icon), nil, container.NewVBox(n.Text, n.Next))
	n.Box.Hide()
	return n
}

// Set shows text, and next under it unless it is empty.
func (n *Notice) Set(kind NoticeKind, text, next string) {
	n.Kind = kind
	switch kind {
	case NoticeError:
		n.Icon.SetResource(theme.ErrorIcon())
		n.Text.Importance = widget.DangerImportance
	case NoticeWarning:
		n.Icon.SetResource(theme.WarningIcon())
		n.Text.Importance = widget.WarningImportance
	case NoticeSuccess:
		n.Icon.SetResource(theme.ConfirmIcon())
		n.Text.Importance = widget.SuccessImportance
	default:
		n.Icon.SetResource(theme.InfoIcon())
		n.Text.Importance = widget.MediumImportance
	}
	n.Text.SetText(text)
	n.Next.SetText(next)
	if next == "" {
		n.Next.Hide()
	} else {
		n.Next.Show()
	}
	n.Box.Show()
}

// ShowError explains err: core/'s errors say what happened and what to do
// next; anything else still gets a sentence and a next step.
func (n *Notice) ShowError(err error) {
	p, _ := usermsg.Explain(err)
	n.ShowProblem(p)
}

// ShowWarning explains err as a warning: something to look into, not a
// failure of what the user asked for.
func (n *Notice) ShowWarning(err error) {
	p, _ := usermsg.Explain(err)
	what, next := i18n.ProblemText(p)
	n.Set(NoticeWarning, what, next)
}

// ShowProblem shows a problem as an error.
func (n *Notice) ShowProblem(p usermsg.Problem) {
	what, next := i18n.ProblemText(p)
	n.Set(NoticeError, what, next)
}

// Hide empties the notice and hides it.
func (n *Notice) Hide() {
	n.Text.SetText("")
	n.Next.SetText("")
	n.Box.Hide()
}

// Shown says whether the notice is on screen.
func (n *Notice) Shown() bool { return n.Box.Visible() }
