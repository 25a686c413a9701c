package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/openipu/openipu/assets"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/usermsg/catalogue"
)

// Language is one language the window speaks, named in itself.
type Language struct {
	Code string // "de": assets/translations/de.json
	Name string // "Deutsch"
}

// Languages the window is translated into, English first.
var Languages = []Language{
	{"en", "English"}, {"de", "Deutsch"}, {"fr", "Français"}, {"es", "Español"}, {"sv", "Svenska"},
}

// PreferenceKey is where the user's choice is kept in the app's
// preferences: a Code, or "" for the system's language.
const PreferenceKey = "language"

// ScreenshotsEnv names the language screenshots are drawn in ("de"),
// for `make screenshots LANG=de_DE.UTF-8`.
const ScreenshotsEnv = "OPENIPU_SCREENSHOTS_LANG"

var chosen string

// Use makes code the window's language from now on, whatever the system
// says ("" leaves the system's). Fyne 2.7 picks the language from the
// system locale and has no call to change it, so the chosen catalogue is
// registered under the system locale's own name, where Fyne looks first.
// Call it after LoadTranslations and before any text is built: texts built
// before keep their language.
func Use(code string) error {
	if code == "" {
		return nil
	}
	data, err := catalogueFile(code)
	if err != nil {
		return err
	}
	if err := lang.AddTranslationsForLocale(data, lang.SystemLocale()); err != nil {
		return fmt.Errorf("using the %s translations: %w", code, err)
	}
	chosen = code
	return nil
}

// UseForScreenshots applies ScreenshotsEnv, if set; tests that draw
// screenshots call it after LoadTranslations.
func UseForScreenshots() error { return Use(os.Getenv(ScreenshotsEnv)) }

// Active is the code of the language the window shows: the one chosen,
// else the system's when the window has it, else English.
func Active() string {
	if chosen != "" {
		return chosen
	}
	return SystemLanguage()
}

// SystemLanguage is the code of the language the window speaks without a
// choice: the system's when the window has it, else English.
func SystemLanguage() string {
	sys := strings.ToLower(lang.SystemLocale().LanguageString())
	sys, _, _ = strings.Cut(sys, "-")
	for _, l := range Languages {
		if l.Code == sys {
			return sys
		}
	}
	return "en"
}

// NameOf is the language code's own name ("Deutsch"), or the code.
func NameOf(code string) string {
	for _, l := range Languages {
		if l.Code == code {
			return l.Name
		}
	}
	return code
}

func catalogueFile(code string) ([]byte, error) {
	for _, l := range Languages {
		if l.Code == code {
			data, err := fs.ReadFile(assets.Translations, "translations/"+code+".json")
			if err != nil {
				return nil, fmt.Errorf("the %s translations: %w", code, err)
			}
			return data, nil
		}
	}
	return nil, fmt.Errorf("there are no %q translations", code)
}

// TranslatorFor renders core messages in the language code, whichever
// language the window speaks: for a document (the handover report) the
// user wants in another language than the window's. A message the
// catalogue lacks is rendered in English.
func TranslatorFor(code string) (func(usermsg.Message) string, error) {
	data, err := catalogueFile(code)
	if err != nil {
		return nil, err
	}
	var entries map[string]json.RawMessage
	if err := json.Unmarshal(data, &entries); err != nil {
		return nil, fmt.Errorf("the %s translations: %w", code, err)
	}
	texts := make(map[string]string, len(entries))
	for k, raw := range entries {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			texts[k] = s
		}
	}
	return func(m usermsg.Message) string {
		m = catalogue.Filled(m)
		if t, ok := texts[m.Key]; ok && t != "" {
			return usermsg.Render(t, m.Args)
		}
		return m.String()
	}, nil
}
