package dialogs

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/passphrase"
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

func TestGenerateMakesWordsToWriteDownAndStillOffersRandomCharacters(t *testing.T) {
	h := newFakeHost(t)
	d := openSetPassword(t, h, gen11Device("ACCC8E000001"))
	test.Tap(d.generate)
	pw := d.password.Text
	if parts := strings.Split(pw, passphrase.WordSeparator); len(parts) != passphrase.PassphraseWords || strings.Trim(pw, "abcdefghijklmnopqrstuvwxyz23456789-") != "" {
		t.Fatalf("the generated password %q is not %d words", pw, passphrase.PassphraseWords)
	}
	if d.confirm.Text != pw || d.meter.Level() != passphrase.VeryStrong || meterText(d) != "Strength: very strong." {
		t.Errorf("words: repeat matches %v, meter %q", d.confirm.Text == pw, meterText(d))
	}

	test.Tap(d.kind.Buttons[1])
	random := d.password.Text
	if len(random) != passphrase.DefaultGenerateLen || strings.Contains(random, passphrase.WordSeparator+passphrase.WordSeparator) || random == pw {
		t.Fatalf("choosing random characters gave %q", random)
	}
	for _, r := range random {
		if !strings.ContainsRune(passphrase.Alphabet, r) {
			t.Fatalf("random characters %q hold %q", random, r)
		}
	}
	if d.confirm.Text != random || d.meter.Level() != passphrase.VeryStrong {
		t.Errorf("random: repeat matches %v, meter %v", d.confirm.Text == random, d.meter.Level())
	}

	// A password the user typed is not replaced by changing the choice.
	d.password.SetText("")
	test.Type(d.password, "My-own-choice-42")
	test.Tap(d.kind.Buttons[0])
	if d.password.Text != "My-own-choice-42" {
		t.Errorf("choosing words replaced a typed password with %q", d.password.Text)
	}
}
