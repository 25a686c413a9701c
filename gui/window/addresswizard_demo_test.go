package window

import (
	"context"
	"net/netip"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/demo"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/hostaddr"
	"github.com/openipu/openipu/core/workflow"
	"github.com/openipu/openipu/gui/internal/uitest"
	"github.com/openipu/openipu/gui/widgets"
)

// The "done when": in the demo a newcomer takes the camera on the
// factory address to a password and an address on the office network
// without a dead end. The office is real (its cameras serve HTTPS with
// digest, its engine probes them); the test only clicks and types.
func TestTheFactoryAddressCameraGetsAPasswordAndAnOfficeAddressThroughASecondAddress(t *testing.T) {
	w, factory := factoryCameraInTheDemo(t)
	w.tapRow(t, factory.MAC, 0)
	if got := w.details.suggest.Text; got != "Give this camera an address…" {
		t.Fatalf("the factory-address camera's main button says %q", got)
	}
	test.Tap(w.details.suggest)
	defer closeOverlays(w)
	if text := shownDialog(w.win); !strings.Contains(text, "192.168.0.90") || !strings.Contains(text, "cannot reach this camera yet") {
		t.Fatalf("the first page does not say why:\n%s", text)
	}
	test.Tap(dialogButton(t, w.win, "Give this computer a second address on the camera's network for a while"))
	test.Tap(dialogButton(t, w.win, "Next"))
	test.Tap(dialogButton(t, w.win, "Add the address for me"))
	w.ui.UntilWithin(t, time.Minute, "the wizard reaches the camera and asks for its password", func() bool {
		return strings.Contains(shownDialog(w.win), "Choose the camera's password")
	})
	if !computerHas(w, "192.168.0.") {
		t.Fatal("the simulated computer has no address on 192.168.0.x while the wizard reaches the camera")
	}
	setPasswordAndAddress(t, w, factory, "10.0.4.100")
	w.ui.UntilWithin(t, time.Minute, "the temporary address is taken off the computer", func() bool {
		return strings.Contains(shownDialog(w.win), "no longer has the temporary address")
	})
	if computerHas(w, "192.168.0.") {
		t.Fatal("the simulated computer keeps its temporary address after the wizard")
	}
}

func TestTheFactoryAddressCameraGetsAPasswordAndAnOfficeAddressThroughARPPing(t *testing.T) {
	w, factory := factoryCameraInTheDemo(t)
	w.tapRow(t, factory.MAC, 0)
	test.Tap(w.details.suggest)
	defer closeOverlays(w)
	// ARP/Ping is offered first where it is possible, as it is in the
	// simulated office.
	test.Tap(dialogButton(t, w.win, "Next"))
	if text := shownDialog(w.win); !strings.Contains(text, "serial number") {
		t.Fatalf("the first way offered is not ARP/Ping:\n%s", text)
	}
	entries := dialogEntries(w.win)
	if len(entries) != 1 || entries[0].Text != "10.0.4.100" {
		t.Fatalf("the ARP/Ping page suggests %v", entryTexts(entries))
	}
	entries[0].SetText("10.0.4.150")
	test.Tap(dialogButton(t, w.win, "Give it this address"))
	w.ui.UntilWithin(t, time.Minute, "the camera takes the address and the wizard asks for its password", func() bool {
		return strings.Contains(shownDialog(w.win), "Choose the camera's password")
	})
	setPasswordAndAddress(t, w, factory, "10.0.4.150")
}

func factoryCameraInTheDemo(t *testing.T) (*testWindow, discovery.Device) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	w := newTestWindowOn(t, startOffice(t, ctx, demo.Options{ComeAndGo: -1, Liveness: 300 * time.Millisecond}))
	w.win.Resize(fyne.NewSize(900, 600))
	settledDemo(t, w)
	for _, d := range w.rows.byMAC {
		if d.Diagnosis.Reach == discovery.ReachFactoryAddress {
			return w, d
		}
	}
	t.Fatal("the simulated office has no camera on the factory address")
	return nil, discovery.Device{}
}

