package window

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/gui/apptheme"
	"github.com/openipu/openipu/gui/widgets"
)

// toolbar holds the ways to find cameras, and the filter. Buttons carry
// words as well as icons: the people using this should not have to guess.
type toolbar struct {
	search, add, scan, ifaces *widget.Button
	filter                    *widget.Entry
	box                       *fyne.Container

	// reset opens the guided physical reset (gui/resetwizard), for the
	// camera whose password nobody knows any more.
	reset *widget.Button

	// buttons are the row's buttons in order; those a narrow window has no
	// room for (overflow) are hidden and offered by more instead.
	buttons  []*widget.Button
	overflow []*widget.Button
	more     *widget.Button
	// moreMenu is the More… menu shown last.
	moreMenu *fyne.Menu
}

// filterMin is the least width of the filter: room for a model name or
// an address, and for the start of its hint.
const filterMin = 240

func newToolbar(w *MainWindow) *toolbar {
	t := &toolbar{
		search: widget.NewButtonWithIcon(lang.X("toolbar.search_again", "Search again"), theme.ViewRefreshIcon(), w.searchAgain),
		add:    widget.NewButtonWithIcon(lang.X("toolbar.add_camera", "Add camera by IP…"), theme.ContentAddIcon(), w.showAddCamera),
		scan:   widget.NewButtonWithIcon(lang.X("toolbar.scan_range", "Scan address range…"), theme.SearchIcon(), w.showScanRange),
		ifaces: widget.NewButtonWithIcon(lang.X("toolbar.interfaces", "Network connections…"), theme.ComputerIcon(), w.showInterfaces),
		reset:  widget.NewButtonWithIcon(lang.X("toolbar.reset_wizard", "Guided factory reset…"), apptheme.IconFactory, w.showResetWizard),
		filter: widget.NewEntry(),
	}
	t.filter.SetPlaceHolder(lang.X("toolbar.filter", "Filter by model, IP address or MAC"))
	t.filter.OnChanged = w.setFilter
	t.more = widget.NewButtonWithIcon(lang.X("toolbar.more", "More…"), theme.MoreHorizontalIcon(), func() { t.showMore(w) })
	t.buttons = []*widget.Button{t.search, t.add, t.scan, t.ifaces, t.reset}
	objs := []fyne.CanvasObject{}
	for _, b := range t.buttons {
		objs = append(objs, b)
	}
	objs = append(objs, t.more, t.filter)
	t.box = container.NewVBox(
		container.New(&toolbarLayout{t: t}, objs...),
		widget.NewSeparator(),
	)
	return t
}

// showMore offers the buttons the toolbar had no room for, as a menu under
// More….
func (t *toolbar) showMore(w *MainWindow) {
	var items []*fyne.MenuItem
	for _, b := range t.overflow {
		it := fyne.NewMenuItem(b.Text, b.OnTapped)
		it.Icon, it.Disabled = b.Icon, b.Disabled()
		items = append(items, it)
	}
	t.moreMenu = fyne.NewMenu("", items...)
	widget.ShowPopUpMenuAtRelativePosition(t.moreMenu, w.win.Canvas(), fyne.NewPos(0, t.more.Size().Height), t.more)
}

// toolbarLayout puts the buttons in a row, then the filter, which takes
// the rest of the width. When the window is too narrow for every button
// beside a usable filter, the last buttons step into the More… menu:
// nothing is cut, and the toolbar stays one line high.
type toolbarLayout struct{ t *toolbar }

func (l *toolbarLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	t, pad := l.t, theme.Padding()
	room := size.Width - filterMin - pad
	all := float32(0)
	for _, b := range t.buttons {
		all += b.MinSize().Width + pad
	}
	fitsAll := all <= room
	if !fitsAll {
		room -= t.more.MinSize().Width + pad
	}
	x := float32(0)
	t.overflow = t.overflow[:0]
	for _, b := range t.buttons {
		bw := b.MinSize().Width
		if len(t.overflow) > 0 || !fitsAll && x+bw+pad > room {
			t.overflow = append(t.overflow, b)
			b.Hide()
			continue
		}
		b.Show()
		b.Move(fyne.NewPos(x, 0))
		b.Resize(fyne.NewSize(bw, size.Height))
		x += bw + pad
	}
	if fitsAll {
		t.more.Hide()
	} else {
		t.more.Show()
		mw := t.more.MinSize().Width
		t.more.Move(fyne.NewPos(x, 0))
		t.more.Resize(fyne.NewSize(mw, size.Height))
		x += mw + pad
	}
	t.filter.Move(fyne.NewPos(x, 0))
	t.filter.Resize(fyne.NewSize(size.Width-x, size.Height))
}

