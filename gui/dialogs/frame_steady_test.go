package dialogs

import (
	"context"
	"net/netip"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/internal/uitest"
	"github.com/openipu/openipu/gui/widgets"
)

// dialogBox is where the dialog on top of w is drawn, and how large.
func dialogBox(t *testing.T, w fyne.Window) (fyne.Position, fyne.Size) {
	t.Helper()
	top, ok := w.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		t.Fatal("no dialog is open")
	}
	// The app's driver lays out again whatever changed before it draws;
	// the test canvas needs telling.
	uitest.Relayout(top)
	return top.Content.Position(), top.Content.Size()
}

func absolute(o fyne.CanvasObject) fyne.Position {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
}

// The "already answers" warning comes a moment after the address is typed,
// while the user may be reaching for the password: it must not move the
// password field nor resize the dialog, or a click meant for the password
// lands on the user name.
func TestWarningThatArrivesAfterTypingMovesNeitherThePasswordNorTheDialog(t *testing.T) {
	h := newFakeHost(t)
	d := newAssignIPDialog(h, cameraAt("ACCC8E000010", "192.168.1.20"))
	// Something answers at every address; no packet is sent.
	d.knock = func(context.Context, netip.Addr) bool { return true }
	d.show(d.address)
	pos, size := dialogBox(t, h.Win)
	password := absolute(d.login.password)

	d.address.SetText("")
	test.Type(d.address, "192.168.1.61")
	if d.inUse.Shown() {
		t.Fatal("the warning is there before the check answered; the test would prove nothing")
	}
	h.UI.Until(t, "the warning that 192.168.1.61 answers shows", d.inUse.Shown)

	gotPos, gotSize := dialogBox(t, h.Win)
	if gotPos != pos || gotSize != size {
		t.Errorf("the dialog moved from %v (%v) to %v (%v) when the warning showed", pos, size, gotPos, gotSize)
	}
	if got := absolute(d.login.password); got != password {
		t.Errorf("the password field moved from %v to %v when the warning showed", password, got)
	}

	// And back: the warning going away must not move anything either.
	d.address.SetText("192.168.1.20") // the camera's own address: not checked
	if d.inUse.Shown() {
		t.Fatal("the warning stays for the camera's own address")
	}
	if gotPos, gotSize := dialogBox(t, h.Win); gotPos != pos || gotSize != size {
		t.Errorf("the dialog moved from %v (%v) to %v (%v) when the warning went", pos, size, gotPos, gotSize)
	}
	if got := absolute(d.login.password); got != password {
		t.Errorf("the password field moved from %v to %v when the warning went", password, got)
	}
}

// A failure shown under the form (the frame's own notice) after the user
// pressed the button must not move the form either.
func TestProblemShownUnderTheFormMovesNeitherTheFieldsNorTheDialog(t *testing.T) {
	h := newFakeHost(t)
	d := newAssignIPDialog(h, cameraAt("ACCC8E000010", "192.168.1.20"))
	d.knock = func(context.Context, netip.Addr) bool { return false }
	d.show(d.address)
	pos, size := dialogBox(t, h.Win)
	password := absolute(d.login.password)

	d.problem.Set(widgets.NoticeError, "The camera did not answer at 192.168.1.20.", "Check that it has power and is on the network, then try again. If it still does not answer, restart it by unplugging its power for ten seconds.")
	d.relayout()
	if gotPos, gotSize := dialogBox(t, h.Win); gotPos != pos || gotSize != size {
		t.Errorf("the dialog moved from %v (%v) to %v (%v) when the problem showed", pos, size, gotPos, gotSize)
	}
	if got := absolute(d.login.password); got != password {
		t.Errorf("the password field moved from %v to %v when the problem showed", password, got)
	}
}

// The reasons under the fields come and go as the user types (a short
// password, two passwords not yet the same, a user name with a space): the
// fields under them stay where the user is about to click.
func TestReasonsThatComeAndGoWhileTypingMoveNoFieldBelowThem(t *testing.T) {
	h := newFakeHost(t)
	d := newSetPasswordDialog(h, []discovery.Device{cameraAt("ACCC8E000010", "192.168.1.20")})
	d.show(d.password)
	dialogBox(t, h.Win)
	password, confirm, primary := absolute(d.password), absolute(d.confirm), absolute(d.primary)

	d.user.SetText("ro ot") // not a name a camera takes
	test.Type(d.password, "short")
	test.Type(d.confirm, "sho")
	if !d.userReason.Visible() || !d.passwordReason.Visible() || !d.confirmReason.Visible() {
		t.Fatal("the reasons did not show; the test would prove nothing")
	}
	dialogBox(t, h.Win)
	if got := absolute(d.password); got != password {
		t.Errorf("the password field moved from %v to %v when the user-name reason showed", password, got)
	}
	if got := absolute(d.confirm); got != confirm {
		t.Errorf("the repeat field moved from %v to %v when the password reason showed", confirm, got)
	}
	if got := absolute(d.primary); got != primary {
		t.Errorf("the main button moved from %v to %v when the reasons showed", primary, got)
	}
}
