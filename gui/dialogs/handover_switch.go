package dialogs

import (
	"context"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/handover"
	"github.com/openipu/openipu/gui/widgets"
)

// switchDialog is "Open another handover…": the saved handovers, newest
// first, with how far each got.
type switchDialog struct {
	*frame
	list   *widget.List
	items  []handover.Summary
	chosen int
	done   func(*handover.Live)
}

// ShowSwitchHandover lists the saved handovers and opens the one chosen;
// done gets it (on the Fyne goroutine). A saved handover that is damaged
// is named, with where it was set aside.
func ShowSwitchHandover(h Host, done func(*handover.Live)) {
	store := h.Backend().Handovers
	if store == nil {
		return
	}
	d := &switchDialog{done: done, chosen: -1}
	empty := widgets.Wrapped(lang.X("handover.switch.loading", "Reading the saved handovers…"))
	d.list = widget.NewList(
		func() int { return len(d.items) },
		func() fyne.CanvasObject {
			title := widget.NewLabel("")
			title.TextStyle = fyne.TextStyle{Bold: true}
			title.Truncation = fyne.TextTruncateEllipsis
			sub := widget.NewLabel("")
			sub.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(title, sub)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < 0 || id >= len(d.items) {
				return
			}
			s := d.items[id]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(s.Site)
			box.Objects[1].(*widget.Label).SetText(lang.X("handover.switch.item", "{{.Done}} of {{.Total}} cameras handed over · changed {{.When}}",
				map[string]any{"Done": s.Done, "Total": s.Total, "When": s.Updated.Local().Format("2006-01-02 15:04")}))
		})
	d.list.OnSelected = func(id widget.ListItemID) { d.chosen = id; d.primary.Enable() }
	d.list.OnUnselected = func(widget.ListItemID) { d.chosen = -1; d.primary.Disable() }
	// Room for a few handovers from the start, so the dialog does not
	// grow under the pointer when the list arrives.
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(fyne.NewSize(440, 200))
	body := container.NewStack(room, empty, d.list)
	d.frame = newFrame(h, lang.X("handover.switch.title", "Open a handover"), body, lang.X("handover.switch.button", "Open"), d.submit)
	d.primary.Disable()
	d.show(nil)
	d.run(nil, func(context.Context) func() {
		list, problems, err := store.List()
		return func() {
			d.items = list
			d.list.Refresh()
			switch {
			case err != nil:
				d.problem.ShowError(err)
			case len(problems) > 0:
				d.problem.ShowError(problems[0])
			}
			if err == nil && len(list) == 0 {
				empty.SetText(lang.X("handover.switch.none", "There is no saved handover yet. Start one with “New handover…”."))
			} else {
				empty.Hide()
			}
			d.relayout()
		}
	})
}

func (d *switchDialog) submit() {
	if d.chosen < 0 || d.chosen >= len(d.items) {
		return
	}
	id := d.items[d.chosen].ID
	store := d.h.Backend().Handovers
	d.run(nil, func(context.Context) func() {
		live, err := store.Open(id)
		return func() {
			if err != nil {
				d.problem.ShowError(err)
				d.relayout()
				return
			}
			d.close()
			d.done(live)
		}
	})
}
