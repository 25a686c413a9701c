package i18n

import (
	"testing"

	"fyne.io/fyne/v2/lang"

	"github.com/openipu/openipu/core/usermsg"
)

// useTestLocale makes a made-up Esperanto translation the active one. Fyne
// picks the locale from LC_ALL/LANG on Linux but from the OS on Windows and
// macOS, so the translation is registered for whatever locale the system
// reports rather than forcing one.
func useTestLocale(t *testing.T, translations string) {
	t.Helper()
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_ALL", "eo")
	loc := lang.SystemLocale()
	if err := lang.AddTranslationsForLocale([]byte(translations), loc); err != nil {
		t.Fatalf("adding translations for %s: %v", loc, err)
	}
	t.Cleanup(func() {
		// Registering anything makes lang re-read the (now restored)
		// environment, so later tests are not left in Esperanto.
		_ = lang.AddTranslationsForLocale([]byte(`{}`), "en")
	})
}

func TestTextUsesTranslationForUsersLocaleWithArgsFilled(t *testing.T) {
	useTestLocale(t, `{
		"problem.unexpected": "Io neatendita okazis: {{.Detail}}",
		"next.try_again": "Provu denove."
	}`)
	m := usermsg.Unexpected.With("Detail", "disko plena")

	if got, want := Text(m), "Io neatendita okazis: disko plena"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

func TestTextFallsBackToEnglishWithArgsWhenKeyIsUntranslated(t *testing.T) {
	useTestLocale(t, `{"next.try_again": "Provu denove."}`)
	m := usermsg.Message{
		Key:  "gui.test.untranslated",
		Text: "The camera at {{.Host}} answered.",
		Args: map[string]any{"Host": "192.0.2.7"},
	}

	if got, want := Text(m), "The camera at 192.0.2.7 answered."; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

func TestTextRendersKeylessMessageAsEnglish(t *testing.T) {
	m := usermsg.Message{Text: "Found {{.N}} cameras.", Args: map[string]any{"N": 3}}

	if got, want := Text(m), "Found 3 cameras."; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

func TestProblemTextTranslatesWhatAndNextSeparately(t *testing.T) {
	useTestLocale(t, `{
		"problem.unexpected": "Io neatendita okazis: {{.Detail}}",
		"next.try_again": "Provu denove."
	}`)
	p := usermsg.Problem{What: usermsg.Unexpected.With("Detail", "X"), Next: usermsg.TryAgain}

	what, next := ProblemText(p)
	if what != "Io neatendita okazis: X" || next != "Provu denove." {
		t.Errorf("ProblemText = %q, %q", what, next)
	}
}