// setPasswordAndAddress finishes the wizard from its password page: a first
// password, then a fixed address on the office network (the one the page
// suggests is want), and checks that the list shows the camera there, with
// its password.
func setPasswordAndAddress(t *testing.T, w *testWindow, cam discovery.Device, want string) {
	t.Helper()
	entries := dialogEntries(w.win) // name, password, repeat
	if len(entries) != 3 || entries[0].Text == "" {
		t.Fatalf("the password page has fields %v", entryTexts(entries))
	}
	const pw = "Handover-in-block-B-2026"
	test.Type(entries[1], pw)
	test.Type(entries[2], pw)
	test.Tap(dialogButton(t, w.win, "Set password"))
	w.ui.UntilWithin(t, time.Minute, "the password is set and the wizard asks for the address", func() bool {
		return strings.Contains(shownDialog(w.win), "Choose the address the camera keeps")
	})
	entries = dialogEntries(w.win) // address, gateway
	if len(entries) != 2 || entries[0].Text != want {
		t.Fatalf("the address page suggests %v, want %s", entryTexts(entries), want)
	}
	if text := shownDialog(w.win); !strings.Contains(text, "addresses starting with 10.0.4.") || !strings.Contains(text, "255.255.255.0") {
		t.Errorf("the address page does not say the network in everyday words:\n%s", text)
	}
	test.Tap(dialogButton(t, w.win, "Give it this address"))
	w.ui.UntilWithin(t, 2*time.Minute, "the camera answers at its new address", func() bool {
		return strings.Contains(shownDialog(w.win), "answers at "+want)
	})
	w.ui.UntilWithin(t, time.Minute, "the list shows the camera at its new address with its password", func() bool {
		d := w.rows.byMAC[cam.MAC]
		return len(d.Addresses) > 0 && d.Addresses[0] == netip.MustParseAddr(want) && w.rows.state(d) == stateReady
	})
}

func computerHas(w *testWindow, prefix string) bool {
	ifaces, _ := w.Backend().Interfaces()
	for _, i := range ifaces {
		for _, p := range i.Prefixes {
			if strings.HasPrefix(p.Addr().String(), prefix) {
				return true
			}
		}
	}
	return false
}

func entryTexts(es []*widgets.EscEntry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Text)
	}
	return out
}

// TestScreenshotsOfGiveThisCameraAnAddress walks the flow as a user does,
// at the smallest window size, in both themes, and draws every page.
func TestScreenshotsOfGiveThisCameraAnAddress(t *testing.T) {
	dir := uitest.ShotDir(t)
	small := fyne.NewSize(900, 600)
	for _, v := range uitest.Variants {
		t.Run(v.Name, func(t *testing.T) {
			w, factory := factoryCameraInTheDemo(t)
			applyVariant(w, v.Variant)
			shot := func(name string) {
				uitest.ShootAt(t, w.win, small, filepath.Join(dir, "address-"+name+"-"+v.Name+".png"))
			}
			w.tapRow(t, factory.MAC, 0)
			shot("0-details")
			test.Tap(w.details.suggest)
			defer closeOverlays(w)
			shot("1-how")
			test.Tap(dialogButton(t, w.win, lang.X("addrwiz.next", "Next")))
			shot("2-arpping")
			test.Tap(dialogButton(t, w.win, lang.X("addrwiz.back", "Back")))
			test.Tap(dialogButton(t, w.win, lang.X("addrwiz.how.second", "Give this computer a second address on the camera's network for a while")))
			test.Tap(dialogButton(t, w.win, lang.X("addrwiz.next", "Next")))
			shot("2-second")
			test.Tap(dialogButton(t, w.win, lang.X("addrwiz.second.add", "Add the address for me")))
			w.ui.UntilWithin(t, time.Minute, "the password page", func() bool {
				return strings.Contains(shownDialog(w.win), lang.X("addrwiz.password.title", "Choose the camera's password"))
			})
			entries := dialogEntries(w.win)
			test.Type(entries[1], "Handover-in-block-B-2026")
			shot("3-password")
			test.Type(entries[2], "Handover-in-block-B-2026")
			test.Tap(dialogButton(t, w.win, lang.X("addrwiz.password.start", "Set password")))
			w.ui.UntilWithin(t, time.Minute, "the address page", func() bool {
				return strings.Contains(shownDialog(w.win), lang.X("addrwiz.address.title", "Choose the address the camera keeps"))
			})
			shot("4-address")
			test.Tap(dialogButton(t, w.win, lang.X("addrwiz.address.start", "Give it this address")))
			w.ui.UntilWithin(t, 2*time.Minute, "the done page", func() bool {
				// Wrapped lines come as pieces; joined, they are the text.
				shown := strings.ReplaceAll(shownDialog(w.win), "\n", " ")
				return strings.Contains(shown, textBefore(lang.X("addrwiz.done.removed", "This computer no longer has the temporary address {{.Addr}}.", map[string]any{"Addr": "\x00"})))
			})
			shot("5-done")
			closeOverlays(w)
			w.ui.UntilWithin(t, time.Minute, "the camera ready in the list", func() bool {
				return w.rows.state(w.rows.byMAC[factory.MAC]) == stateReady
			})
			w.tapRow(t, factory.MAC, 0)
			shot("6-list")
		})
	}
}

