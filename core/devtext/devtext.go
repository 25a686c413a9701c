// Package devtext makes text that came from a device safe to show or store.
//
// Anything a camera (or something pretending to be one) says about itself —
// model, firmware, serial number, announced name, the words of an error —
// ends up in a terminal, a window label, the journal and the header of a
// backup file. A terminal obeys escape sequences in what it prints: a model
// name can retitle the window, clear the screen, move the cursor and print a
// fake "password accepted". A newline forges another line in a file. Bidi
// overrides make "AXIS‮LM" read as something else than its letters. So every
// such string goes through Clean, once, where it is read from the device:
//
//   - Escape sequences are removed whole, introducer, parameters and payload
//     alike: ESC followed by CSI ("ESC ["), the control strings OSC, DCS,
//     SOS, PM and APC (to BEL or ST), or an nF/Fp/Fe/Fs escape; and the same
//     introduced by their 8-bit C1 forms (U+009B, U+009D, …), which some
//     terminals also obey. Showing them instead would print their payload (a
//     fake line, a window title) as if the device had said it.
//   - Tab, line and page breaks (including U+2028/U+2029) become a space:
//     each of these values is one line.
//   - Every other C0 or C1 control character and DEL becomes U+FFFD, so that
//     the reader sees something was there.
//   - Bytes that are not UTF-8 are dropped; they cannot be shown faithfully.
//   - Bidi embeddings, overrides, isolates and marks (U+200E, U+200F, U+061C,
//     U+202A–U+202E, U+2066–U+2069) are dropped: device text never needs
//     them, and they can make one string look like another.
//   - Spaces at either end are trimmed, and the result is at most MaxRunes
//     characters (the last one "…" when cut): no camera field is that long,
//     and a label or log line should not be filled by one.
//
// Clean is idempotent: a cleaned string comes back unchanged.
package devtext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxRunes bounds a cleaned string. The longest real field, a camera's full
// product name, is under 64 characters.
const MaxRunes = 256

const (
	esc = 0x1b
	bel = 0x07

	c1DCS = 0x90
	c1SOS = 0x98
	c1CSI = 0x9b
	c1OSC = 0x9d
	c1PM  = 0x9e
	c1APC = 0x9f

	c1ST = "\u009c" // as UTF-8, the way it arrives in a string
)

// Clean returns s as it may be shown or written; see the package comment for
// the rules.
func Clean(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(min(len(s), MaxRunes*utf8.UTFMax))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			i++ // not UTF-8
			continue
		}
		switch {
		case r == esc:
			i = skipEscape(s, i+n)
			continue
		case r == c1CSI:
			i = skipCSI(s, i+n)
			continue
		case r == c1OSC || r == c1DCS || r == c1SOS || r == c1PM || r == c1APC:
			i = skipString(s, i+n)
			continue
		case lineBreak(r):
			b.WriteByte(' ')
		case control(r):
			b.WriteRune(utf8.RuneError)
		case bidi(r):
		default:
			b.WriteRune(r)
		}
		i += n
	}
	return bound(strings.TrimFunc(b.String(), unicode.IsSpace))
}

// isClean is the common case, checked first so that ordinary text is
// returned as it is without being copied.
func isClean(s string) bool {
	if !utf8.ValidString(s) || utf8.RuneCountInString(s) > MaxRunes {
		return false
	}
	for _, r := range s {
		if control(r) || lineBreak(r) || bidi(r) {
			return false
		}
	}
	return s == strings.TrimFunc(s, unicode.IsSpace)
}

func bound(s string) string {
	if utf8.RuneCountInString(s) <= MaxRunes {
		return s
	}
	n := 0
	for i := range s {
		if n == MaxRunes-1 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

func lineBreak(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// control is C0, DEL and C1.
func control(r rune) bool { return r < 0x20 || (r >= 0x7f && r <= 0x9f) }

func bidi(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// skipEscape returns where the sequence whose ESC ended before i ends. A
// lone ESC, or one followed by something no terminal would take as part of
// a sequence, goes alone; what follows is read as text again.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch c := s[i]; {
	case c == '[':
		return skipCSI(s, i+1)
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
		return skipString(s, i+1)
	case c >= 0x20 && c <= 0x2f: // nF: intermediates, then a final byte
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
			i++
		}
		return i
	case c >= 0x30 && c <= 0x7e: // Fp, Fe, Fs: one byte
		return i + 1
	}
	return i
}

// skipCSI passes the parameter and intermediate bytes and the final byte of
// a control sequence. A byte that cannot be in one ends it, as it does in a
// terminal, and is read as text.
func skipCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipString passes the payload of OSC, DCS, SOS, PM or APC up to and
// including its terminator: BEL, ST (ESC \ or U+009C), or the end of s. Any
// other ESC ends the string and starts a sequence of its own. Everything in
// between is dropped: a terminal would swallow an unterminated string's
// remainder too.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == bel:
			return i + 1
		case s[i] == esc:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i
		case strings.HasPrefix(s[i:], c1ST):
			return i + len(c1ST)
		}
		i++
	}
	return i
}
