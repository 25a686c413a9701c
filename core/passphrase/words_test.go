package passphrase

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/vapix"
)

func TestPassphrasesCarryAtLeast60BitsCountedFromTheListLength(t *testing.T) {
	// Only the words count: an attacker is assumed to know the list, the
	// number of words, the separator and that a digit is added somewhere.
	bits := PassphraseWords * math.Log2(float64(len(words)))
	t.Logf("%d words of %d from the list: %.1f bits", PassphraseWords, len(words), bits)
	if bits < 60 {
		t.Fatalf("%d words from a list of %d carry %.1f bits, want at least 60", PassphraseWords, len(words), bits)
	}
	if PassphraseBits() != bits {
		t.Errorf("PassphraseBits says %.1f", PassphraseBits())
	}
}

func TestTheWordListIsTheEFFListLessWhatTheMeterWouldHoldAgainstIt(t *testing.T) {
	if n := strings.Count(effLargeWordlist, "\n"); n != 7776 {
		t.Fatalf("the embedded list has %d lines, the EFF list 7776", n)
	}
	if len(words) < 7000 {
		t.Errorf("only %d of the 7776 words are used", len(words))
	}
	for _, w := range words {
		if strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") != "" || len(w) < 3 || len(w) > 9 {
			t.Fatalf("word %q is not 3 to 9 lower-case letters", w)
		}
		if s := Estimate(w); s.Has(Common) || s.Has(Patterns) {
			t.Fatalf("word %q has findings %v", w, s.Reasons)
		}
	}
	for _, gone := range []string{"t-shirt", "passport", "default"} {
		if slices.Contains(words, gone) {
			t.Errorf("%q is in the list", gone)
		}
	}
}

func TestGeneratedPassphrasesAreAcceptedByCamerasRatedVeryStrongAndMadeOfListWords(t *testing.T) {
	seen := map[string]bool{}
	for range 5000 {
		pw, err := GenerateWords()
		if err != nil {
			t.Fatal(err)
		}
		if err := vapix.ValidatePassword(pw); err != nil {
			t.Fatalf("%q breaks the camera rule: %v", pw, err)
		}
		if s := Estimate(pw); s.Level != VeryStrong || len(s.Reasons) != 0 {
			t.Fatalf("%q rated %v (%v)", pw, s.Level, s.Reasons)
		}
		parts := strings.Split(pw, WordSeparator)
		if len(parts) != PassphraseWords {
			t.Fatalf("%q has %d parts", pw, len(parts))
		}
		digits := 0
		for _, p := range parts {
			w := strings.TrimRight(p, passphraseDigits)
			digits += len(p) - len(w)
			if !slices.Contains(words, w) {
				t.Fatalf("%q: %q is not a word from the list", pw, w)
			}
		}
		if digits != 1 {
			t.Fatalf("%q has %d digits, want 1", pw, digits)
		}
		if seen[pw] {
			t.Fatalf("%q came twice", pw)
		}
		seen[pw] = true
	}
}
