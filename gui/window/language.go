package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/gui/dialogs"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/widgets"
)

// languageChoice is "Language…": the system's language or one of the
// window's, each named in itself, kept in the app's preferences. Fyne
// builds every text in the language it starts with, so a new choice takes
// effect when the program starts again; the dialog offers to do that now.
type languageChoice struct {
	options *widget.RadioGroup
	codes   map[string]string // option → code ("" for the system's)
}

func (w *MainWindow) showLanguage() {
	c := &languageChoice{codes: map[string]string{}}
	system := lang.X("language.system", "As this computer ({{.Language}})", map[string]any{"Language": i18n.NameOf(i18n.SystemLanguage())})
	names := []string{system}
	c.codes[system] = ""
	for _, l := range i18n.Languages {
		names = append(names, l.Name)
		c.codes[l.Name] = l.Code
	}
	c.options = widget.NewRadioGroup(names, nil)
	c.options.Required = true
	current := w.app.Preferences().String(i18n.PreferenceKey)
	c.options.SetSelected(system)
	for name, code := range c.codes {
		if code == current && current != "" {
			c.options.SetSelected(name)
		}
	}
	note := widgets.Wrapped(lang.X("language.note", "On Windows, “as this computer” follows the region chosen in Windows' settings. The command-line tool always speaks English, because scripts read it."))
	body := container.NewVBox(c.options, note)
	d := dialog.NewCustomConfirm(lang.X("language.title", "Language"), lang.X("language.ok", "Use this language"), lang.X("dialog.button.cancel", "Cancel"), body, func(ok bool) {
		if !ok {
			return
		}
		code := c.codes[c.options.Selected]
		if code == current {
			return
		}
		w.app.Preferences().SetString(i18n.PreferenceKey, code)
		w.askRestart(code)
	}, w.win)
	d.Resize(fyne.NewSize(460, 0))
	d.Show()
}

// askRestart says when the new language takes effect and offers to
// restart now.
func (w *MainWindow) askRestart(code string) {
	name := i18n.NameOf(code)
	if code == "" {
		name = i18n.NameOf(i18n.SystemLanguage())
	}
	text := lang.X("language.restart", "OpenIPU will speak {{.Language}} when it starts again. Nothing is lost: the open handover and the journal are saved.", map[string]any{"Language": name})
	if w.opts.Restart == nil {
		dialog.ShowInformation(lang.X("language.title", "Language"), text, w.win)
		return
	}
	dialog.ShowConfirm(lang.X("language.title", "Language"), text+" "+lang.X("language.restart_now", "Restart OpenIPU now?"), func(now bool) {
		if now {
			if err := w.opts.Restart(); err != nil {
				dialogs.ShowError(w.win, lang.X("language.restart_failed", "OpenIPU could not start again; close it and open it yourself"), err)
			}
		}
	}, w.win)
}
