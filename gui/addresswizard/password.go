package addresswizard

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/passphrase"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/widgets"
)

// passwordPage sets the camera's first password and proves it by logging
// in with it (workflow.SetPassword). A camera that turns out to have one
// already is asked for it instead, for the address that follows.
type passwordPage struct {
	w         *Wizard
	box       *fyne.Container
	intro     *widget.Label
	user      *widgets.EscEntry
	pw        *widgets.EscEntry
	repeat    *widgets.EscEntry
	repeatRow []fyne.CanvasObject
	meter     *widgets.StrengthMeter
	suggest   *widget.Button
	show      *widget.Check
	note      *widget.Label
	reason    *widget.Label
	// existing: the camera has an administrator already; its password is
	// asked for, not chosen.
	existing bool
}

func newPasswordPage(w *Wizard) *passwordPage {
	p := &passwordPage{w: w}
	esc := w.escape
	p.intro = widgets.Wrapped("")
	p.user = widgets.NewEscEntry(esc)
	p.pw = widgets.NewSecretEntry(esc)
	p.repeat = widgets.NewSecretEntry(esc)
	for _, e := range []*widgets.EscEntry{p.user, p.pw, p.repeat} {
		e.OnChanged = func(string) { p.validate() }
		e.OnSubmitted = func(string) { w.primary() }
	}
	p.meter = widgets.NewStrengthMeter()
	p.suggest = widget.NewButtonWithIcon(lang.X("addrwiz.password.suggest", "Suggest a password"), theme.ViewRefreshIcon(), p.generate)
	p.show = widget.NewCheck(lang.X("addrwiz.password.show", "Show the password"), p.reveal)
	p.note = widgets.Wrapped(lang.X("addrwiz.password.note", "Write it down now and keep it safe: OpenIPU does not keep it anywhere."))
	p.reason = widgets.Reason()
	repeatLabel := widget.NewLabel(lang.X("addrwiz.password.repeat", "Repeat the password"))
	p.repeatRow = []fyne.CanvasObject{repeatLabel, p.repeat}
	p.box = container.NewVBox(
		p.intro,
		container.New(layout.NewFormLayout(),
			widget.NewLabel(lang.X("dialog.field.user_name", "User name")), p.user,
			widget.NewLabel(lang.X("dialog.field.password", "Password")), container.NewVBox(p.pw, p.meter),
			repeatLabel, container.NewVBox(p.repeat, widgets.KeepLines(p.reason, 2)),
		),
		container.NewHBox(p.suggest, p.show),
		p.note,
	)
	return p
}

func (p *passwordPage) enter() {
	w := p.w
	args := map[string]any{"Camera": w.cam.Model, "Addr": w.reach.Host}
	if p.existing {
		p.intro.SetText(lang.X("addrwiz.password.existing", "This camera already has a password. Type its administrator's name and password, to give it its address."))
	} else {
		p.intro.SetText(lang.X("addrwiz.password.intro", "This computer reaches the camera now, at {{.Addr}}. Choose the password of its administrator: nobody can use the camera without it.", args))
	}
	if p.user.Text == "" {
		p.user.SetText(adminFor(w))
	}
	for _, o := range append(p.repeatRow, p.meter, p.suggest, p.note) {
		widgets.SetVisible(o, !p.existing)
	}
	p.validate()
}

// adminFor is the name this program gave or used on the camera during this
// run, else root: firmware before 11.5 accepts no other first name, and
// cameras upgraded from it keep root.
func adminFor(w *Wizard) string {
	if name, ok := w.h.Backend().Admins.Lookup(w.cam.MAC); ok {
		return name
	}
	return "root"
}

func (p *passwordPage) problem() string {
	switch {
	case vapix.ValidateUserName(p.user.Text) != nil:
		return lang.X("addrwiz.password.bad_user", "Type a name of letters and digits, such as root or admin.")
	case p.pw.Text == "":
		return ""
	case vapix.ValidatePassword(p.pw.Text) != nil:
		return lang.X("addrwiz.password.bad_password", "Cameras accept up to 64 of the keyboard's letters, digits, spaces and punctuation, without accents.")
	case !p.existing && p.repeat.Text != "" && p.repeat.Text != p.pw.Text:
		return lang.X("addrwiz.password.mismatch", "The two passwords are not the same.")
	}
	return ""
}

func (p *passwordPage) validate() {
	p.meter.Update(p.pw.Text)
	widgets.SetReason(p.reason, p.problem())
	p.w.updateButtons()
}

func (p *passwordPage) ready() bool {
	return p.problem() == "" && p.pw.Text != "" && (p.existing || p.repeat.Text == p.pw.Text)
}

func (p *passwordPage) generate() {
	// Words, so that it can be written down and typed on a camera's page
	// without mistakes.
	pw, err := passphrase.GenerateWords()
	if err != nil {
		p.w.showError(err)
		return
	}
	p.pw.SetText(pw)
	p.repeat.SetText(pw)
	p.show.SetChecked(true)
}

func (p *passwordPage) reveal(on bool) {
	for _, e := range []*widgets.EscEntry{p.pw, p.repeat} {
		e.Password = !on
		e.Refresh()
	}
}

// clear forgets what was typed.
func (p *passwordPage) clear() {
	p.pw.SetText("")
	p.repeat.SetText("")
}

func (p *passwordPage) start() {
	w := p.w
	creds := workflow.Credentials{User: p.user.Text, Password: p.pw.Text}
	if p.existing {
		// Checked by the address change, which logs in with it first.
		w.login = creds
		w.goTo(pageAddress)
		return
	}
	env, target := w.env(), w.reach
	req := workflow.PasswordRequest{User: creds.User, Password: workflow.Password(creds.Password)}
	w.run(func(ctx context.Context) func() {
		res := workflow.SetPassword(ctx, env, target, req, func(pr workflow.Progress) { w.sayStep(pr) })
		return func() {
			if res.Err != nil {
				if vapix.KindOf(res.Err) == vapix.AlreadySetUp {
					p.existing = true
					p.enter()
				}
				w.showError(res.Err)
				return
			}
			if res.Account.User != "" {
				creds.User = res.Account.User
			}
			w.h.Backend().Admins.Remember(w.cam.MAC, creds.User)
			w.login = creds
			w.goTo(pageAddress)
		}
	})
}
