// Package macaddr is the one place that decides whether a string is a MAC
// address and how it is spelled. An Axis camera's serial number is its MAC,
// and users, announcements and files write it in every style ("accc8e270ad8",
// "AC:CC:8E:27:0A:D8", "ac-cc-8e-27-0a-d8", "accc.8e27.0ad8"); every package
// keys cameras by the same 12 uppercase hex digits so that the spellings
// meet.
package macaddr

import "strings"

// Normalize returns s as 12 uppercase hex digits, or "" when s is not a MAC
// address. White space around s is ignored. Between two digits, one of ':',
// '-', '.' or ' ' may stand; anything else, a separator at either end or
// two separators in a row make s not a MAC, so that a typing slip is not
// taken for a different camera.
func Normalize(s string) string {
	s = strings.TrimSpace(s)
	var out [12]byte
	n := 0
	sepOK := false // a separator may follow only a digit
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c >= 'A' && c <= 'F':
		case c >= 'a' && c <= 'f':
			c -= 'a' - 'A'
		case c == ':' || c == '-' || c == '.' || c == ' ':
			if !sepOK || i == len(s)-1 {
				return ""
			}
			sepOK = false
			continue
		default:
			return ""
		}
		if n == len(out) {
			return ""
		}
		out[n] = c
		n++
		sepOK = true
	}
	if n != len(out) {
		return ""
	}
	return string(out[:])
}

// Colons returns s in the colon-separated form people read
// ("AC:CC:8E:27:0A:D8"), or "" when s is not a MAC address.
func Colons(s string) string {
	m := Normalize(s)
	if m == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(17)
	for i := 0; i < len(m); i += 2 {
		if i > 0 {
			b.WriteByte(':')
		}
		b.WriteString(m[i : i+2])
	}
	return b.String()
}
