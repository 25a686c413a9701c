package dialogs

import (
	"context"
	"net/netip"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/widgets"
)

// rowUnsure: the camera took the action but did not confirm that it
// finished (a restart or reset sent, the camera not back in time). It is
// not tried again: the action is under way on the camera.
const rowUnsure = rowStopped + 1

// bulkParallel is how many cameras a bulk dialog works on at once, as the
// bulk password does: a dozen cameras are quick, a small switch is not
// flooded.
const bulkParallel = 4

// bulkRow is one camera's line in a bulk dialog's table: before the run it
// says which cameras are meant, during it what each is doing, after it
// how each ended and why.
type bulkRow struct {
	cam    discovery.Device
	state  rowState
	icon   *widget.Icon
	name   *widget.Label
	status *widget.Label
	detail *widget.Label
	box    fyne.CanvasObject
	// backup is the settings file saved before this camera's reset.
	backup string
	// target is the camera's planned new address.
	target netip.Addr
}

func newBulkRow(cam discovery.Device, waiting string) *bulkRow {
	r := &bulkRow{
		cam:    cam,
		icon:   widget.NewIcon(theme.MoreHorizontalIcon()),
		name:   widgets.Wrapped(CameraTitle(cam)),
		status: widget.NewLabel(waiting),
		detail: widgets.Wrapped(""),
	}
	r.name.TextStyle.Bold = true
	r.detail.Hide()
	r.box = container.NewBorder(nil, nil, container.NewVBox(r.icon), container.NewVBox(r.status),
		container.NewVBox(r.name, r.detail))
	return r
}

// show puts a state in the row, with the words for it and, below the
// camera's name, why or what came of it. Call on the Fyne goroutine.
func (r *bulkRow) show(state rowState, status, detail string) {
	r.state = state
	switch state {
	case rowWaiting:
		r.icon.SetResource(theme.MoreHorizontalIcon())
		r.status.Importance = widget.MediumImportance
	case rowWorking:
		r.icon.SetResource(theme.ViewRefreshIcon())
		r.status.Importance = widget.MediumImportance
	case rowDone:
		r.icon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
		r.status.Importance = widget.SuccessImportance
	case rowFailed:
		r.icon.SetResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
		r.status.Importance = widget.DangerImportance
	case rowStopped:
		r.icon.SetResource(theme.MediaStopIcon())
		r.status.Importance = widget.WarningImportance
	case rowUnsure:
		r.icon.SetResource(theme.NewWarningThemedResource(theme.WarningIcon()))
		r.status.Importance = widget.WarningImportance
	}
	r.status.SetText(status)
	widgets.SetReason(r.detail, detail)
	r.detail.Importance = widget.MediumImportance
	if state == rowFailed {
		r.detail.Importance = widget.DangerImportance
	}
	r.detail.Refresh()
}

// settled: the row needs nothing more (done, or under way on the camera).
func (r *bulkRow) settled() bool { return r.state == rowDone || r.state == rowUnsure }

// bulkTable lists rows, scrolling once there are more than a few so the
// form below stays in view.
func bulkTable(rows []*bulkRow) (fyne.CanvasObject, *fyne.Container) {
	list := container.NewVBox()
	for _, r := range rows {
		list.Add(r.box)
	}
	if len(rows) <= 3 {
		return list, list
	}
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(0, 220))
	return scroll, list
}

// runRows works on rows a few at a time, each camera marked busy in the
// window only while it is worked on, so the others stay usable. A row not
// reached before Stop is marked as such. finish runs on the Fyne goroutine
// once every camera has ended.
func (f *frame) runRows(rows []*bulkRow, stopped string, work func(ctx context.Context, r *bulkRow), finish func()) {
	f.run(nil, func(ctx context.Context) func() {
		workflow.Each(ctx, len(rows), bulkParallel, func(ctx context.Context, i int) {
			r := rows[i]
			f.h.SetBusy(r.cam.MAC, true)
			defer f.h.SetBusy(r.cam.MAC, false)
			work(ctx, r)
		}, func(i int) {
			r := rows[i]
			f.ui(func() { r.show(rowStopped, stopped, "") })
		})
		return finish
	})
}

// rowsLeft are the rows that still need the action.
func rowsLeft(rows []*bulkRow) []*bulkRow {
	var left []*bulkRow
	for _, r := range rows {
		if !r.settled() {
			left = append(left, r)
		}
	}
	return left
}

// bulkLogin is the one login of a bulk dialog: the cameras of one site
// share their installer's administrator. A camera that only knows root
// (AXIS OS before 11.5) makes root the suggestion, as it is then most
// likely the name used on all of them; otherwise the name remembered for
// the first camera, if any.
func bulkLogin(h Host, cams []discovery.Device, onSubmit, onEscape, onChange func()) *loginFields {
	pick := discovery.Device{}
	if len(cams) > 0 {
		pick = cams[0]
	}
	for _, c := range cams {
		if onlyRootFirmware(c) {
			pick = c
			break
		}
	}
	return newLoginFieldsFor(h, pick, onSubmit, onEscape, onChange)
}
