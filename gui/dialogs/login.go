package dialogs

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/widgets"
)

// loginFields is the user name and password prompt the action dialogs
// share. The password stays in its entry, in memory, until the dialog
// closes and clears it.
type loginFields struct {
	user       *widgets.EscEntry
	password   *widgets.EscEntry
	userReason *widget.Label
	rule       *widget.Label
	box        *fyne.Container
}

// newLoginFieldsFor offers the administrator name this program set or used
// on cam before, when h's backend remembers one.
func newLoginFieldsFor(h Host, cam discovery.Device, onSubmit, onEscape func(), onChange func()) *loginFields {
	c := &loginFields{
		user:     widgets.NewEscEntry(onEscape),
		password: widgets.NewSecretEntry(onEscape),
	}
	c.userReason = widgets.Reason()
	c.rule = widgets.Wrapped(lang.X("dialog.login.root_only", "Cameras with AXIS OS older than 11.5 have only the administrator \"root\"."))
	c.rule.SizeName = theme.SizeNameCaptionText // quieter than body text, yet readable (low importance is too faint)
	if !onlyRootFirmware(cam) {
		c.rule.Hide()
	}
	c.user.SetText(adminFor(h, cam))
	c.user.OnSubmitted = func(string) { onSubmit() }
	c.password.OnSubmitted = func(string) { onSubmit() }
	c.user.OnChanged = func(string) {
		c.check()
		if onChange != nil {
			onChange()
		}
	}
	c.password.OnChanged = func(string) {
		if onChange != nil {
			onChange()
		}
	}
	c.box = container.NewVBox(
		container.New(layout.NewFormLayout(),
			widget.NewLabel(lang.X("dialog.field.user_name", "User name")), container.NewVBox(c.user, c.rule, widgets.KeepLines(c.userReason, 2)),
			widget.NewLabel(lang.X("dialog.field.password", "Password")), c.password,
		),
	)
	return c
}

// adminFor is the name to offer for cam: the one this program gave it or
// logged in with while running, else defaultAdmin. A name that worked on
// another camera is no guide: one site often has root on older cameras and
// a chosen name on newer ones.
func adminFor(h Host, cam discovery.Device) string {
	if h != nil {
		if user, ok := h.Backend().Admins.Lookup(cam.MAC); ok {
			return user
		}
	}
	return defaultAdmin
}

// defaultAdmin is root: AXIS OS before 11.5 accepts no other first
// administrator, and cameras updated from it keep that name, so on a
// camera nobody here has logged into it is the likeliest name.
const defaultAdmin = "root"

// rememberAdminOf keeps the administrator name that was set or accepted on
// the camera with mac, for the next login to it while the program runs.
func rememberAdminOf(h Host, mac, user string) {
	h.Backend().Admins.Remember(mac, user)
}

// check shows why the user name cannot be used, as it is typed.
func (c *loginFields) check() {
	widgets.SetReason(c.userReason, userNameProblem(c.user.Text))
}

// err says what must be fixed before logging in, or nil.
func (c *loginFields) err() error {
	if err := vapix.ValidateUserName(c.user.Text); err != nil {
		return err
	}
	if c.password.Text == "" {
		return errors.New(lang.X("dialog.login.password_missing", "Type the camera's password."))
	}
	return nil
}

func (c *loginFields) setEnabled(on bool) {
	for _, e := range []*widgets.EscEntry{c.user, c.password} {
		if on {
			e.Enable()
		} else {
			e.Disable()
		}
	}
}

// clear forgets the password; the dialogs call it when they close.
func (c *loginFields) clear() {
	c.password.SetText("")
}

// userNameProblem is the translated reason a name breaks the 1–14 letters
// and digits rule, or "".
func userNameProblem(name string) string {
	err := vapix.ValidateUserName(name)
	if err == nil {
		return ""
	}
	p, _ := usermsg.Explain(err)
	what, next := i18n.ProblemText(p)
	return what + " " + next
}