// refusingAdder is a computer where OpenIPU lacks administrator rights.
type refusingAdder struct{}

func (refusingAdder) Add(_ context.Context, iface string, p netip.Prefix) (hostaddr.Added, error) {
	return nil, &hostaddr.Error{Kind: hostaddr.NeedsAdmin, Op: "add", Addr: p.Addr().String(), Interface: iface, Detail: "RTNETLINK answers: Operation not permitted"}
}

func TestWithoutRightsTheWizardShowsTheStepsAndGoesOnOnceTheUserHasDoneThem(t *testing.T) {
	w, factory := factoryCameraInTheDemo(t)
	b := w.Backend()
	byHand := b.SecondAddress // what the user's own steps do, in the simulated office
	b.SecondAddress = refusingAdder{}
	w.tapRow(t, factory.MAC, 0)
	test.Tap(w.details.suggest)
	defer closeOverlays(w)
	test.Tap(dialogButton(t, w.win, "Give this computer a second address on the camera's network for a while"))
	test.Tap(dialogButton(t, w.win, "Next"))
	test.Tap(dialogButton(t, w.win, "Add the address for me"))
	w.ui.UntilWithin(t, time.Minute, "the wizard says why and shows the steps", func() bool {
		text := shownDialog(w.win)
		return strings.Contains(text, "needs administrator rights") && strings.Contains(text, "How to do it on this computer")
	})
	text := shownDialog(w.win)
	var prefix netip.Prefix
	for _, f := range strings.Fields(text) {
		if p, err := netip.ParsePrefix(f); err == nil && strings.HasPrefix(f, "192.168.0.") {
			prefix = p
		}
	}
	if !prefix.IsValid() {
		t.Fatalf("the steps do not give the address to add:\n%s", text)
	}
	// Check again before the user has done it: the camera does not answer,
	// and the wizard says so and stays.
	test.Tap(dialogButton(t, w.win, "Check again"))
	w.ui.UntilWithin(t, time.Minute, "the check fails and the wizard says so", func() bool {
		return !strings.Contains(shownDialog(w.win), "Asking the camera") && strings.Contains(shownDialog(w.win), "Check again") && w.wizardNoticeShown()
	})
	added, err := byHand.Add(context.Background(), demo.Interface, prefix)
	if err != nil {
		t.Fatal(err)
	}
	defer added.Remove(context.Background())
	test.Tap(dialogButton(t, w.win, "Check again"))
	w.ui.UntilWithin(t, time.Minute, "the wizard reaches the camera and asks for its password", func() bool {
		return strings.Contains(shownDialog(w.win), "Choose the camera's password")
	})
}

func TestClosingTheWizardTakesTheTemporaryAddressOffTheComputer(t *testing.T) {
	w, factory := factoryCameraInTheDemo(t)
	w.tapRow(t, factory.MAC, 0)
	test.Tap(w.details.suggest)
	test.Tap(dialogButton(t, w.win, "Give this computer a second address on the camera's network for a while"))
	test.Tap(dialogButton(t, w.win, "Next"))
	test.Tap(dialogButton(t, w.win, "Add the address for me"))
	w.ui.UntilWithin(t, time.Minute, "the password page", func() bool {
		return strings.Contains(shownDialog(w.win), "Choose the camera's password")
	})
	test.Type(dialogEntries(w.win)[1], "Typed-then-abandoned-77")
	pressEscape(w.win)
	deadline := time.Now().Add(time.Minute)
	for computerHas(w, "192.168.0.") {
		if time.Now().After(deadline) {
			t.Fatal("the temporary address stays on the computer after the wizard closed")
		}
		w.ui.Drain()
		time.Sleep(10 * time.Millisecond)
	}
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape did not close the wizard")
	}
}

