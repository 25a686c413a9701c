// Package gui is OpenIPU's window. For now it holds only the bridge between
// core/'s plain-language messages and Fyne's translations.
package gui

import (
	"fmt"

	"fyne.io/fyne/v2/lang"

	"github.com/openipu/openipu/assets"
	"github.com/openipu/openipu/core/usermsg"
)

// LoadTranslations registers the embedded translations/<locale>.json files
// with Fyne. Call it once at start-up, before any window text is built.
func LoadTranslations() error {
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		return fmt.Errorf("loading translations: %w", err)
	}
	return nil
}

// Text renders m in the user's language: the translation stored under m.Key
// when there is one, otherwise m's English text, with m.Args filled in.
//
// Fyne's lang package executes the translated template itself (go-i18n runs
// text/template, the syntax usermsg.Render uses), so Args are handed to it
// rather than rendered afterwards: the raw translated template is not
// reachable through lang.
func Text(m usermsg.Message) string {
	if m.Key == "" {
		return m.String()
	}
	return lang.X(m.Key, m.Text, m.Args)
}

// ProblemText renders both halves of a problem: what happened, and what the
// user can do next.
func ProblemText(p usermsg.Problem) (what, next string) {
	return Text(p.What), Text(p.Next)
}
