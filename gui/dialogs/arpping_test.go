package dialogs

import (
	"context"
	"net/netip"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/arpping"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
)

// fakeARPPinger assigns addresses the way the test says, and never sends a
// packet.
type fakeARPPinger struct {
	*fakes.Discoverer
	possible bool
	why      usermsg.Message
	assign   func(ctx context.Context, req arpping.Request, progress func(arpping.Progress)) error

	mu    sync.Mutex
	asked []string
	reqs  []arpping.Request
}

func (f *fakeARPPinger) Available(iface string) (bool, usermsg.Message) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked = append(f.asked, iface)
	if f.possible {
		return true, usermsg.Message{Text: "This computer can give a camera an address through " + iface + "."}
	}
	return false, f.why
}

func (f *fakeARPPinger) Assign(ctx context.Context, req arpping.Request, progress func(arpping.Progress)) error {
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	f.mu.Unlock()
	if f.assign != nil {
		return f.assign(ctx, req, progress)
	}
	return nil
}

func (f *fakeARPPinger) requests() []arpping.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]arpping.Request(nil), f.reqs...)
}

// openARPPing opens the dialog for a camera on the factory address, on a
// fake host whose knocks at addresses answer only where taken says.
func openARPPing(t *testing.T, p *fakeARPPinger, taken ...string) (*fakeHost, *arpPingDialog) {
	t.Helper()
	h := newFakeHost(t)
	h.B.Discovery, h.B.ARPPing = p.Discoverer, p
	cam := fakes.Camera(macLost, discovery.SetupUnknown, "192.168.0.90", "169.254.7.8")
	d := newARPPingDialog(h, cam, true)
	// The knock runs at once, and what it finds is shown before the typing
	// that asked for it is done, as a quick answer would be.
	d.probeLaunch = func(fn func()) { fn(); h.UI.Drain() }
	d.knock = func(_ context.Context, a netip.Addr) bool {
		for _, s := range taken {
			if a.String() == s {
				return true
			}
		}
		return false
	}
	d.show(d.address)
	return h, d
}

func TestARPPingAcceptsOnlyAFreeAddressOnTheChosenConnectionsNetwork(t *testing.T) {
	_, d := openARPPing(t, &fakeARPPinger{Discoverer: &fakes.Discoverer{}, possible: true})
	if d.iface.Selected != 0 || len(d.ifaces) != 1 || d.ifaces[0].Name != "eth0" {
		t.Fatalf("connections offered: %v, chosen %d", d.ifaces, d.iface.Selected)
	}
	if !d.primary.Disabled() {
		t.Error("Start is enabled with no address")
	}
	for _, c := range []struct{ typed, says string }{
		{"192.168.1", "Type an IPv4 address"},
		{"10.0.0.50", "is not on the network of eth0 (addresses starting with 192.168.1.)"},
		{"192.168.1.10", "this computer's own address"},
		{"192.168.1.255", "the network's own address"},
		{"192.168.1.0", "the network's own address"},
	} {
		d.address.SetText(c.typed)
		if !strings.Contains(d.addressReason.Text, c.says) || !d.primary.Disabled() {
			t.Errorf("%s: reason %q (want %q), Start disabled %v", c.typed, d.addressReason.Text, c.says, d.primary.Disabled())
		}
	}
	d.address.SetText("192.168.1.60")
	if d.addressReason.Visible() || d.primary.Disabled() {
		t.Errorf("a free address on the network: reason %q, Start disabled %v", d.addressReason.Text, d.primary.Disabled())
	}
}

func TestARPPingRefusesAnAddressThatAlreadyAnswers(t *testing.T) {
	_, d := openARPPing(t, &fakeARPPinger{Discoverer: &fakes.Discoverer{}, possible: true}, "192.168.1.61")
	d.address.SetText("192.168.1.61")
	if !d.inUse.Shown() || !strings.Contains(d.inUse.Text.Text, "Something already answers at 192.168.1.61") || !d.primary.Disabled() {
		t.Errorf("taken address: notice %q, Start disabled %v", d.inUse.Text.Text, d.primary.Disabled())
	}
	d.address.SetText("192.168.1.62")
	if d.inUse.Shown() || d.primary.Disabled() {
		t.Errorf("free address: notice %q, Start disabled %v", d.inUse.Text.Text, d.primary.Disabled())
	}
}

func TestARPPingExplainsWhenItIsNotPossibleAndOffersTheOtherWays(t *testing.T) {
	why := usermsg.Message{Key: "arpping.available.needs_admin", Text: "This needs administrator rights. Start OpenIPU as administrator once, or give this computer a second address starting with 192.168.0. (such as 192.168.0.100), or connect it straight to the camera with a network cable."}
	p := &fakeARPPinger{Discoverer: &fakes.Discoverer{}, why: why}
	h, d := openARPPing(t, p)
	d.address.SetText("192.168.1.60")
	if !d.primary.Disabled() {
		t.Error("Start is enabled although ARP/Ping is not possible here")
	}
	texts := uitest.OverlayTexts(h.Win)
	for _, s := range []string{"OpenIPU cannot give the camera an address this way here.", "needs administrator rights", "second address on the camera's network", "cable straight to the camera"} {
		if !strings.Contains(texts, s) {
			t.Errorf("the dialog does not say %q:\n%s", s, texts)
		}
	}
	if len(p.asked) == 0 || p.asked[0] != "eth0" {
		t.Errorf("availability asked for %v, want the chosen connection eth0", p.asked)
	}
	test.Tap(d.primary)
	if len(p.requests()) != 0 {
		t.Error("ARP/Ping ran although it is not possible")
	}
}

