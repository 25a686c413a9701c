package devtext

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// unsafeRune reports the first rune of s that Clean must never let through,
// judged by the unicode tables rather than by Clean's own predicates.
func unsafeRune(s string) (rune, bool) {
	for _, r := range s {
		if unicode.IsControl(r) || unicode.In(r, unicode.Bidi_Control) ||
			r == '\u2028' || r == '\u2029' {
			return r, true
		}
	}
	return 0, false
}

func checkClean(t *testing.T, in, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("Clean(%q) = %q is not UTF-8", in, out)
	}
	if r, bad := unsafeRune(out); bad {
		t.Fatalf("Clean(%q) = %q keeps %U", in, out, r)
	}
	if strings.ContainsAny(out, "\x1b\u009b\u009d") {
		t.Fatalf("Clean(%q) = %q keeps an escape introducer", in, out)
	}
	if n := utf8.RuneCountInString(out); n > MaxRunes {
		t.Fatalf("Clean(%q) has %d runes, more than %d", in, n, MaxRunes)
	}
	if again := Clean(out); again != out {
		t.Fatalf("Clean is not idempotent: %q, then %q", out, again)
	}
}

func TestCleanLeavesOrdinaryDeviceTextAlone(t *testing.T) {
	for _, s := range []string{
		"", "AXIS M1075-L", "AXIS M1075-L Box Camera", "12.9.57", "ACCC8E270AD8",
		"Kamera Eingang Süd", "入口カメラ", "مدخل", "a  b", "100% (ok)", "AXIS P3265-LVE: \"Dome\"",
	} {
		if got := Clean(s); got != s {
			t.Errorf("Clean(%q) = %q, want it unchanged", s, got)
		}
	}
}

func TestCleanRemovesEscapeSequencesWhole(t *testing.T) {
	for in, want := range map[string]string{
		// The ones a hostile model name used: window title, clear screen,
		// cursor home, colour, then fake text.
		"AXIS\x1b]0;pwned\x07 M1075":                    "AXIS M1075",
		"AXIS\x1b]2;pwned\x1b\\ M1075":                  "AXIS M1075",
		"\x1b[2J\x1b[HPassword accepted":                "Password accepted",
		"\x1b[1;31mRED\x1b[0m":                          "RED",
		"\x1b[?25lhidden cursor":                        "hidden cursor",
		"A\x1bPdevice control\x1b\\B":                   "AB",
		"A\x1b_app command\x07B":                        "AB",
		"A\x1b^privacy\x1b\\B":                          "AB",
		"A\x1bXstart of string\u009cB":                  "AB",
		"A\x1b(0B":                                      "AB", // nF: character set
		"A\x1b#8B":                                      "AB", // nF: screen alignment
		"A\x1bcB":                                       "AB", // Fs: full reset
		"A\x1b7B\x1b8":                                  "AB", // Fp: save, restore cursor
		"A\u009b2JB":                                    "AB", // 8-bit CSI
		"A\u009d0;title\u009cB":                         "AB", // 8-bit OSC and ST
		"A\u0090q\u009cB":                               "AB",
		"A\x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\": "Alink",
		"open OSC swallows the rest\x1b]0;title":        "open OSC swallows the rest",
		"A\x1b]0;t\x1b[31mB":                            "AB", // ESC ends the string and starts its own sequence
		"trailing ESC\x1b":                              "trailing ESC",
		"ESC then text \x1b\u00e9":                      "ESC then text é",
		"A\x1b[12;\x01B":                                "A\uFFFDB", // a control ends an unfinished CSI
	} {
		got := Clean(in)
		if got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
		checkClean(t, in, got)
	}
}

func TestCleanShowsOtherControlsAndKeepsValuesOnOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"AXIS X\n# MAC: 000000000000": "AXIS X # MAC: 000000000000",
		"a\r\nb\tc\vd\fe":             "a  b c d e",
		"a\u2028b\u2029c\u0085d":      "a b c d",
		"bell\x07 back\x08space":      "bell\uFFFD back\uFFFDspace",
		"nul\x00del\x7f":              "nul\uFFFDdel\uFFFD",
		"c1\u0080\u009a":              "c1\uFFFD\uFFFD",
		"\n\t  padded \r\n":           "padded",
	} {
		got := Clean(in)
		if got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
		checkClean(t, in, got)
	}
}

func TestCleanDropsBidiControlsAndInvalidUTF8(t *testing.T) {
	for in, want := range map[string]string{
		"AXIS \u202eLM-5701M":                               "AXIS LM-5701M",
		"\u2066\u2067\u2068x\u2069\u202a\u202b\u202c\u202d": "x",
		"\u200eleft\u200fright\u061c":                       "leftright",
		"ok\xff\xfe\xc3(":                                   "ok(",
		"\xe2\x80\xae-looks-like-RLO-but-cut\xe2\x80":       "-looks-like-RLO-but-cut",
	} {
		got := Clean(in)
		if got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
		checkClean(t, in, got)
	}
}

func TestCleanBoundsTheLengthAndSaysItCut(t *testing.T) {
	long := strings.Repeat("é", MaxRunes+50)
	got := Clean(long)
	if n := utf8.RuneCountInString(got); n != MaxRunes {
		t.Fatalf("%d runes, want %d", n, MaxRunes)
	}
	if !strings.HasSuffix(got, "…") || !strings.HasPrefix(got, strings.Repeat("é", MaxRunes-1)) {
		t.Fatalf("cut text %q does not end in … after the first %d runes", got, MaxRunes-1)
	}
	exact := strings.Repeat("x", MaxRunes)
	if Clean(exact) != exact {
		t.Fatal("a string of exactly MaxRunes runes was cut")
	}
	// Spaces trimmed at the end do not count towards the bound.
	if got := Clean(exact + "   "); got != exact {
		t.Fatalf("trailing spaces made it cut: %q", got)
	}
	checkClean(t, long, got)
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{
		"", "AXIS M1075-L", "\x1b]0;x\x07", "\x1b[2J", "\u009b31m", "\u202e", "a\nb", "\xff",
		"\x1b", "\x1b]", "\x1bP\x1b", strings.Repeat("ab\x1b[m", 200), " \u2028 x \u00a0",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkClean(t, s, Clean(s))
	})
}
