package report

import (
	"testing"

	"github.com/openipu/openipu/core/usermsg"
)

func TestDefaultPaperIsLetterOnlyWhereLetterIsUsed(t *testing.T) {
	for locale, want := range map[string]string{
		"en_US.UTF-8": Letter, "en-US": Letter, "fr_CA": Letter, "es-MX": Letter, "fil_PH": Letter,
		"es_CL": Letter, "es-CO": Letter, "es_VE": Letter, "es-PR": Letter,
		"en_GB.UTF-8": A4, "sv_SE": A4, "de-DE": A4, "pl_PL@euro": A4, "es-ES": A4,
		"en": A4, "C": A4, "POSIX": A4, "": A4, "not a locale!": A4, "es-419": A4,
	} {
		if got := DefaultPaper(locale); got != want {
			t.Errorf("DefaultPaper(%q) = %s, want %s", locale, got, want)
		}
	}
}

func TestEveryMessageHasAUniqueKeyAndEnglishText(t *testing.T) {
	seen := map[string]bool{}
	for _, m := range Messages() {
		if m.Key == "" || m.Text == "" {
			t.Errorf("message %+v lacks a key or text", m)
		}
		if seen[m.Key] {
			t.Errorf("key %s is listed twice", m.Key)
		}
		seen[m.Key] = true
	}
}

func TestTranslateIsUsedForEveryLabel(t *testing.T) {
	o := Options{Translate: func(m usermsg.Message) string { return "T:" + m.Key }}
	if got := o.tr(msgTitle); got != "T:report.title" {
		t.Errorf("tr = %q", got)
	}
	if got := (Options{}).tr(msgHandedOverOther.With("Done", 2).With("Total", 3)); got != "2 of 3 cameras handed over." {
		t.Errorf("English = %q", got)
	}
}
