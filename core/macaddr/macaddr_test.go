package macaddr

import (
	"strings"
	"testing"
)

func TestNormalizeAcceptsTheUsualSpellingsAndRejectsEverythingElse(t *testing.T) {
	cases := []struct{ in, want string }{
		{"ACCC8E270AD8", "ACCC8E270AD8"},
		{"accc8e270ad8", "ACCC8E270AD8"},
		{"AcCc8E270aD8", "ACCC8E270AD8"},
		{"ac:cc:8e:27:0a:d8", "ACCC8E270AD8"},
		{"AC-CC-8E-27-0A-D8", "ACCC8E270AD8"},
		{"accc.8e27.0ad8", "ACCC8E270AD8"},
		{"AC CC 8E 27 0A D8", "ACCC8E270AD8"},
		{"  ac:cc:8e:27:0a:d8\t\n", "ACCC8E270AD8"},
		{"ACCC8E270AD8 ", "ACCC8E270AD8"},

		{"", ""},
		{"   ", ""},
		{"ACCC8E270AD", ""},             // 11 digits
		{"ACCC8E270AD8FF", ""},          // 14 digits
		{"ac:cc:8e:27:0a:d8:00", ""},    // EUI-64 length
		{"ACCC8E270ADG", ""},            // not hex
		{"abcdefghijk", ""},             // not hex
		{":ACCC8E270AD8", ""},           // separator before the first digit
		{"ACCC8E270AD8-", ""},           // separator after the last digit
		{"AC::CC:8E:27:0A:D8", ""},      // two separators in a row
		{"AC: CC:8E:27:0A:D8", ""},      // two separators in a row
		{"AC_CC_8E_27_0A_D8", ""},       // not a separator
		{"AC\tCC\t8E\t27\t0A\tD8", ""},  // tab is only white space around it
		{"ＡCCC8E270AD8", ""},            // full-width letter
		{"0xACCC8E270AD8", ""},          // a number, not a MAC
		{"ACCC8E270AD8\x00", ""},        // trailing NUL
		{"ACCC 8E27 0AD8 extra", ""},    // words after it
		{"serial: ACCC8E270AD8", ""},    // words before it
		{"AC:CC:8E:27:0A:D8:", ""},      // trailing colon
		{"-", ""},                       // a lone separator
		{"A", ""},                       // a lone digit
		{strings.Repeat("A", 1000), ""}, // far too long
		// Separators are allowed between any two digits, not only in pairs:
		// the rule is what stands between digits, not how they are grouped.
		{"A:A:A:A:A:A:A:A:A:A:A:A", "AAAAAAAAAAAA"},
	}
	for _, c := range cases {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestColonsSpellsANormalizedMACInPairs(t *testing.T) {
	cases := []struct{ in, want string }{
		{"accc8e270ad8", "AC:CC:8E:27:0A:D8"},
		{"AC-CC-8E-27-0A-D8", "AC:CC:8E:27:0A:D8"},
		{" 00408c123456 ", "00:40:8C:12:34:56"},
		{"AC:CC:8E:27:0A:D8", "AC:CC:8E:27:0A:D8"},
		{"", ""},
		{"ACCC8E270AD", ""},
		{"not a mac", ""},
	}
	for _, c := range cases {
		if got := Colons(c.in); got != c.want {
			t.Errorf("Colons(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"ACCC8E270AD8", "ac:cc:8e:27:0a:d8", "accc.8e27.0ad8", "AC CC 8E 27 0A D8", " AC-CC-8E-27-0A-D8 ", ":ACCC8E270AD8", "AC::CC", "", "ＡCCC8E270AD8"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := Normalize(s)
		if m == "" {
			if Colons(s) != "" {
				t.Fatalf("Colons(%q) = %q for a string Normalize rejects", s, Colons(s))
			}
			return
		}
		if len(m) != 12 {
			t.Fatalf("Normalize(%q) = %q: not 12 characters", s, m)
		}
		for i := 0; i < len(m); i++ {
			if !(m[i] >= '0' && m[i] <= '9' || m[i] >= 'A' && m[i] <= 'F') {
				t.Fatalf("Normalize(%q) = %q: not uppercase hex", s, m)
			}
		}
		// Only white space around it and separators were dropped, and
		// letters were only raised: nothing was invented or reordered.
		stripped := strings.Map(func(r rune) rune {
			if r == ':' || r == '-' || r == '.' || r == ' ' {
				return -1
			}
			return r
		}, strings.TrimSpace(s))
		if strings.ToUpper(stripped) != m {
			t.Fatalf("Normalize(%q) = %q, but its digits are %q", s, m, stripped)
		}
		if Normalize(m) != m {
			t.Fatalf("Normalize is not idempotent on %q", m)
		}
		c := Colons(s)
		if len(c) != 17 || Normalize(c) != m {
			t.Fatalf("Colons(%q) = %q does not spell %q", s, c, m)
		}
	})
}
