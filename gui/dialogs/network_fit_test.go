package dialogs

import (
	"net/netip"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
)

// cutText lists every text drawn on the window's dialogs that the user
// cannot read whole.
func cutText(w fyne.Window) []string { return uitest.CutWords(w) }

// openIn900x600 makes the window the smallest the dialogs are made for.
func openIn900x600(w fyne.Window) { w.Resize(fyne.NewSize(900, 600)) }

func TestNetworkDialogsCutNoTextInA900By600Window(t *testing.T) {
	check := func(name string, w fyne.Window) {
		t.Helper()
		if cut := cutText(w); len(cut) > 0 {
			t.Errorf("%s cuts %q", name, cut)
		}
	}

	t.Run("assign IP, every remark shown", func(t *testing.T) {
		h := newFakeHost(t)
		openIn900x600(h.Win)
		d := openAssignIP(t, h, cameraAt("ACCC8E000010", "192.168.0.90"))
		d.knock = thisMachineOnly(t, 1)
		typeAddress(d, "10.1.2.3")
		d.mask.SetText("255.255.255.128")
		d.gateway.SetText("10.0.0.")
		d.dns1.SetText("x")
		d.showTaken(netip.MustParseAddr("10.1.2.3"))
		d.relayout()
		check("assign IP", h.Win)
		test.Tap(d.mode.Buttons[1])
		check("assign IP with DHCP", h.Win)
	})
	t.Run("give an address by serial number", func(t *testing.T) {
		h, d := openARPPing(t, &fakeARPPinger{Discoverer: &fakes.Discoverer{}, possible: true})
		openIn900x600(h.Win)
		d.address.SetText("10.0.0.50")
		d.relayout()
		check("ARP/Ping", h.Win)
	})
	t.Run("give an address by serial number, not possible", func(t *testing.T) {
		h, d := openARPPing(t, &fakeARPPinger{Discoverer: &fakes.Discoverer{}, why: usermsg.Message{Key: "arpping.available.needs_admin", Text: "This needs administrator rights. Start OpenIPU as administrator once, or give this computer a second address starting with 192.168.0. (such as 192.168.0.100), or connect it straight to the camera with a network cable."}})
		openIn900x600(h.Win)
		d.relayout()
		check("ARP/Ping not possible", h.Win)
	})
	t.Run("scan range", func(t *testing.T) {
		f := newFakeFinder(t, &fakes.Searcher{Discoverer: &fakes.Discoverer{}, All: fakes.Office})
		f.Local = fakes.Office
		openIn900x600(f.Win)
		s := newScanRangeDialog(f)
		s.show(s.entry)
		s.entry.SetText("10.0.0.0/8")
		s.submit()
		check("scan range", f.Win)
	})
	t.Run("add camera", func(t *testing.T) {
		f, a := openAddCamera(t, &fakes.Discoverer{})
		openIn900x600(f.Win)
		a.relayout()
		check("add camera", f.Win)
	})
	t.Run("network connections", func(t *testing.T) {
		f := newFakeFinder(t, &fakes.Searcher{Discoverer: &fakes.Discoverer{}, All: fakes.Office})
		openIn900x600(f.Win)
		c := newInterfacesDialog(f, fakes.Office)
		c.show(nil)
		check("network connections", f.Win)
	})
}
