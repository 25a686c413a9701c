package window

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/arpping"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
	"github.com/openipu/openipu/gui/widgets"
)

// listingDisc is the window's fake Discoverer with an ARP/Ping that is
// never possible (nothing is sent).
type listingDisc struct {
	*fakes.Discoverer
}

func (l *listingDisc) ARPPingAvailable(string) (bool, usermsg.Message) {
	return false, usermsg.Message{Text: "not in tests"}
}
func (l *listingDisc) ARPPingAssign(context.Context, arpping.Request, func(arpping.Progress)) error {
	return &arpping.Error{Kind: arpping.NotPossible}
}

// dialogButton finds a button by its text on the dialog on top.
func dialogButton(t *testing.T, w fyne.Window, text string) *widgets.EscButton {
	t.Helper()
	var found *widgets.EscButton
	uitest.WalkShown(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widgets.EscButton); ok && b.Text == text {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no %q button on the dialog:\n%s", text, topDialog(w))
	}
	return found
}

func pressEscape(w fyne.Window) {
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
}

func TestGuidedResetOpensFromTheEmptyStateTheToolbarTheMenuAndTheDetailsPanel(t *testing.T) {
	fleet := fleetOfFive()
	d := &listingDisc{Discoverer: &fakes.Discoverer{}}
	w := newTestWindow(t, d)
	w.refreshStatus()
	const title = "Which camera do you want to reset?"

	if !w.empty.root.Visible() || !w.empty.reset.Visible() {
		t.Fatal("the empty state offers no guided reset")
	}
	test.Tap(w.empty.reset)
	// With no camera in the list, the camera is one that is not in it.
	if texts := strings.Join(visibleTexts(w.win.Canvas().Overlays().Top()), "\n"); !strings.Contains(texts, title) || !strings.Contains(texts, "Its MAC address, printed on a label") {
		t.Errorf("from the empty state: the wizard is not open on its first page about a camera not in the list:\n%s", texts)
	}
	pressEscape(w.win)
	if w.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not close the wizard")
	}

	d.Send(discovery.Added, fleet...)
	w.waitRows(t, len(fleet))
	test.Tap(w.toolbar.reset)
	if !strings.Contains(topDialog(w.win), title) || !dialogButton(t, w.win, "Next").Disabled() {
		t.Errorf("the toolbar's button does not open the wizard on its first page with nothing chosen:\n%s", topDialog(w.win))
	}
	pressEscape(w.win)

	var menuItem *fyne.MenuItem
	for _, m := range w.menu.Items {
		for _, it := range m.Items {
			if it.Label == "Guided factory reset…" {
				menuItem = it
			}
		}
	}
	if menuItem == nil || menuItem.Disabled {
		t.Fatal("no enabled Guided factory reset… in the menu")
	}
	menuItem.Action()
	if !strings.Contains(topDialog(w.win), title) {
		t.Errorf("the menu item opens:\n%s", topDialog(w.win))
	}
	pressEscape(w.win)

	ready := fleet[2] // B8A44F000002, set up and reachable
	w.tapRow(t, ready.MAC, 0)
	if w.details.arpPing.Visible() {
		t.Error("ARP/Ping is offered for a camera this computer reaches")
	}
	test.Tap(w.details.resetWizard)
	if !strings.Contains(topDialog(w.win), title) || dialogButton(t, w.win, "Next").Disabled() {
		t.Errorf("from the details panel the camera is not chosen already:\n%s", topDialog(w.win))
	}
	pressEscape(w.win)

	factory := fleet[3] // E82725000004 on 192.168.0.90
	w.tapRow(t, factory.MAC, 0)
	if !w.details.arpPing.Visible() {
		t.Fatal("no ARP/Ping for a camera on the factory address")
	}
	test.Tap(w.details.arpPing)
	if texts := topDialog(w.win); !strings.Contains(texts, "Give an address by serial number") || !strings.Contains(texts, "E82725000004") {
		t.Errorf("the details panel's ARP/Ping opens:\n%s", texts)
	}
	pressEscape(w.win)
}
