package i18n

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"
)

// The window draws every text with Fyne's bundled fonts; a character they
// lack shows as a box or "�" where no system font stands in for it — which is
// the case on a Windows installation without Segoe UI Symbol, under Wine,
// and on a bare Linux desktop. An arrow in "Windows Security → Firewall"
// did exactly that. Every text, in every language, must be drawable from
// the bundled regular or bold face alone.
func TestEveryTextInEveryLanguageUsesOnlyCharactersTheBundledFontsHave(t *testing.T) {
	var faces []*font.Face
	for _, res := range []interface{ Content() []byte }{theme.DefaultTextFont(), theme.DefaultTextBoldFont()} {
		f, err := font.ParseTTF(bytes.NewReader(res.Content()))
		if err != nil {
			t.Fatalf("Fyne's bundled font does not parse: %v", err)
		}
		faces = append(faces, f)
	}
	for _, l := range Languages {
		t.Run(l.Code, func(t *testing.T) { checkGlyphs(t, faces, l.Code) })
	}
}

func checkGlyphs(t *testing.T, faces []*font.Face, code string) {
	data, err := os.ReadFile(catalogueFileName(code))
	if err != nil {
		t.Fatal(err)
	}
	// A text is a string, or plural forms ({"one": …, "other": …}).
	var entries map[string]json.RawMessage
	if err := json.Unmarshal(data, &entries); err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for key, raw := range entries {
		var one string
		if json.Unmarshal(raw, &one) == nil {
			texts[key] = one
			continue
		}
		var forms map[string]string
		if err := json.Unmarshal(raw, &forms); err != nil {
			t.Fatalf("%s: neither a text nor plural forms: %v", key, err)
		}
		for form, text := range forms {
			texts[key+"."+form] = text
		}
	}
	missing := map[rune][]string{}
	for key, text := range texts {
		for _, r := range text {
			if r == '\n' || r == '\t' {
				continue
			}
			found := false
			for _, f := range faces {
				if _, ok := f.NominalGlyph(r); ok {
					found = true
					break
				}
			}
			if !found && !slices.Contains(missing[r], key) {
				missing[r] = append(missing[r], key)
			}
		}
	}
	var report []string
	for r, keys := range missing {
		sort.Strings(keys)
		report = append(report, fmt.Sprintf("%q (U+%04X) in %s", r, r, strings.Join(keys, ", ")))
	}
	sort.Strings(report)
	for _, line := range report {
		t.Errorf("the bundled fonts have no %s", line)
	}
}
