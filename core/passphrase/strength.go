package passphrase

import (
	"math"
	"strings"
)

// Level is a strength verdict a person can act on.
type Level int

// The levels, weakest first.
const (
	VeryWeak Level = iota
	Weak
	Fair
	Strong
	VeryStrong
)

var levelNames = [...]string{"very weak", "weak", "fair", "strong", "very strong"}

func (l Level) String() string {
	if l >= 0 && int(l) < len(levelNames) {
		return levelNames[l]
	}
	return "unknown"
}

// Reason is one thing that makes a password easier to guess.
type Reason int

// The reasons Estimate reports.
const (
	// Short: fewer than RecommendedLen characters.
	Short Reason = iota
	// OneKind: only one kind of character (only letters, only digits...).
	OneKind
	// Common: holds a well-known password or a word guessers try first.
	Common
	// Patterns: repeated characters or runs such as "aaa", "abc", "123".
	Patterns
)

// RecommendedLen is the length below which a password is called short; it
// matches what the camera client recommends.
const RecommendedLen = 8

// Strength is the estimate for one password. Reasons come most important
// first, and Level is never above what the weakest of them allows.
type Strength struct {
	Level Level
	// Bits is the estimated guessing entropy. It is a rough figure for
	// ordering and testing; show Level to people.
	Bits    float64
	Reasons []Reason
}

// Has reports whether r is among the reasons.
func (s Strength) Has(r Reason) bool {
	for _, x := range s.Reasons {
		if x == r {
			return true
		}
	}
	return false
}

// Level thresholds in bits. An attacker against a camera on a LAN is slowed
// by the camera itself (about 20 tries a second before the lockout), so 60
// bits is already far out of reach; the upper levels reward what a
// generated password gives.
const (
	weakBits       = 28
	fairBits       = 40
	strongBits     = 60
	veryStrongBits = 80
	// wordBits is what a word from the common list is worth: guessers try
	// the whole list first, so its letters count for almost nothing.
	wordBits = 6
)

// commonWords are the passwords and words that are tried first against
// cameras and small devices: default credentials, the vendor's name and the
// top of every leaked-password list.
var commonWords = []string{
	"password", "passwort", "admin", "root", "axis", "camera", "qwerty", "azerty",
	"letmein", "welcome", "iloveyou", "monkey", "dragon", "football", "secret",
	"default", "changeme", "login", "master", "sunshine", "princess", "abc123",
	"123456", "654321", "111111", "000000", "1q2w3e", "asdf", "zxcv", "pass",
}

// leet undoes the letter-for-digit swaps people make to dress up a word, so
// "P@ssw0rd" is still recognised as "password".
var leet = strings.NewReplacer("0", "o", "1", "l", "3", "e", "4", "a", "5", "s", "7", "t", "@", "a", "$", "s", "!", "i")

// Estimate judges pw. The empty password is VeryWeak with no reasons: there
// is nothing to explain yet.
func Estimate(pw string) Strength {
	if pw == "" {
		return Strength{Level: VeryWeak}
	}
	var s Strength
	rest, words := stripCommon(pw)
	if words > 0 {
		s.Reasons = append(s.Reasons, Common)
	}
	bits, patterned := charBits(rest, poolSize(pw))
	bits += float64(words * wordBits)
	if patterned {
		s.Reasons = append(s.Reasons, Patterns)
	}
	if kinds(pw) == 1 && len(pw) < 16 {
		s.Reasons = append(s.Reasons, OneKind)
	}
	s.Bits = bits
	switch {
	case bits < weakBits:
		s.Level = VeryWeak
	case bits < fairBits:
		s.Level = Weak
	case bits < strongBits:
		s.Level = Fair
	case bits < veryStrongBits:
		s.Level = Strong
	default:
		s.Level = VeryStrong
	}
	if len(pw) < RecommendedLen {
		s.Reasons = append([]Reason{Short}, s.Reasons...)
	}
	for _, r := range s.Reasons {
		s.Level = min(s.Level, ceiling[r])
	}
	return s
}

// ceiling is the best level a password with each finding can have, so the
// verdict never praises what the finding warns about: guessers try short
// passwords, well-known words and one-kind passwords early whatever their
// bit count, and a run or repeat is only a little less predictable.
var ceiling = map[Reason]Level{
	Short:    Weak,
	Common:   Fair,
	OneKind:  Fair,
	Patterns: Strong,
}

// stripCommon removes every common word and says how many it found. A word
// is looked for in the lower-cased text and again with leetspeak undone
// ("P@ssw0rd"), and the same positions are cut from the original so the rest
// keeps its case.
func stripCommon(pw string) (string, int) {
	lower := []byte(strings.ToLower(pw))
	plain := []byte(leet.Replace(string(lower)))
	orig := []byte(pw)
	if len(plain) != len(orig) || len(lower) != len(orig) {
		// Every replacement is one byte for one byte; this cannot happen,
		// but a mismatch must not cut the wrong characters.
		return pw, 0
	}
	cut := func(s []byte, i, n int) []byte { return append(s[:i:i], s[i+n:]...) }
	found := 0
	for _, w := range commonWords {
		for {
			i := strings.Index(string(lower), w)
			if i < 0 {
				i = strings.Index(string(plain), w)
			}
			if i < 0 {
				break
			}
			found++
			lower, plain, orig = cut(lower, i, len(w)), cut(plain, i, len(w)), cut(orig, i, len(w))
		}
	}
	return string(orig), found
}

// charBits counts log2(pool) for every character that a guesser could not
// predict from the one before it; a repeat or the next/previous character
// ("aa", "ab", "21") is worth a single bit.
func charBits(s string, pool int) (bits float64, patterned bool) {
	per := math.Log2(float64(pool))
	for i := 0; i < len(s); i++ {
		if i > 0 {
			d := int(s[i]) - int(s[i-1])
			if d >= -1 && d <= 1 && isAlnum(s[i]) && isAlnum(s[i-1]) {
				bits++
				patterned = patterned || i > 1 && int(s[i-1])-int(s[i-2]) == d
				continue
			}
		}
		bits += per
	}
	return bits, patterned
}

func isAlnum(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// poolSize is the size of the character set a guesser would have to try,
// judged by which kinds of character appear.
func poolSize(pw string) int {
	lower, upper, digit, other := classes(pw)
	n := 0
	if lower {
		n += 26
	}
	if upper {
		n += 26
	}
	if digit {
		n += 10
	}
	if other {
		n += 33 // the rest of printable ASCII, space included
	}
	return max(n, 2)
}

func kinds(pw string) int {
	lower, upper, digit, other := classes(pw)
	n := 0
	for _, b := range []bool{lower, upper, digit, other} {
		if b {
			n++
		}
	}
	return n
}

func classes(pw string) (lower, upper, digit, other bool) {
	for i := 0; i < len(pw); i++ {
		switch b := pw[i]; {
		case b >= 'a' && b <= 'z':
			lower = true
		case b >= 'A' && b <= 'Z':
			upper = true
		case b >= '0' && b <= '9':
			digit = true
		default:
			other = true
		}
	}
	return
}
