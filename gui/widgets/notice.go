package widgets

import (
	"strings"

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
//
// A notice keeps its room while it is empty: one that appears a moment after
// the user typed (an address found in use, a failure under the form) would
// otherwise push the fields below it down just as the user reaches for them.
type Notice struct {
	Kind NoticeKind
	Icon *widget.Icon
	Text *widget.Label
	Next *widget.Label
	// Box is the notice to place in a dialog. While empty it is blank, as
	// tall as a notice of the reserved lines (see Reserve).
	Box *fyne.Container

	content *fyne.Container
	room    *noticeRoom
	shown   bool
}

// NoticeLines is the room a new notice keeps: a bold line of what
// happened and two lines of what to do, as the dialogs' longer warnings
// take.
const NoticeLines = 3

// NewNotice makes an empty notice that keeps the room of NoticeLines lines.
func NewNotice() *Notice {
	n := &Notice{
		Icon: widget.NewIcon(theme.ErrorIcon()),
		Text: widget.NewLabel(""),
		Next: widget.NewLabel(""),
	}
	n.Text.Wrapping = fyne.TextWrapWord
	n.Text.TextStyle.Bold = true
	n.Next.Wrapping = fyne.TextWrapWord
	n.content = container.NewBorder(nil, nil, container.NewVBox(n.Icon), nil, container.New(tightStack{}, n.Text, n.Next))
	n.content.Hide()
	n.room = &noticeRoom{n: n}
	n.Box = container.New(n.room, n.content)
	n.Reserve(NoticeLines)
	return n
}

// Reserve sets how many lines of text the notice keeps room for while it
// is empty; 0 lets it take no room at all then. A longer message still
// shows whole, taller than the room.
func (n *Notice) Reserve(lines int) {
	n.room.lines = max(lines, 0)
	n.showBox()
}

// showBox hides the box only when it neither says nor keeps anything.
func (n *Notice) showBox() {
	if n.shown || n.room.lines > 0 {
		n.Box.Show()
	} else {
		n.Box.Hide()
	}
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
	n.shown = true
	n.content.Show()
	n.showBox()
	n.Box.Refresh()
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

// Hide empties the notice; it keeps its room.
func (n *Notice) Hide() {
	n.Text.SetText("")
	n.Next.SetText("")
	n.shown = false
	n.content.Hide()
	n.showBox()
}

// Shown says whether the notice says something.
func (n *Notice) Shown() bool { return n.shown }

// noticeRoom lays out a notice's content at the top of its box, and makes
// the box at least as tall as a notice of lines lines.
type noticeRoom struct {
	n     *Notice
	lines int
	// measured caches reserved: a dialog asks for sizes many times a frame.
	measured struct {
		lines     int
		text, pad float32
		height    float32
	}
}

func (r *noticeRoom) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	if r.n.shown {
		m = r.n.content.MinSize()
	}
	return m.Max(fyne.NewSize(0, r.reserved()))
}

func (r *noticeRoom) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	// At the top: the lines kept free below a short message are what
	// stop the form under it from moving.
	c := r.n.content
	c.Move(fyne.NewPos(0, 0))
	c.Resize(fyne.NewSize(size.Width, c.MinSize().Height))
}

// reserved is the height of a notice whose bold line and next step take
// lines lines in all, measured with labels of the notice's own styles.
func (r *noticeRoom) reserved() float32 {
	if r.lines == 0 {
		return 0
	}
	m := &r.measured
	if text, pad := theme.TextSize(), theme.InnerPadding(); m.lines != r.lines || m.text != text || m.pad != pad {
		m.lines, m.text, m.pad, m.height = r.lines, text, pad, r.measure()
	}
	return m.height
}

// measure is reserved, measured anew.
func (r *noticeRoom) measure() float32 {
	bold := widget.NewLabelWithStyle("X", fyne.TextAlignLeading, r.n.Text.TextStyle)
	h := bold.MinSize().Height
	if r.lines > 1 {
		next := widget.NewLabel(strings.Repeat("X\n", r.lines-2) + "X")
		h += next.MinSize().Height - tightOverlap()
	}
	return h
}

// tightStack stacks labels closer than a VBox does: a label's padding is
// transparent, so the next label may start inside it. A notice's two
// lines then read as one block, and its room costs less height.
type tightStack struct{}

// tightOverlap is how far each label starts inside the padding of the one
// above it: all of the padding but a small gap.
func tightOverlap() float32 {
	return 2*theme.InnerPadding() - theme.Padding()
}

func (tightStack) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	shown := 0
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		w, h = max(w, m.Width), h+m.Height
		shown++
	}
	if shown > 1 {
		h -= tightOverlap() * float32(shown-1)
	}
	return fyne.NewSize(w, h)
}

func (tightStack) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		// A wrapped label knows its height only once it knows its width.
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h - tightOverlap()
	}
}
