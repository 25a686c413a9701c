package resetwizard

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/assets"
	"github.com/openipu/openipu/gui/apptheme"
	"github.com/openipu/openipu/gui/widgets"
)

// holdCountdown is the hold step: what to do, and a count of the seconds
// the button must stay pressed. Someone holding a button with one hand and
// a cable with the other cannot read a clock; the count and the picture
// beside it say what to do at each moment, and the picture changes with
// it: holding, the light flashing amber, letting go.
type holdCountdown struct {
	wz      *resetWizard
	box     *fyne.Container
	picture *pictureView
	number  *widget.Label
	say     *widget.Label
	start   *widgets.EscButton
	// simulate plugs the simulated camera in with its button held.
	simulate *widgets.EscButton

	// left is the seconds still to hold; from is where it starts.
	left, from int
	running    bool
	// stopRun ends the current count's ticker.
	stopRun context.CancelFunc
}

func newHoldCountdown(wz *resetWizard) *holdCountdown {
	c := &holdCountdown{wz: wz, from: holdSeconds, left: holdSeconds}
	steps := widgets.Wrapped(lang.X("wizard.hold.steps", "1.  Press the control button and keep it pressed.\n2.  Still holding it, plug the power (or network) cable back in.\n3.  With your other hand, press Start: OpenIPU counts the seconds for you."))
	c.number = widget.NewLabel("")
	c.number.TextStyle = fyne.TextStyle{Bold: true}
	c.number.SizeName = theme.SizeNameHeadingText
	c.say = widgets.Wrapped("")
	c.say.TextStyle = fyne.TextStyle{Bold: true}
	c.start = widgets.NewEscButton(lang.X("wizard.hold.start", "Start"), theme.MediaPlayIcon(), c.begin, wz.close)
	c.start.Importance = widget.HighImportance
	c.simulate = widgets.NewEscButton(lang.X("wizard.simulate_plug", "Simulate: plug it in holding the button"), apptheme.IconPower, wz.simulatePlug, wz.close)
	count := container.NewBorder(nil, nil, container.NewCenter(container.NewHBox(c.start, c.number)), nil, c.say)
	// The picture gives way first: Start and the count are what someone
	// holding the button with one hand needs in view.
	c.box, c.picture = picturePage(assets.IllustrationHold, steps, count, container.NewHBox(c.simulate))
	c.show()
	return c
}

// begin starts (or restarts) the count: the power is back and the button
// held.
func (c *holdCountdown) begin() {
	if c.stopRun != nil {
		c.stopRun()
	}
	wz := c.wz
	if wz.poweredAt.IsZero() || !c.running {
		wz.poweredUp()
	}
	c.left, c.running = c.from, true
	ctx, stop := context.WithCancel(wz.ctx)
	c.stopRun = stop
	c.show()
	wz.updateLive()
	every, do := wz.tickEvery, wz.do
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				do(func() {
					if ctx.Err() == nil {
						c.tick()
					}
				})
			}
		}
	}()
}

// tick counts one second down.
func (c *holdCountdown) tick() {
	if !c.running || c.left <= 0 {
		return
	}
	c.left--
	if c.left == 0 {
		c.running = false
		c.stopRun()
	}
	c.show()
	if c.left == 0 && c.wz.page == pageHold && c.wz.shown && !c.wz.closed {
		// The next thing to do is let go and go on: Enter goes on.
		c.wz.h.Window().Canvas().Focus(c.wz.next)
	}
}

// reset puts the count back to the start, for another try.
func (c *holdCountdown) reset() {
	if c.stopRun != nil {
		c.stopRun()
	}
	c.left, c.running = c.from, false
	c.show()
}

// show words the moment: before the count, holding, the light may flash
// amber, let go.
func (c *holdCountdown) show() {
	secs := map[string]any{"N": c.left}
	switch {
	case !c.running && c.left == c.from:
		c.picture.set(assets.IllustrationHold)
		c.number.SetText(lang.X("wizard.hold.seconds", "{{.N}} s", secs))
		c.say.SetText(lang.X("wizard.hold.ready", "Press Start as soon as the power is back in, and keep holding the button."))
		c.start.SetText(lang.X("wizard.hold.start", "Start"))
	case c.left > holdAmberAt:
		c.picture.set(assets.IllustrationHold)
		c.number.SetText(lang.X("wizard.hold.seconds", "{{.N}} s", secs))
		c.say.SetText(lang.X("wizard.hold.keep", "Keep holding the button."))
		c.start.SetText(lang.X("wizard.hold.restart", "Start over"))
	case c.left > 0:
		c.picture.set(assets.IllustrationLEDAmber)
		c.number.SetText(lang.X("wizard.hold.seconds", "{{.N}} s", secs))
		c.say.SetText(lang.X("wizard.hold.amber", "Keep holding. You can let go as soon as the status light flashes amber."))
		c.start.SetText(lang.X("wizard.hold.restart", "Start over"))
	default:
		c.picture.set(assets.IllustrationRelease)
		c.number.SetText(lang.X("wizard.hold.seconds", "{{.N}} s", secs))
		c.say.SetText(lang.X("wizard.hold.release", "Let go of the button now. The status light should be flashing amber. If it never did, start again from unplugging the power and hold a little longer."))
		c.start.SetText(lang.X("wizard.hold.again", "Count again"))
	}
	// Start is what to press before the count; during it, the count is
	// what matters.
	if c.running || c.left < c.from {
		c.start.Importance = widget.MediumImportance
	} else {
		c.start.Importance = widget.HighImportance
	}
	c.start.Refresh()
	c.wz.relayout()
}
