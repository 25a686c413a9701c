package gui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/gui/widgets"
)

// interfacesDialog is "Choose network connections…": which of the
// computer's connections to search. A VPN or a virtual machine's adapter
// can hide the cameras' network or fill the list with strangers.
type interfacesDialog struct {
	w       *MainWindow
	dlg     *dialog.CustomDialog
	checks  map[string]*widget.Check
	order   []string
	problem *widget.Label
	apply   *widget.Button
}

func (w *MainWindow) showInterfaces() {
	b := w.Backend()
	if b.SearchOnly == nil {
		return
	}
	all, err := b.Interfaces()
	if err != nil {
		showWindowProblem(w.win, lang.X("interfaces.title", "Network connections to search"), err)
		return
	}
	searched := map[string]bool{}
	for _, i := range w.status.Interfaces {
		searched[i.Name] = true
	}
	if len(searched) == 0 {
		for _, i := range netif.Usable(all) {
			searched[i.Name] = true
		}
	}

	c := &interfacesDialog{w: w, checks: map[string]*widget.Check{}}
	intro := widget.NewLabel(lang.X("interfaces.intro", "OpenIPU looks for cameras on the ticked connections. Untick the ones that lead elsewhere, such as a VPN or a virtual machine."))
	intro.Wrapping = fyne.TextWrapWord
	list := container.NewVBox()
	for _, i := range sortedForChoice(all) {
		check := widget.NewCheck(interfaceTitle(i), nil)
		check.SetChecked(searched[i.Name] && i.Usable())
		check.OnChanged = func(bool) { c.updateApply() }
		if !i.Usable() {
			check.Disable()
		}
		list.Add(container.NewVBox(check, widgets.Note(interfaceNote(i))))
		c.checks[i.Name] = check
		c.order = append(c.order, i.Name)
	}
	c.problem = widget.NewLabel("")
	c.problem.Wrapping = fyne.TextWrapWord
	c.problem.Importance = widget.DangerImportance
	c.problem.Hide()
	c.apply = widget.NewButton(lang.X("interfaces.apply", "Search these"), c.submit)
	c.apply.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.X("window.cancel", "Cancel"), c.close)
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(0, 260))
	content := container.NewBorder(intro, container.NewVBox(c.problem, container.NewHBox(layout.NewSpacer(), cancel, c.apply)), nil, nil, scroll)
	c.dlg = dialog.NewCustomWithoutButtons(lang.X("interfaces.title", "Network connections to search"), content, w.win)
	c.dlg.Resize(fyne.NewSize(520, 440))
	c.updateApply()
	c.dlg.Show()
	w.openDialog(c.close)
	w.ifaceDialog = c
}

// sortedForChoice lists real connections first, then virtual ones, then
// the ones that cannot be searched.
func sortedForChoice(all []netif.Interface) []netif.Interface {
	out := slices.Clone(all)
	rank := func(i netif.Interface) int {
		switch {
		case !i.Usable():
			return 2
		case i.Virtual:
			return 1
		}
		return 0
	}
	slices.SortStableFunc(out, func(a, b netif.Interface) int { return rank(a) - rank(b) })
	return out
}

func interfaceTitle(i netif.Interface) string {
	var nets []string
	for _, p := range i.Prefixes {
		nets = append(nets, p.String())
	}
	if len(nets) == 0 {
		return i.Name
	}
	return i.Name + " — " + strings.Join(nets, ", ")
}

// interfaceNote says in words what kind of connection it is.
func interfaceNote(i netif.Interface) string {
	switch {
	case i.Loopback:
		return lang.X("interfaces.loopback", "This computer only; cameras are never here.")
	case !i.Up:
		return lang.X("interfaces.down", "Not connected.")
	case len(i.Prefixes) == 0:
		return lang.X("interfaces.no_address", "Connected, but without an IPv4 address.")
	case !i.Multicast:
		return lang.X("interfaces.no_multicast", "Cannot carry the cameras' announcements.")
	case i.Virtual:
		return lang.X("interfaces.virtual", "Looks virtual (a VPN, a virtual machine or containers): cameras are rarely here.")
	}
	return lang.X("interfaces.physical", "A network adapter of this computer.")
}

func (c *interfacesDialog) close() {
	c.dlg.Hide()
	c.w.closedDialog()
}

func (c *interfacesDialog) chosen() []string {
	var names []string
	for _, n := range c.order {
		if ch := c.checks[n]; ch.Checked && !ch.Disabled() {
			names = append(names, n)
		}
	}
	return names
}

func (c *interfacesDialog) updateApply() {
	widgets.EnableButton(c.apply, len(c.chosen()) > 0)
}

// submit starts discovery over on the chosen connections.
func (c *interfacesDialog) submit() {
	names := c.chosen()
	if len(names) == 0 {
		return
	}
	searchOnly := c.w.Backend().SearchOnly
	if searchOnly == nil {
		return
	}
	nd, err := searchOnly(names)
	if err != nil {
		c.problem.SetText(plainProblem(err))
		c.problem.Show()
		return
	}
	c.close()
	c.w.startDiscovery(nd)
}
