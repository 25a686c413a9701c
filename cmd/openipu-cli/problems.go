package main

import (
	"errors"

	"github.com/openipu/openipu/core/usermsg"
)

// fileKind names a local file the program could not use.
type fileKind int

const (
	journalUnavailable fileKind = iota
	pinsUnavailable
)

// fileProblem is a local file that could not be used. It explains itself so
// that the user reads a sentence, not an operating-system error.
type fileProblem struct {
	kind fileKind
	path string
	err  error
}

func (e *fileProblem) Error() string { return e.path + ": " + e.err.Error() }
func (e *fileProblem) Unwrap() error { return e.err }

// Explain prefers the file's own explanation (a journal that is not one, a
// damaged certificate list), which says what is wrong with it and what to
// do, to the general "could not be opened".
func (e *fileProblem) Explain() usermsg.Problem {
	var own usermsg.Explainer
	if errors.As(e.err, &own) {
		return own.Explain()
	}
	m := fileMessages[e.kind]
	args := map[string]any{"Path": e.path, "Detail": e.err.Error()}
	what, next := m[0], m[1]
	what.Args, next.Args = args, args
	return usermsg.Problem{What: what, Next: next}
}

var fileMessages = map[fileKind][2]usermsg.Message{
	journalUnavailable: {
		{Key: "cli.journal_unavailable", Text: "The journal at {{.Path}} could not be opened ({{.Detail}}), and nothing is done to a camera without recording it."},
		{Key: "cli.journal_unavailable.next", Text: "Nothing was sent to the camera. Check that you may save files in that folder, or choose another file with --journal FILE."},
	},
	pinsUnavailable: {
		{Key: "cli.pins_unavailable", Text: "The list of known camera certificates at {{.Path}} could not be opened ({{.Detail}})."},
		{Key: "cli.pins_unavailable.next", Text: "Nothing was sent to the camera. Check that you may save files in that folder: in this list OpenIPU remembers each camera's certificate, so that a device imitating a camera is recognised."},
	},
}

// plainProblem is a problem with typed input that needs no further detail.
type plainProblem struct{ what, next usermsg.Message }

func (p *plainProblem) Error() string            { return p.what.Text }
func (p *plainProblem) Explain() usermsg.Problem { return usermsg.Problem{What: p.what, Next: p.next} }

var (
	errPasswordMismatch = &plainProblem{
		what: usermsg.Message{Key: "cli.password_mismatch", Text: "The two passwords typed were not the same."},
		next: usermsg.Message{Key: "cli.password_mismatch.next", Text: "Nothing was sent to the camera. Run the command again and type the same password twice."},
	}
	errNoPassword = &plainProblem{
		what: usermsg.Message{Key: "cli.no_password", Text: "No password was given."},
		next: usermsg.Message{Key: "cli.no_password.next", Text: "Nothing was sent to the camera. Type the password when asked, or send it as the first line of standard input (for example from a password manager)."},
	}
	errPasswordLineTooLong = &plainProblem{
		what: usermsg.Message{Key: "cli.password_line_too_long", Text: "The first line of standard input is far too long to be a password."},
		next: usermsg.Message{Key: "cli.password_line_too_long.next", Text: "Nothing was sent to the camera. Send only the password, on one line."},
	}
)
