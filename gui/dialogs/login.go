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

// lastAdminPref remembers the administrator NAME last used successfully,
// so the next dialog can suggest it. Never a password.
const lastAdminPref = "gui.lastAdminName"

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

func newLoginFields(cam discovery.Device, onSubmit, onEscape func(), onChange func()) *loginFields {
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
	c.user.SetText(suggestedAdmin(cam))
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
			widget.NewLabel(lang.X("dialog.field.user_name", "User name")), container.NewVBox(c.user, c.userReason, c.rule),
			widget.NewLabel(lang.X("dialog.field.password", "Password")), c.password,
		),
	)
	return c
}

// suggestedAdmin is "root" where the firmware knows no other name, else the
// name last used successfully, else "root".
func suggestedAdmin(cam discovery.Device) string {
	if onlyRootFirmware(cam) {
		return "root"
	}
	if a := fyne.CurrentApp(); a != nil {
		if name := a.Preferences().String(lastAdminPref); vapix.ValidateUserName(name) == nil {
			return name
		}
	}
	return "root"
}

// rememberAdmin keeps a name that worked for the next dialog.
func rememberAdmin(name string) {
	if vapix.ValidateUserName(name) != nil {
		return
	}
	if a := fyne.CurrentApp(); a != nil {
		a.Preferences().SetString(lastAdminPref, name)
	}
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
