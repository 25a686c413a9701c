package dialogs

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"

	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/gui/widgets"
)

// interfacesDialog is "Choose network connections…": which of the
// computer's connections to search. A VPN or a virtual machine's adapter
// can hide the cameras' network or fill the list with strangers.
type interfacesDialog struct {
	*frame
	f      Finder
	checks map[string]*widgets.EscCheck
	order  []string
}

// ShowInterfaces opens "Choose network connections…" when the search can
// start over on chosen connections.
func ShowInterfaces(f Finder) {
	b := f.Backend()
	if b.SearchOnly == nil {
		return
	}
	all, err := b.Interfaces()
	if err != nil {
		ShowError(f.Window(), lang.X("interfaces.title", "Network connections to search"), err)
		return
	}
	c := newInterfacesDialog(f, all)
	c.show(nil)
}

func newInterfacesDialog(f Finder, all []netif.Interface) *interfacesDialog {
	searched := map[string]bool{}
	for _, i := range f.Searched() {
		searched[i.Name] = true
	}
	if len(searched) == 0 {
		for _, i := range netif.Usable(all) {
			searched[i.Name] = true
		}
	}

	c := &interfacesDialog{f: f, checks: map[string]*widgets.EscCheck{}}
	list := container.NewVBox()
	c.frame = newFrame(f, lang.X("interfaces.title", "Network connections to search"),
		container.NewVBox(widgets.Wrapped(lang.X("interfaces.intro", "OpenIPU looks for cameras on the ticked connections. Untick the ones that lead elsewhere, such as a VPN or a virtual machine.")), list),
		lang.X("interfaces.apply", "Search these"), c.submit)
	finding(c.frame)
	for _, i := range sortedForChoice(all) {
		check := widgets.NewEscCheck(interfaceTitle(i), nil, c.escape)
		check.SetChecked(searched[i.Name] && i.Usable())
		check.OnChanged = func(bool) { c.updateApply() }
		if !i.Usable() {
			check.Disable()
		}
		list.Add(container.NewVBox(check, widgets.Note(interfaceNote(i))))
		c.checks[i.Name] = check
		c.order = append(c.order, i.Name)
	}
	c.updateApply()
	return c
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
	// The computer's own address, which people can compare with a
	// camera's; the prefix length means nothing to most of them.
	for _, p := range i.Prefixes {
		nets = append(nets, p.Addr().String())
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
	if len(c.chosen()) > 0 {
		c.primary.Enable()
	} else {
		c.primary.Disable()
	}
}

// submit starts the search over on the chosen connections.
func (c *interfacesDialog) submit() {
	names := c.chosen()
	if len(names) == 0 {
		return
	}
	searchOnly := c.f.Backend().SearchOnly
	if searchOnly == nil {
		return
	}
	nd, err := searchOnly(names)
	if err != nil {
		c.problem.ShowError(err)
		c.relayout()
		return
	}
	c.close()
	c.f.SearchWith(nd)
}
