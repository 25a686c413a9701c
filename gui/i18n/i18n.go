// Package i18n puts the window's words in the user's language. Every text
// the window shows is written where it is shown, as
// lang.X(key, English text, arguments) or, for a count, Counted; en.json
// holds each of them verbatim (the tests here check it). Text and
// ProblemText do the same for core/'s plain-language messages, which carry
// their own key and English text.
package i18n

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

// ErrorText is err in plain words: core/'s errors say what happened and
// what to do next; anything else still gets a sentence and a next step.
func ErrorText(err error) (what, next string) {
	p, _ := usermsg.Explain(err)
	return ProblemText(p)
}

// Counted is a text with a count, in its singular or plural form. Fyne
// takes one English text per key, so the form that fits n is handed over.
func Counted(key, one, other string, n int) string {
	fallback := other
	if n == 1 {
		fallback = one
	}
	return lang.XN(key, fallback, n, map[string]any{"Count": n})
}

// CountedWith is Counted with more template arguments beside the count.
func CountedWith(key, one, other string, n int, args map[string]any) string {
	fallback := other
	if n == 1 {
		fallback = one
	}
	all := map[string]any{"Count": n}
	for k, v := range args {
		all[k] = v
	}
	return lang.XN(key, fallback, n, all)
}
