package gui

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"
	"text/template"

	"github.com/openipu/openipu/assets"
)

// The dialogs' English text is kept in en.json by:
//
//	go test ./gui -run TestEnglishTranslationsHoldEveryDialogMessage -update-dialog-text
//
// which adds or corrects the dialog.* keys and leaves every other key alone.
var updateDialogText = flag.Bool("update-dialog-text", false, "write the action dialogs' messages into assets/translations/en.json")

func TestEnglishTranslationsHoldEveryDialogMessageVerbatim(t *testing.T) {
	data, err := os.ReadFile(enJSON)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]any{}
	if err := json.Unmarshal(data, &have); err != nil {
		t.Fatalf("en.json: %v", err)
	}
	if *updateDialogText {
		for k := range have {
			if strings.HasPrefix(k, "dialog.") {
				delete(have, k)
			}
		}
		for _, m := range dialogMessages {
			have[m.Key] = m.Text
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(have); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(enJSON, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	embedded, err := assets.Translations.ReadFile("translations/en.json")
	if err != nil || !bytes.Equal(embedded, data) {
		t.Fatalf("the embedded en.json differs from the file (%v)", err)
	}
	registered := map[string]bool{}
	for _, m := range dialogMessages {
		registered[m.Key] = true
		switch got, ok := have[m.Key]; {
		case !ok:
			t.Errorf("en.json lacks %q (%q)", m.Key, m.Text)
		case got != m.Text:
			t.Errorf("en.json %q = %q, but the dialog says %q", m.Key, got, m.Text)
		}
	}
	for k := range have {
		if strings.HasPrefix(k, "dialog.") && !registered[k] {
			t.Errorf("en.json holds %q, which no dialog uses any more", k)
		}
	}
	if t.Failed() {
		t.Log("update with: go test ./gui -run TestEnglishTranslationsHoldEveryDialogMessageVerbatim -update-dialog-text")
	}
}

func TestDialogMessageKeysAreUniqueAndTemplatesParse(t *testing.T) {
	seen := map[string]string{}
	for _, m := range dialogMessages {
		if !strings.HasPrefix(m.Key, "dialog.") {
			t.Errorf("key %q is outside the dialog. namespace", m.Key)
		}
		if prev, dup := seen[m.Key]; dup {
			t.Errorf("key %q is used for %q and %q", m.Key, prev, m.Text)
		}
		seen[m.Key] = m.Text
		if _, err := template.New("").Parse(m.Text); err != nil {
			t.Errorf("%q does not parse: %v", m.Key, err)
		}
	}
	if len(seen) < 20 {
		t.Errorf("only %d dialog messages registered; dmsg is not collecting them", len(seen))
	}
}
