package window

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/gui/dialogs"
)

// sayProblems tells the user, at start, what of their files could not be
// used. Certificates that cannot be remembered are a question: going on
// without them would otherwise mean every camera is trusted afresh, or
// none reached over HTTPS at all, without the user knowing why. Fyne
// goroutine only.
func (w *MainWindow) sayProblems(b *backend.Backend) {
	var others []string
	for _, err := range b.Problems {
		if b.PinsUnavailable == nil || !errors.Is(err, b.PinsUnavailable) {
			others = append(others, dialogs.PlainProblem(err))
		}
	}
	if len(others) > 0 {
		dialog.ShowInformation(lang.X("problems.files_title", "Some of OpenIPU's files cannot be used"), strings.Join(others, "\n\n"), w.win)
	}
	if b.PinsUnavailable == nil {
		return
	}
	text := lang.X("problems.pins_text",
		"OpenIPU cannot use its list of the cameras' certificates, which tells a camera from an impostor:\n\n{{.Problem}}\n\nUntil this is fixed, cameras are not reached over an encrypted connection. Remember certificates until OpenIPU closes instead?",
		map[string]any{"Problem": dialogs.PlainProblem(b.PinsUnavailable)})
	w.pinsQuestion = dialog.NewConfirm(lang.X("problems.pins_title", "Camera certificates cannot be remembered"), text, func(yes bool) {
		if !yes {
			return
		}
		w.mu.Lock()
		w.be = w.be.WithPinsInMemory()
		w.mu.Unlock()
	}, w.win)
	w.pinsQuestion.SetConfirmText(lang.X("problems.pins_keep", "Remember until OpenIPU closes"))
	w.pinsQuestion.SetDismissText(lang.X("problems.pins_not_now", "Not now"))
	w.pinsQuestion.Show()
}
