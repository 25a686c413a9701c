package passphrase

import (
	"crypto/rand"
	_ "embed"
	"fmt"
	"math"
	"math/big"
	"strings"
)

// effLargeWordlist is the EFF's large diceware list, unchanged: a dice
// roll and a word per line. wordlist_source.md says where it comes from
// and under which licence.
//
//go:embed eff_large_wordlist.txt
var effLargeWordlist string

// Passphrases are several common words joined by a separator, with one
// digit: a person reads them off a printout, says them on the phone and
// types them without the 0/O and 1/l doubts of random characters.
const (
	// PassphraseWords is how many words GenerateWords draws: enough for
	// more than 60 bits from the list (a camera lets a guesser try about
	// 20 passwords a second), few enough to write on one line.
	PassphraseWords = 5
	// WordSeparator joins the words: on every keyboard, said as "dash",
	// and accepted by every camera.
	WordSeparator = "-"
	// passphraseDigits are the digits added: no 0 or 1, which look like
	// the letters O and l on paper.
	passphraseDigits = "23456789"
)

// words is the list GenerateWords draws from: the EFF words made only of
// the letters a–z (a few have a hyphen, which would blur the separator),
// less those the strength estimate would hold against a password (a
// well-known password such as "pass" inside the word, or a run such as
// "rst"), so that a generated passphrase is never marked down beside the
// meter.
var words = loadWords(effLargeWordlist)

func loadWords(list string) []string {
	var out []string
	for _, line := range strings.Split(list, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		w := f[len(f)-1]
		if strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") != "" {
			continue
		}
		if s := Estimate(w); s.Has(Common) || s.Has(Patterns) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// PassphraseBits is the guessing entropy of a GenerateWords passphrase
// counted from the words alone, for someone who knows the list, the
// number of words and the separator; the digit adds a little more.
func PassphraseBits() float64 {
	return PassphraseWords * math.Log2(float64(len(words)))
}

// GenerateWords returns PassphraseWords words from the list, joined by
// WordSeparator, one of them followed by a digit (sites people paste it
// into often insist on one), all drawn with crypto/rand. A draw the
// strength estimate would rate below very strong, or hold anything
// against, is drawn again (a word ending "roo" before a 7 reads as
// "root"), which keeps every accepted passphrase equally likely.
func GenerateWords() (string, error) {
	parts := make([]string, PassphraseWords)
	for {
		for i := range parts {
			k, err := randomBelow(len(words))
			if err != nil {
				return "", err
			}
			parts[i] = words[k]
		}
		at, err := randomBelow(len(parts))
		if err != nil {
			return "", err
		}
		d, err := randomBelow(len(passphraseDigits))
		if err != nil {
			return "", err
		}
		parts[at] += passphraseDigits[d : d+1]
		s := strings.Join(parts, WordSeparator)
		if e := Estimate(s); e.Level == VeryStrong && len(e.Reasons) == 0 && len(s) <= MaxGenerateLen {
			return s, nil
		}
	}
}

// randomBelow is a uniform number in [0, n) from crypto/rand.
func randomBelow(n int) (int, error) {
	k, err := rand.Int(rand.Reader, big.NewInt(int64(n)))
	if err != nil {
		return 0, fmt.Errorf("passphrase: reading randomness: %w", err)
	}
	return int(k.Int64()), nil
}