func (l *toolbarLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	t := l.t
	h := t.filter.MinSize().Height
	for _, b := range t.buttons {
		h = max(h, b.MinSize().Height)
	}
	return fyne.NewSize(t.more.MinSize().Width+theme.Padding()+filterMin, h)
}

func (t *toolbar) update(w *MainWindow) {
	d, _ := w.discoverer()
	widgets.EnableButton(t.search, d != nil)
	widgets.EnableButton(t.add, d != nil)
	widgets.EnableButton(t.scan, d != nil)
	widgets.EnableButton(t.ifaces, w.Backend().SearchOnly != nil)
}

// Keyboard shortcuts. Ctrl is Cmd on a Mac (KeyModifierShortcutDefault).
var (
	shortcutSearch      = &desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutAdd         = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutScan        = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutFind        = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSetPassword = &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutAssignIP    = &desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutOpen        = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
)

func newMainMenu(w *MainWindow) *fyne.MainMenu {
	item := func(label string, sc fyne.Shortcut, run func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, run)
		it.Shortcut = sc
		return it
	}
	search := item(lang.X("toolbar.search_again", "Search again"), shortcutSearch, w.searchAgain)
	search.Icon = theme.ViewRefreshIcon()
	cameras := fyne.NewMenu(lang.X("menu.cameras", "Cameras"),
		search,
		item(lang.X("toolbar.add_camera", "Add camera by IP…"), shortcutAdd, w.showAddCamera),
		item(lang.X("toolbar.scan_range", "Scan address range…"), shortcutScan, w.showScanRange),
		item(lang.X("menu.interfaces", "Choose network connections…"), nil, w.showInterfaces),
		fyne.NewMenuItemSeparator(),
		item(lang.X("menu.find", "Filter the list"), shortcutFind, func() { w.win.Canvas().Focus(w.filter) }),
		item(lang.X("menu.untick_all", "Untick all cameras"), nil, w.untickAll),
	)
	if w.opts.StartDemo != nil {
		cameras.Items = append(cameras.Items, fyne.NewMenuItemSeparator(),
			item(lang.X("empty.try_demo", "Try with simulated cameras"), nil, w.startDemo))
	}

	shortcuts := map[actionID]fyne.Shortcut{
		actSetPassword: shortcutSetPassword,
		actAssignIP:    shortcutAssignIP,
		actOpenBrowser: shortcutOpen,
		actCopyDetails: &fyne.ShortcutCopy{},
	}
	camera := fyne.NewMenu(lang.X("menu.camera", "Camera"))
	for a := range numActions {
		run := func() { w.runAction(a) }
		if a == actCopyDetails {
			run = w.copyOrCopyDetails
		}
		it := item(actionTitle(a), shortcuts[a], run)
		it.Icon = actionIcon(a)
		it.Disabled = true
		w.items[a] = it
		if a == actOpenBrowser {
			camera.Items = append(camera.Items, fyne.NewMenuItemSeparator())
		}
		camera.Items = append(camera.Items, it)
	}
	// The guided physical reset (gui/resetwizard) chooses its camera itself,
	// so it is always on.
	reset := item(lang.X("toolbar.reset_wizard", "Guided factory reset…"), nil, w.showResetWizard)
	reset.Icon = apptheme.IconFactory
	camera.Items = append(camera.Items, fyne.NewMenuItemSeparator(), reset)

	help := fyne.NewMenu(lang.X("menu.help", "Help"),
		fyne.NewMenuItem(lang.X("menu.getting_started", "Getting started"), w.showGuide),
		fyne.NewMenuItem(lang.X("menu.readme", "Open the README"), w.showReadme),
		fyne.NewMenuItem(lang.X("menu.language", "Language…"), w.showLanguage),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.X("menu.about", "About OpenIPU"), w.showAbout))
	if w.opts.ExplainFirewall {
		help.Items = slices.Insert(help.Items, 2, fyne.NewMenuItem(lang.X("menu.firewall", "Windows firewall…"), w.showFirewallHelp))
	}
	return fyne.NewMainMenu(cameras, camera, newHandoverMenu(w), help)
}

// copyOrCopyDetails: Ctrl+C copies the selected text when a text field has
// some (the menu sees the shortcut first), and the camera's details
// otherwise.
func (w *MainWindow) copyOrCopyDetails() {
	type selectable interface {
		fyne.Shortcutable
		SelectedText() string
	}
	if f, ok := w.win.Canvas().Focused().(selectable); ok && f.SelectedText() != "" {
		f.TypedShortcut(&fyne.ShortcutCopy{Clipboard: w.app.Clipboard()})
		return
	}
	w.runAction(actCopyDetails)
}

func (w *MainWindow) addShortcuts() {
	// F5 has no modifier, so it is a key, not a shortcut; it works when no
	// text field has the focus.
	w.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyF5 {
			w.searchAgain()
		}
	})
}
