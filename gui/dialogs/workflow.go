package dialogs

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/i18n"
)

// env is how this dialog's workflow reaches cameras: the backend's, with a
// journal that could not be written shown in the dialog, and plain HTTP
// sent only once the user has agreed to it here.
func (f *frame) env() workflow.Env {
	env := f.h.Backend().Env
	env.JournalFailed = func(err error) { f.ui(func() { f.journalFailed(err) }) }
	env.ConfirmPlainHTTP = f.confirmPlainHTTP
	return env
}

// envForMany is env for a run on several cameras: the question whether
// to go on without encryption is asked once, for the first camera that
// offers none, and the answer holds for the others of the run; the
// others wait for it. One question per camera would stack a dialog per
// camera over the window.
func (f *frame) envForMany() workflow.Env {
	env := f.env()
	var mu sync.Mutex
	asked, answer := false, false
	env.ConfirmPlainHTTP = func(ctx context.Context, cam *workflow.Camera) bool {
		mu.Lock()
		defer mu.Unlock()
		if !asked {
			answer = askPlainHTTP(ctx, f.h, cam, true)
			// Stopping the run is no answer: the next run asks again.
			asked = ctx.Err() == nil
		}
		return answer
	}
	return env
}

// step shows a workflow step on the progress line; safe from the work
// goroutine.
func (f *frame) step(p workflow.Progress) { f.say(i18n.Text(p.Message())) }

// confirmPlainHTTP asks whether a password may go to this camera
// unencrypted (AskPlainHTTP).
func (f *frame) confirmPlainHTTP(ctx context.Context, cam *workflow.Camera) bool {
	return AskPlainHTTP(ctx, f.h, cam)
}

// AskPlainHTTP asks, on the Fyne goroutine, whether a password may go to
// this camera although anyone on the network could read it; the work
// goroutine waits for the answer. Stopping the work is a no. It is every
// dialog's and wizard's workflow.Env.ConfirmPlainHTTP.
func AskPlainHTTP(ctx context.Context, h Host, cam *workflow.Camera) bool {
	return askPlainHTTP(ctx, h, cam, false)
}

// askPlainHTTP is AskPlainHTTP; forMany says the answer holds for every
// camera of the run.
func askPlainHTTP(ctx context.Context, h Host, cam *workflow.Camera, forMany bool) bool {
	answer := make(chan bool, 1)
	h.Do(func() {
		title := lang.X("dialog.plain_http.title", "No encrypted connection")
		text := lang.X("dialog.plain_http.text",
			"{{.Camera}} does not offer an encrypted connection (HTTPS). The password would cross the network readable by anyone on it. Send it anyway?",
			map[string]any{"Camera": cameraOf(cam)})
		if forMany {
			text += "\n\n" + lang.X("dialog.plain_http.for_many", "Your answer holds for every camera of this run that offers no encrypted connection.")
		}
		c := dialog.NewConfirm(title, text, func(yes bool) { answer <- yes }, h.Window())
		c.SetConfirmText(lang.X("dialog.plain_http.send", "Send without encryption"))
		c.SetDismissText(lang.X("dialog.plain_http.dont", "Do not send"))
		c.Show()
	})
	select {
	case yes := <-answer:
		return yes
	case <-ctx.Done():
		return false
	}
}

// cameraOf names an opened camera as the dialogs do, from what it said.
func cameraOf(cam *workflow.Camera) string {
	return cameraTitle(cam.Model(), cam.MAC(), cam.Target().Address())
}

// Following lists where the camera with mac has been seen since a moment,
// from the window's list: with DHCP its new address is the DHCP server's
// choice, and the window hears of it first. The search is asked to look
// again every so often.
func Following(h Host) func(ctx context.Context, mac string, since time.Time) []workflow.Target {
	var lastRefresh time.Time
	return func(_ context.Context, mac string, since time.Time) []workflow.Target {
		if time.Since(lastRefresh) >= followRefreshes {
			lastRefresh = time.Now()
			h.Refresh()
		}
		d, ok := h.Camera(mac)
		if !ok || d.Lost || !d.LastSeen.After(since) {
			return nil
		}
		return []workflow.Target{workflow.TargetOf(d)}
	}
}

// followRefreshes is how often the search is asked again while a camera is
// followed to an address from DHCP.
const followRefreshes = 15 * time.Second
