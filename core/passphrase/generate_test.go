package passphrase

import (
	"errors"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/vapix"
)

func TestGenerateGivesRequestedLengthFromAlphabetWithEveryClass(t *testing.T) {
	for _, n := range []int{MinGenerateLen, DefaultGenerateLen, MaxGenerateLen} {
		for range 50 {
			pw, err := Generate(n)
			if err != nil {
				t.Fatal(err)
			}
			if len(pw) != n {
				t.Fatalf("Generate(%d) gave %d characters", n, len(pw))
			}
			for _, r := range pw {
				if !strings.ContainsRune(Alphabet, r) {
					t.Fatalf("Generate gave %q, outside the alphabet", r)
				}
			}
			if !hasEveryClass(pw) {
				t.Fatalf("Generate(%d) lacks a character class", n)
			}
		}
	}
}

func TestGeneratedPasswordsAreAcceptedByTheCameraRules(t *testing.T) {
	for range 100 {
		pw, err := Generate(DefaultGenerateLen)
		if err != nil {
			t.Fatal(err)
		}
		if err := vapix.ValidatePassword(pw); err != nil {
			t.Fatalf("a generated password breaks the camera rule: %v", err)
		}
	}
}

func TestAlphabetLeavesOutLookAlikesQuotesAndSpace(t *testing.T) {
	for _, r := range "0Oo1lI|'\"`\\ ,.;:" {
		if strings.ContainsRune(Alphabet, r) {
			t.Errorf("the alphabet holds the ambiguous character %q", r)
		}
	}
}

func TestGenerateNeverRepeatsItself(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		pw, err := Generate(MinGenerateLen)
		if err != nil {
			t.Fatal(err)
		}
		if seen[pw] {
			t.Fatalf("Generate returned %q twice", pw)
		}
		seen[pw] = true
	}
}

func TestGenerateRefusesLengthsOutsideTheRange(t *testing.T) {
	for _, n := range []int{0, MinGenerateLen - 1, MaxGenerateLen + 1} {
		if _, err := Generate(n); !errors.Is(err, ErrLength) {
			t.Errorf("Generate(%d) error = %v, want ErrLength", n, err)
		}
	}
}
