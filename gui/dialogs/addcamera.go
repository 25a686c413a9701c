package dialogs

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"github.com/openipu/openipu/core/camaddr"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/widgets"
)

// addTimeout bounds "Add camera by IP": a host name may have several
// addresses, each probed for a few seconds.
const addTimeout = 20 * time.Second

// addCameraDialog is "Add camera by IP…", for cameras that announcements
// do not reach (another subnet behind a router, multicast filtered).
type addCameraDialog struct {
	*frame
	f     Finder
	entry *widgets.EscEntry
}

// ShowAddCamera opens "Add camera by IP…" while the window searches.
func ShowAddCamera(f Finder) {
	if d, _ := f.Search(); d == nil {
		return
	}
	a := newAddCameraDialog(f)
	a.show(a.entry)
}

func newAddCameraDialog(f Finder) *addCameraDialog {
	a := &addCameraDialog{f: f}
	body := container.NewVBox()
	a.frame = newFrame(f, lang.X("add.title", "Add camera by IP address"), body, lang.X("add.button", "Add camera"), a.submit)
	a.primary.SetIcon(theme.ContentAddIcon())
	finding(a.frame)
	a.entry = widgets.NewEscEntry(a.escape)
	a.entry.SetPlaceHolder(lang.X("add.placeholder", "for example 192.168.1.50"))
	a.entry.OnSubmitted = func(string) { a.submit() }
	body.Objects = []fyne.CanvasObject{
		widgets.Wrapped(lang.X("add.intro", "Type the camera's IP address (or its name on the network). OpenIPU asks the camera who it is; no password is needed for that.")),
		a.entry,
	}
	return a
}

// finding sets a frame up for the dialogs that work on the search itself:
// Cancel leaves at once, even while they work, since what they were doing
// is worth nothing half done; and F5 does not start the search over under
// them.
func finding(f *frame) {
	f.cancelCloses = true
	f.keys.Keep = true
}

func (a *addCameraDialog) submit() {
	host := strings.TrimSpace(a.entry.Text)
	if host == "" {
		a.problem.Set(widgets.NoticeError, lang.X("add.empty", "Type the camera's IP address first, for example 192.168.1.50."), "")
		a.relayout()
		return
	}
	if _, err := camaddr.Parse(host); err != nil {
		// Refused before anything is looked up, with camaddr's reason,
		// which does not repeat what may be a password.
		a.problem.ShowError(err)
		a.relayout()
		return
	}
	d, session := a.f.Search()
	a.entry.Disable()
	a.run(nil, func(ctx context.Context) func() {
		ctx, cancel := context.WithTimeout(ctx, addTimeout)
		defer cancel()
		dev, err := d.AddHost(ctx, host)
		return func() { a.added(session, dev, err) }
	})
}

func (a *addCameraDialog) added(session int, dev discovery.Device, err error) {
	if a.closed {
		return
	}
	a.entry.Enable()
	if err != nil {
		a.problem.ShowError(err)
		a.cancel.SetText(lang.X("dialog.button.cancel", "Cancel"))
		a.h.Window().Canvas().Focus(a.entry)
		return
	}
	a.close()
	// The event will follow; showing the camera now answers the click.
	a.f.Found(session, dev)
}
