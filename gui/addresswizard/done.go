package addresswizard

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/hostaddr"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/widgets"
)

// donePage says the camera answers at its new address with its password,
// and tidies up this computer.
type donePage struct {
	w      *Wizard
	box    *fyne.Container
	result *widgets.Notice
	tidy   *widget.Label
}

func newDonePage(w *Wizard) *donePage {
	p := &donePage{w: w, result: widgets.NewNotice(), tidy: widgets.Wrapped("")}
	p.box = container.NewVBox(p.result.Box, p.tidy)
	return p
}

func (p *donePage) enter() {
	w := p.w
	p.result.Set(widgets.NoticeSuccess,
		lang.X("addrwiz.done.result", "{{.Camera}} answers at {{.Addr}} and logs in with its new password.", map[string]any{"Camera": cameraName(w), "Addr": w.finalAt}),
		lang.X("addrwiz.done.next", "It now shows in the list at its new address. Its administrator is {{.User}}.", map[string]any{"User": w.login.User}))
	w.login.Password = ""
	w.password.clear()
	switch {
	case w.temporary != nil:
		added, addr := w.temporary, w.tempPrefix.Addr().String()
		w.temporary = nil
		p.tidy.SetText(lang.X("addrwiz.done.removing", "Taking the temporary address {{.Addr}} off this computer…", map[string]any{"Addr": addr}))
		go func() {
			err := added.Remove(context.Background())
			w.h.Do(func() {
				if err != nil {
					what, next := i18n.ErrorText(err)
					p.tidy.SetText(what + " " + next)
					return
				}
				p.tidy.SetText(lang.X("addrwiz.done.removed", "This computer no longer has the temporary address {{.Addr}}.", map[string]any{"Addr": addr}))
			})
		}()
	case w.addedByHand:
		steps := hostaddr.Steps(w.second.goos, w.iface(), w.tempPrefix)
		p.tidy.SetText(lang.X("addrwiz.done.by_hand", "Now take the temporary address off this computer:") + " " + i18n.Text(steps[len(steps)-1]))
	default:
		p.tidy.SetText("")
	}
	w.h.Refresh()
}

// cameraName is the camera's model and serial number, or what is known.
func cameraName(w *Wizard) string {
	switch {
	case w.cam.Model != "":
		return w.cam.Model + " (" + w.cam.MAC + ")"
	}
	return w.cam.MAC
}
