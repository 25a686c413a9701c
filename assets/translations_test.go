package assets

import (
	"encoding/json"
	"io/fs"
	"path"
	"strings"
	"testing"
)

// Fyne's lang package (go-i18n) accepts either a string or an object of
// plural forms per key; anything else makes AddTranslationsFS fail at start-up,
// which a user would only see as an untranslated window.
func TestTranslationFilesHoldOnlyStringsOrPluralForms(t *testing.T) {
	entries, err := fs.ReadDir(Translations, "translations")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 {
		t.Fatal("no translation files embedded")
	}
	plural := map[string]bool{"zero": true, "one": true, "two": true, "few": true, "many": true, "other": true}
	for _, e := range entries {
		name := e.Name()
		if path.Ext(name) != ".json" {
			t.Errorf("%s: only <locale>.json files belong in translations/", name)
			continue
		}
		data, err := fs.ReadFile(Translations, "translations/"+name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for k, v := range m {
			switch v := v.(type) {
			case string:
				if strings.TrimSpace(v) == "" {
					t.Errorf("%s: %q is empty", name, k)
				}
			case map[string]any:
				for form, s := range v {
					if _, ok := s.(string); !ok || !plural[form] {
						t.Errorf("%s: %q has a bad plural form %q", name, k, form)
					}
				}
			default:
				t.Errorf("%s: %q is neither text nor plural forms", name, k)
			}
		}
	}
}