// wizardNoticeShown says the dialog on top shows a problem.
func (w *testWindow) wizardNoticeShown() bool {
	found := false
	uitest.WalkShown(w.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.TextStyle.Bold && strings.Contains(l.Text, "192.168.0.90") {
			found = true
		}
	})
	return found
}

func TestACameraWhosePasswordNobodyKnowsIsAskedForItAndAWrongOneLeadsToTheGuidedReset(t *testing.T) {
	w, factory := factoryCameraInTheDemo(t)
	// Someone set the camera up before and left, and it fell back to the
	// factory address: it has a password nobody here knows.
	ctx := context.Background()
	b := w.Backend()
	second, err := b.SecondAddress.Add(ctx, demo.Interface, netip.MustParsePrefix("192.168.0.222/24"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := b.Env.Connect(ctx, workflow.TargetOf(factory), workflow.ConnectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateFirstAccount(ctx, "root", "Forgotten-by-everyone-1"); err != nil {
		t.Fatal(err)
	}
	c.Close()
	second.Remove(ctx)

	w.tapRow(t, factory.MAC, 0)
	test.Tap(w.details.suggest)
	defer closeOverlays(w)
	test.Tap(dialogButton(t, w.win, "Give this computer a second address on the camera's network for a while"))
	test.Tap(dialogButton(t, w.win, "Next"))
	test.Tap(dialogButton(t, w.win, "Add the address for me"))
	w.ui.UntilWithin(t, time.Minute, "the password page", func() bool {
		return strings.Contains(shownDialog(w.win), "Choose the camera's password")
	})
	entries := dialogEntries(w.win)
	test.Type(entries[1], "A-new-password-2026")
	test.Type(entries[2], "A-new-password-2026")
	test.Tap(dialogButton(t, w.win, "Set password"))
	w.ui.UntilWithin(t, time.Minute, "the wizard learns the camera has a password and asks for it", func() bool {
		return strings.Contains(shownDialog(w.win), "already has a password")
	})
	entries = dialogEntries(w.win) // name, password
	if len(entries) != 2 {
		t.Fatalf("asking for the existing password shows fields %v", entryTexts(entries))
	}
	entries[1].SetText("")
	test.Type(entries[1], "a-guess-that-is-wrong")
	test.Tap(dialogButton(t, w.win, "Set password"))
	test.Tap(dialogButton(t, w.win, "Give it this address"))
	var reset *widget.Button
	w.ui.UntilWithin(t, time.Minute, "the wrong password is refused and the guided reset offered", func() bool {
		uitest.WalkShown(w.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == "Guided factory reset…" {
				reset = b
			}
		})
		return reset != nil
	})
	if !strings.Contains(shownDialog(w.win), "did not accept that user name and password") {
		t.Errorf("the refusal is not explained:\n%s", shownDialog(w.win))
	}
	// Back leads to the password, to type it again.
	if dialogButton(t, w.win, "Back").Disabled() {
		t.Error("Back is off after a refused password: the user cannot type it again")
	}
	test.Tap(reset)
	w.ui.Until(t, "the guided reset opens about this camera", func() bool {
		return strings.Contains(topDialog(w.win), factory.MAC)
	})
}

func TestTheWizardRefusesAnAddressSomethingAlreadyAnswersAt(t *testing.T) {
	w, factory := factoryCameraInTheDemo(t)
	w.tapRow(t, factory.MAC, 0)
	test.Tap(w.details.suggest)
	defer closeOverlays(w)
	test.Tap(dialogButton(t, w.win, "Next")) // by serial number
	entries := dialogEntries(w.win)
	entries[0].SetText("10.0.4.101") // another camera of the office
	test.Tap(dialogButton(t, w.win, "Give it this address"))
	w.ui.UntilWithin(t, time.Minute, "the wizard says something answers there", func() bool {
		return strings.Contains(shownDialog(w.win), "Another device already answers at 10.0.4.101")
	})
	if d := w.rows.byMAC[factory.MAC]; len(d.Addresses) == 0 || d.Addresses[0] != discovery.FactoryAddress {
		t.Errorf("the camera moved to %v although the address was taken", d.Addresses)
	}
}

// textBefore is a translated text, rendered with "\x00" for its field, up
// to that field: what a test can look for, whatever the field's value and
// the language.
func textBefore(rendered string) string {
	head, _, _ := strings.Cut(rendered, "\x00")
	return strings.TrimSpace(head)
}
