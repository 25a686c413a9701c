package resetwizard

import (
	"context"
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/gui/dialogs"
	"github.com/openipu/openipu/gui/widgets"
)

// poll reads the window's camera list until the wizard closes (see
// resetWatch for why it polls). At most one reading waits for the Fyne
// goroutine at a time, and it is always the newest: a busy window skips
// readings rather than falling behind on them.
func (wz *resetWizard) poll(ctx context.Context) {
	t := time.NewTicker(wz.pollEvery)
	defer t.Stop()
	var mu sync.Mutex
	var newest []discovery.Device
	pending := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		devs := wz.h.Cameras()
		mu.Lock()
		newest = devs
		post := !pending
		pending = true
		mu.Unlock()
		if !post {
			continue
		}
		wz.do(func() {
			mu.Lock()
			devs := newest
			pending = false
			mu.Unlock()
			if !wz.closed {
				wz.seen(devs)
			}
		})
	}
}

// recordReset writes the reset with the control button to the journal,
// so that the camera's handover checklist ticks its reset step as it does
// for a reset from the program.
func (wz *resetWizard) recordReset(d discovery.Device) {
	if d.MAC == "" {
		return
	}
	rec := wz.h.Backend().Env.Journal
	if rec == nil {
		return
	}
	e := journal.Entry{
		Action: journal.PhysicalReset, Outcome: journal.Done,
		Camera: journal.Camera{MAC: d.MAC, Serial: d.Serial, Model: d.Model, Firmware: d.Firmware, Host: dialogs.CameraAddress(d)},
		Detail: "control button",
	}
	// Written off the Fyne goroutine: the journal and the handover
	// flush to disk.
	go func() { _ = rec.Append(e) }()
}

// seen takes in the camera list: the live line follows the camera, and the
// waiting pages move on when it is back or when it is late.
func (wz *resetWizard) seen(devs []discovery.Device) {
	wz.latest = devs
	if wz.watch == nil {
		return
	}
	wz.view = wz.watch.observe(devs)
	if wz.cam.MAC == "" && wz.view.found {
		wz.cam = wz.view.dev // the camera not in the list has shown up
	}
	now := wz.now()
	if wz.page == pageWait || wz.page == pageTrouble {
		switch {
		case wz.view.state == watchBack || wz.view.state == watchBackAway:
			wz.goTo(pageBack)
			wz.recordReset(wz.view.dev)
			return
		case wz.page == pageWait && !wz.deadline.IsZero() && now.After(wz.deadline):
			wz.goTo(pageTrouble)
			return
		}
		if now.Sub(wz.lastRefresh) >= wz.refreshEvery {
			// A new search has the camera heard as soon as it is up.
			wz.lastRefresh = now
			wz.h.Refresh()
		}
	}
	switch wz.page {
	case pageTrouble:
		wz.trouble.update()
	case pageBack:
		wz.done.update()
		wz.updateButtons()
	}
	wz.updateLive()
}

// updateLive words the line under the physical steps: what the network
// shows of the camera now.
func (wz *resetWizard) updateLive() {
	n := wz.live
	switch wz.page {
	case pageUnplug, pageButton, pageHold, pageWait:
	default:
		n.Hide()
		wz.relayout()
		return
	}
	if !wz.searching {
		n.Set(widgets.NoticeInfo, lang.X("wizard.live.no_search", "OpenIPU is not searching for cameras now, so it cannot tell you when the camera is back."), "")
		wz.relayout()
		return
	}
	v := wz.view
	args := map[string]any{"Addr": dialogs.CameraAddress(v.dev), "Elapsed": wz.elapsed()}
	// Once the power is back (the count started, or the wait page), the
	// camera is starting, not unplugged.
	powered := wz.page == pageWait || wz.page == pageHold && !wz.poweredAt.IsZero()
	switch {
	case !v.found && wz.cam.MAC == "":
		n.Set(widgets.NoticeInfo, lang.X("wizard.live.any", "OpenIPU watches for a camera that comes back with factory settings."), "")
	case v.state == watchBack:
		wz.liveGood(lang.X("wizard.live.back", "Your camera is back, in factory state, at {{.Addr}}.", args))
	case v.state == watchBackAway:
		wz.liveGood(lang.X("wizard.live.back_away", "Your camera is back, at {{.Addr}}.", args))
	case v.state == watchReturned:
		n.Set(widgets.NoticeInfo, lang.X("wizard.live.returned", "The camera is back on the network at {{.Addr}}; checking whether it has factory settings…", args), "")
	case v.state == watchOffline && powered:
		n.Set(widgets.NoticeInfo, lang.X("wizard.live.starting", "Waiting for the camera to start… {{.Elapsed}} since the power came back.", args), "")
	case v.state == watchOffline:
		wz.liveGood(lang.X("wizard.live.offline", "The camera went offline: its power is off."))
	case powered:
		n.Set(widgets.NoticeInfo, lang.X("wizard.live.waiting", "Waiting for the camera to come back… {{.Elapsed}} since the power came back.", args), "")
	case !v.found:
		n.Set(widgets.NoticeInfo, lang.X("wizard.live.not_seen", "OpenIPU does not see this camera on the network now; it watches for it to come back with factory settings."), "")
	default:
		n.Set(widgets.NoticeInfo, lang.X("wizard.live.online", "The camera is on the network at {{.Addr}}. OpenIPU notices when it goes offline, which can take up to a minute.", args), "")
	}
	wz.relayout()
}

// liveGood shows good news on the live line: a green tick and text in the
// text colour, which reads better than green text on white.
func (wz *resetWizard) liveGood(text string) {
	n := wz.live
	n.Set(widgets.NoticeSuccess, text, "")
	n.Icon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
	n.Text.Importance = widget.MediumImportance
	n.Text.Refresh()
}

// elapsed is the time since the power came back, as m:ss.
func (wz *resetWizard) elapsed() string {
	if wz.poweredAt.IsZero() {
		return "0:00"
	}
	d := max(wz.now().Sub(wz.poweredAt), 0).Round(time.Second)
	return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}
