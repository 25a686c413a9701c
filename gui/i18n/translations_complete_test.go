package i18n

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/openipu/openipu/assets"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/usermsg/catalogue"
	"github.com/openipu/openipu/core/vapix"
)

// en.json is generated from the core tables, not written by hand:
//
//	go test ./gui/i18n -run TestEnglishTranslationsHoldEveryCoreMessageVerbatim -update
//
// Keys that core/ does not own (window labels added later) are kept.
var update = flag.Bool("update", false, "rewrite assets/translations/en.json from the core message tables")

const enJSON = "../../assets/translations/en.json"

// coreMessages lists every message core/ can show a user (the catalogue),
// after checking that every vapix kind up to Canceled explains itself.
func coreMessages(t *testing.T) []usermsg.Message {
	t.Helper()
	for k := vapix.Unknown; k <= vapix.Canceled; k++ {
		if _, ok := usermsg.Explain(&vapix.Error{Kind: k}); !ok {
			t.Fatalf("vapix.Error of kind %v does not explain itself", k)
		}
	}
	return catalogue.All()
}

func TestEnglishTranslationsHoldEveryCoreMessageVerbatim(t *testing.T) {
	want := map[string]string{}
	for _, m := range coreMessages(t) {
		if m.Key == "" {
			t.Errorf("message %q has no key, so it can never be translated", m.Text)
			continue
		}
		if prev, dup := want[m.Key]; dup && prev != m.Text {
			t.Errorf("key %q is used for two texts: %q and %q", m.Key, prev, m.Text)
		}
		want[m.Key] = m.Text
	}

	have := readEnglish(t, false)

	if *update {
		writeEnglish(t, have, want, isCoreKey)
		t.Logf("wrote %d keys to %s", len(have), enJSON)
		return
	}

	var keys []string
	for k := range want {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		got, ok := have[k]
		switch {
		case !ok:
			t.Errorf("en.json lacks %q (%q)", k, want[k])
		case got != want[k]:
			t.Errorf("en.json %q = %q, but core says %q", k, got, want[k])
		}
	}
	for k := range have {
		if _, ok := want[k]; !ok && isCoreKey(k) {
			t.Errorf("en.json holds %q, which core no longer uses", k)
		}
	}
	if t.Failed() {
		t.Log("regenerate with: go test ./gui/i18n -run TestEnglishTranslationsHoldEveryCoreMessageVerbatim -update")
	}
}

// readEnglish is en.json as the binary embedded it or, with onDisk, as
// the file now stands: others may have added keys since the binary was
// built, and a rewrite must keep them.
func readEnglish(t *testing.T, onDisk bool) map[string]any {
	t.Helper()
	data, err := assets.Translations.ReadFile("translations/en.json")
	if err != nil {
		t.Fatal(err)
	}
	if onDisk {
		if disk, err := os.ReadFile(enJSON); err == nil {
			data = disk
		}
	}
	have := map[string]any{}
	if err := json.Unmarshal(data, &have); err != nil {
		t.Fatalf("en.json: %v", err)
	}
	return have
}

// writeEnglish rewrites en.json as have without the keys stale says are
// no longer used, and with every text of want in its own words. have is
// changed to what was written.
func writeEnglish[V any](t *testing.T, have map[string]any, want map[string]V, stale func(key string) bool) {
	t.Helper()
	for k := range have {
		if stale(k) {
			delete(have, k)
		}
	}
	for k, v := range want {
		have[k] = v
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
}

// isCoreKey says whether core/ owns a key, so stale ones can be reported
// and regenerated; every other key belongs to the window and is left alone.
func isCoreKey(k string) bool {
	return strings.HasPrefix(k, "vapix.") || strings.HasPrefix(k, "discovery.") || strings.HasPrefix(k, "backup.") || strings.HasPrefix(k, "arpping.") ||
		strings.HasPrefix(k, "hostaddr.") || strings.HasPrefix(k, "addrplan.") ||
		k == usermsg.Unexpected.Key || k == usermsg.TryAgain.Key
}
