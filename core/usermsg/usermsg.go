// Package usermsg carries plain-language messages for the people who use
// OpenIPU: a stable key that gui/ translates through Fyne's lang package, and
// the English text that is shown when no translation exists. core/ packages
// attach these to their errors so that the wording lives next to the cause,
// not scattered through the window code.
package usermsg

import (
	"bytes"
	"errors"
	"sync"
	"text/template"
)

// Message is one sentence for a non-technical reader.
type Message struct {
	// Key is stable across releases; translations are keyed by it.
	Key string
	// Text is the English wording, a text/template over Args.
	Text string
	// Args fill the template fields of Text (and of its translations).
	Args map[string]any
}

// With returns a copy of m with the named template argument set.
func (m Message) With(name string, value any) Message {
	args := make(map[string]any, len(m.Args)+1)
	for k, v := range m.Args {
		args[k] = v
	}
	args[name] = value
	m.Args = args
	return m
}

// String renders the English text. A template that fails to render yields the
// raw text rather than nothing, so a user always sees something.
func (m Message) String() string {
	return Render(m.Text, m.Args)
}

// Render fills a message template (English or translated) with args.
func Render(text string, args map[string]any) string {
	if args == nil {
		return text
	}
	t, err := parsed(text)
	if err != nil {
		return text
	}
	var b bytes.Buffer
	if err := t.Execute(&b, args); err != nil {
		return text
	}
	return b.String()
}

// templates keeps every message text parsed once: discovery renders a
// diagnosis for each of a thousand cameras' events, and parsing was most of
// that work. The texts are the catalogues' (English and translations), a
// few hundred; past maxTemplates a text is parsed each time instead.
var (
	templatesMu sync.RWMutex
	templates   = map[string]*template.Template{}
)

const maxTemplates = 4096

func parsed(text string) (*template.Template, error) {
	templatesMu.RLock()
	t, ok := templates[text]
	templatesMu.RUnlock()
	if ok {
		return t, nil
	}
	t, err := template.New("").Option("missingkey=zero").Parse(text)
	if err != nil {
		return nil, err
	}
	templatesMu.Lock()
	if len(templates) < maxTemplates {
		templates[text] = t
	}
	templatesMu.Unlock()
	return t, nil
}

// Problem explains a failure: what happened, and what the user can do next.
type Problem struct {
	What Message
	Next Message
}

// Explainer is implemented by errors that can explain themselves to a user.
type Explainer interface {
	error
	Explain() Problem
}

// Explain finds the first error in err's chain that explains itself. When
// none does, it returns a generic problem with the technical text as argument
// and ok=false, so callers can still show something sensible.
func Explain(err error) (p Problem, ok bool) {
	var e Explainer
	if errors.As(err, &e) {
		return e.Explain(), true
	}
	return Problem{
		What: Unexpected.With("Detail", errText(err)),
		Next: TryAgain,
	}, false
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// Generic messages used when an error carries no explanation of its own.
var (
	Unexpected = Message{Key: "problem.unexpected", Text: "Something unexpected went wrong: {{.Detail}}"}
	TryAgain   = Message{Key: "next.try_again", Text: "Try again. If it keeps happening, restart the camera and this program."}
)