func TestARPPingShowsEachStepThenHandsTheCameraToSetPasswordAtItsNewAddress(t *testing.T) {
	steps := make(chan string, 8)
	p := &fakeARPPinger{Discoverer: &fakes.Discoverer{}, possible: true}
	var d *arpPingDialog
	p.assign = func(ctx context.Context, req arpping.Request, progress func(arpping.Progress)) error {
		for _, s := range []arpping.Progress{
			{Step: arpping.StepNeighbour, Remaining: 2 * time.Minute},
			{Step: arpping.StepPing, Attempt: 3, Remaining: 117 * time.Second},
			{Step: arpping.StepAnswered, Attempt: 3},
		} {
			progress(s)
			// Read once what progress said is on screen: after it, on the
			// Fyne goroutine.
			d.h.Do(func() { steps <- d.status.Text })
		}
		return nil
	}
	h, dlg := openARPPing(t, p)
	d = dlg
	d.address.SetText("192.168.1.60")
	test.Tap(d.primary)
	waitRun(t, d.frame)
	close(steps)
	if e := h.journal().all(); len(e) != 1 || e[0].Action != journal.SetIP || e[0].Outcome != journal.Done || e[0].Detail != "ARP/Ping 192.168.1.60" || e[0].Camera.MAC != macLost {
		t.Errorf("journal %+v", e)
	}
	var said []string
	for s := range steps {
		said = append(said, s)
	}
	want := []string{
		"Ready. Now unplug the camera's power and plug it back in.",
		"Calling the camera at 192.168.1.60 (3)… 117 s left. Unplug its power and plug it back in if you have not yet.",
		"The camera answers at 192.168.1.60.",
	}
	if strings.Join(said, "\n") != strings.Join(want, "\n") {
		t.Errorf("progress said:\n%s\nwant:\n%s", strings.Join(said, "\n"), strings.Join(want, "\n"))
	}
	reqs := p.requests()
	if len(reqs) != 1 || reqs[0].MAC != macLost || reqs[0].Addr.String() != "192.168.1.60" || reqs[0].Interface != "eth0" || reqs[0].Window != arpping.DefaultWindow {
		t.Errorf("asked %+v", reqs)
	}
	if !strings.Contains(d.problem.Text.Text, "The camera took the address 192.168.1.60.") || !d.setPassword.Visible() {
		t.Fatalf("after success: %q, Set password shown %v", d.problem.Text.Text, d.setPassword.Visible())
	}
	test.Tap(d.setPassword)
	if got := uitest.TopTexts(h.Win); !strings.Contains(got, "Set the first password") || !strings.Contains(uitest.OverlayTexts(h.Win), "192.168.1.60") {
		t.Errorf("handed over to %q:\n%s", got, uitest.OverlayTexts(h.Win))
	}
}

func TestARPPingFailureIsExplainedInCoresWords(t *testing.T) {
	p := &fakeARPPinger{Discoverer: &fakes.Discoverer{}, possible: true}
	p.assign = func(ctx context.Context, req arpping.Request, progress func(arpping.Progress)) error {
		return &arpping.Error{Kind: arpping.NotTaken, Addr: req.Addr.String(), MAC: req.MAC}
	}
	h, d := openARPPing(t, p)
	d.address.SetText("192.168.1.60")
	test.Tap(d.primary)
	waitRun(t, d.frame)
	if e := h.journal().all(); len(e) != 1 || e[0].Outcome != journal.Failed || e[0].ErrorKey == "" {
		t.Errorf("journal %+v", e)
	}
	if d.problem.Text.Text != "The camera did not take the address 192.168.1.60." || !strings.Contains(d.problem.Next.Text, "first 2 minutes") {
		t.Errorf("failure shown as %q / %q", d.problem.Text.Text, d.problem.Next.Text)
	}
	if d.primary.Disabled() || d.address.Disabled() {
		t.Error("after a failure the user cannot try again")
	}
}

func TestARPPingIsNamedInEverydayWordsWithItsTechnicalNameOnlyInSmallType(t *testing.T) {
	h, _ := openARPPing(t, &fakeARPPinger{Discoverer: &fakes.Discoverer{}, possible: true})
	screen := uitest.OverlayTexts(h.Win)
	if !strings.Contains(screen, "Give an address by serial number") {
		t.Errorf("the dialog is not called 'Give an address by serial number':\n%s", screen)
	}
	for _, jargon := range []string{"hardened", "Assign IP by serial number"} {
		if strings.Contains(screen, jargon) {
			t.Errorf("the dialog says %q:\n%s", jargon, screen)
		}
	}
	if j := regexp.MustCompile(`\d/\d|\d\.x\b`).FindString(screen); j != "" {
		t.Errorf("the dialog writes a network as %q:\n%s", j, screen)
	}
	var term []string
	for _, o := range h.Win.Canvas().Overlays().List() {
		uitest.Walk(o, func(o fyne.CanvasObject) {
			switch v := o.(type) {
			case *widget.Label:
				if strings.Contains(v.Text, "ARP/Ping") {
					if v.Text != "(ARP/Ping)" || v.SizeName != theme.SizeNameCaptionText {
						t.Errorf("ARP/Ping is named in %q (size %q), not only in small type", v.Text, v.SizeName)
					}
					term = append(term, v.Text)
				}
			case *canvas.Text:
				if strings.Contains(v.Text, "ARP/Ping") && v.TextSize > theme.CaptionTextSize() {
					t.Errorf("ARP/Ping is drawn at %v points: %q", v.TextSize, v.Text)
				}
			}
		})
	}
	if len(term) != 1 {
		t.Errorf("the technical name is shown %d times: %v", len(term), term)
	}
}
