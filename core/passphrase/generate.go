// Package passphrase makes and judges camera passwords for people who are not
// security specialists: a generator whose output can be read aloud and typed
// from a printout without mistakes, and a strength estimate that explains
// itself. Everything stays within what AXIS OS accepts (1 to 64 printable
// ASCII characters), so a generated password is always a valid one.
package passphrase

import (
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// Character classes of generated passwords. Letters and digits that are
// easily mistaken for each other in print or handwriting (0/O/o, 1/l/I) are
// left out, and so are quotes, the backslash, the backtick and the space:
// they are hard to read aloud and get mangled when pasted into scripts,
// spreadsheets or e-mails.
const (
	lowerSet  = "abcdefghijkmnpqrstuvwxyz"
	upperSet  = "ABCDEFGHJKLMNPQRSTUVWXYZ"
	digitSet  = "23456789"
	symbolSet = "!#$%&*+-=?@^_~"
)

// Alphabet is every character Generate may use.
const Alphabet = lowerSet + upperSet + digitSet + symbolSet

// Lengths Generate accepts. 16 characters from Alphabet carry about 98 bits,
// far beyond guessing; 64 is the camera's own limit.
const (
	MinGenerateLen     = 16
	DefaultGenerateLen = 20
	MaxGenerateLen     = 64
)

// ErrLength is returned for a length outside MinGenerateLen..MaxGenerateLen.
var ErrLength = errors.New("passphrase: length out of range")

// Generate returns a random password of n characters from Alphabet, drawn
// with crypto/rand, holding at least one lower-case letter, one capital, one
// digit and one symbol (some sites that people paste it into insist on
// that), rated very strong with nothing held against it by the strength
// estimate: random letters now and then spell a word guessers try first or
// repeat a few characters, and a password the app generates must never be
// rated below very strong next to the meter.
// Redrawing until both hold keeps every such password equally likely.
func Generate(n int) (string, error) {
	if n < MinGenerateLen || n > MaxGenerateLen {
		return "", fmt.Errorf("%w: %d (want %d to %d)", ErrLength, n, MinGenerateLen, MaxGenerateLen)
	}
	limit := big.NewInt(int64(len(Alphabet)))
	buf := make([]byte, n)
	for {
		for i := range buf {
			k, err := rand.Int(rand.Reader, limit)
			if err != nil {
				return "", fmt.Errorf("passphrase: reading randomness: %w", err)
			}
			buf[i] = Alphabet[k.Int64()]
		}
		s := string(buf)
		if e := Estimate(s); hasEveryClass(s) && e.Level == VeryStrong && len(e.Reasons) == 0 {
			return s, nil
		}
	}
}

func hasEveryClass(s string) bool {
	return strings.ContainsAny(s, lowerSet) && strings.ContainsAny(s, upperSet) &&
		strings.ContainsAny(s, digitSet) && strings.ContainsAny(s, symbolSet)
}
