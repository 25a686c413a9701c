package i18n

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"text/template"

	"fyne.io/fyne/v2/lang"

	"github.com/openipu/openipu/core/usermsg"
)

func catalogueFileName(code string) string { return "../../assets/translations/" + code + ".json" }

// pluralForms are the forms each language's plural entries must have
// (CLDR, as go-i18n applies it): French and Spanish also have "many", for
// numbers of a million and more.
var pluralForms = map[string][]string{
	"en": {"one", "other"}, "de": {"one", "other"}, "sv": {"one", "other"},
	"fr": {"many", "one", "other"}, "es": {"many", "one", "other"},
}

// entry is one key of a catalogue: a text, or plural forms.
type entry struct {
	text  string
	forms map[string]string
}

func readCatalogue(t *testing.T, code string) map[string]entry {
	t.Helper()
	data, err := os.ReadFile(catalogueFileName(code))
	if err != nil {
		t.Fatalf("the %s catalogue: %v", code, err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatalf("the %s catalogue is not JSON: %v", code, err)
	}
	out := make(map[string]entry, len(raw))
	for k, v := range raw {
		var e entry
		if json.Unmarshal(v, &e.text) != nil {
			if err := json.Unmarshal(v, &e.forms); err != nil {
				t.Fatalf("%s: %s is neither a text nor plural forms", code, k)
			}
		}
		out[k] = e
	}
	return out
}

var placeholder = regexp.MustCompile(`\{\{-?\s*\.([A-Za-z0-9_]+)`)

// placeholders are the template fields a text uses, sorted, once each.
func placeholders(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	sort.Strings(out)
	return out
}

func (e entry) all() []string {
	if e.forms == nil {
		return []string{e.text}
	}
	var out []string
	for _, f := range e.forms {
		out = append(out, f)
	}
	return out
}

func TestEveryLanguageHasEveryKeyEnglishHasAndNoOther(t *testing.T) {
	en := readCatalogue(t, "en")
	for _, l := range Languages[1:] {
		t.Run(l.Code, func(t *testing.T) {
			c := readCatalogue(t, l.Code)
			var missing, extra []string
			for k := range en {
				if _, ok := c[k]; !ok {
					missing = append(missing, k)
				}
			}
			for k := range c {
				if _, ok := en[k]; !ok {
					extra = append(extra, k)
				}
			}
			sort.Strings(missing)
			sort.Strings(extra)
			if len(missing) > 0 {
				t.Errorf("%d keys English has are missing: %s", len(missing), strings.Join(missing, ", "))
			}
			if len(extra) > 0 {
				t.Errorf("%d keys English does not have: %s", len(extra), strings.Join(extra, ", "))
			}
		})
	}
}

func TestEveryTranslationUsesTheSamePlaceholdersAsEnglish(t *testing.T) {
	en := readCatalogue(t, "en")
	for _, l := range Languages[1:] {
		t.Run(l.Code, func(t *testing.T) {
			for k, e := range readCatalogue(t, l.Code) {
				ref, ok := en[k]
				if !ok {
					continue
				}
				// English's singular may leave the count out ("one
				// camera"); every form may use what any English form
				// uses, and a plain text exactly what English uses.
				var allowed []string
				for _, s := range ref.all() {
					allowed = append(allowed, placeholders(s)...)
				}
				for _, s := range e.all() {
					got := placeholders(s)
					if ref.forms == nil && !slices.Equal(got, placeholders(ref.text)) {
						t.Errorf("%s: placeholders %v, English has %v", k, got, placeholders(ref.text))
					}
					for _, p := range got {
						if !slices.Contains(allowed, p) {
							t.Errorf("%s: placeholder %s that English does not have", k, p)
						}
					}
					if _, err := template.New(k).Parse(s); err != nil {
						t.Errorf("%s: not a valid template: %v", k, err)
					}
					if strings.TrimSpace(s) == "" {
						t.Errorf("%s: empty", k)
					}
				}
				if ref.forms != nil && e.forms != nil {
					// The count must show where English shows it in its
					// general form.
					if slices.Contains(placeholders(ref.forms["other"]), "Count") && !slices.Contains(placeholders(e.forms["other"]), "Count") {
						t.Errorf("%s: the plural form drops the count", k)
					}
				}
			}
		})
	}
}

func TestEveryLanguageHasThePluralFormsItNeeds(t *testing.T) {
	en := readCatalogue(t, "en")
	for _, l := range Languages {
		want, ok := pluralForms[l.Code]
		if !ok {
			t.Fatalf("no plural rule written down for %s", l.Code)
		}
		t.Run(l.Code, func(t *testing.T) {
			for k, e := range readCatalogue(t, l.Code) {
				ref, ok := en[k]
				if !ok {
					continue
				}
				switch {
				case ref.forms == nil && e.forms != nil:
					t.Errorf("%s: plural forms where English has one text", k)
				case ref.forms != nil && e.forms == nil:
					t.Errorf("%s: one text where plural forms are needed", k)
				case e.forms != nil:
					var got []string
					for f := range e.forms {
						got = append(got, f)
					}
					sort.Strings(got)
					if !slices.Equal(got, want) {
						t.Errorf("%s: forms %v, %s needs %v", k, got, l.Code, want)
					}
				}
			}
		})
	}
}

// Every language the window offers is used through the same door as the
// user's choice, and then speaks: a counted text takes the right form,
// a core message its translation.
func TestChoosingALanguageMakesTheWindowSpeakIt(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	if err := LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = Use("en") })
	en := readCatalogue(t, "en")
	for _, l := range Languages {
		t.Run(l.Code, func(t *testing.T) {
			if err := Use(l.Code); err != nil {
				t.Fatal(err)
			}
			c := readCatalogue(t, l.Code)
			if got, want := lang.X("menu.help", "Help"), c["menu.help"].text; got != want {
				t.Errorf("menu.help = %q, want %q", got, want)
			}
			if got := Counted("action.restart_n", "Restart {{.Count}} camera", "Restart {{.Count}} cameras", 3); !strings.Contains(got, "3") || (l.Code != "en" && got == "Restart 3 cameras") {
				t.Errorf("a counted text: %q", got)
			}
			tr, err := TranslatorFor(l.Code)
			if err != nil {
				t.Fatal(err)
			}
			m := usermsg.Message{Key: "handover.note_required", Text: en["handover.note_required"].text}
			if got := tr(m); got != c["handover.note_required"].text {
				t.Errorf("TranslatorFor(%s) = %q", l.Code, got)
			}
			if Active() != l.Code {
				t.Errorf("Active() = %q", Active())
			}
		})
	}
}
