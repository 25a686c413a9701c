package dialogs

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/gui/internal/uitest"
)

// meterText is what the strength meter's labels say.
func meterText(d *setPasswordDialog) string {
	var said []string
	uitest.Walk(d.meter, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			said = append(said, l.Text)
		}
	})
	return strings.Join(said, " ")
}

func TestTheStrengthMeterGivesOneVerdictThatAgreesWithItsFinding(t *testing.T) {
	h := newFakeHost(t)
	d := openSetPassword(t, h, gen11Device("ACCC8E000001"))
	test.Type(d.password, "Password-Harbor-Lantern-92!")
	got := meterText(d)
	if got != "Strength: fair, because it contains a well-known password or word, which is tried first." {
		t.Errorf("a password built on a well-known word: %q", got)
	}
	if strings.Contains(got, "strong") || strings.Count(got, ".") != 1 {
		t.Errorf("the meter says more than one thing: %q", got)
	}

	d.password.SetText("")
	test.Type(d.password, "k9#Tm2$vLq8!wZ4p")
	if got := meterText(d); got != "Strength: very strong." {
		t.Errorf("a random password: %q", got)
	}
}
