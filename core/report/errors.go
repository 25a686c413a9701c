package report

import (
	"fmt"

	"github.com/openipu/openipu/core/usermsg"
)

// Kind says why a document could not be saved.
type Kind int

// The kinds of failure.
const (
	CannotWrite Kind = iota // the file or its folder could not be written
	Exists                  // the file exists and the caller did not ask to replace it
)

var kindNames = [...]string{CannotWrite: "cannot write", Exists: "file exists"}

func (k Kind) String() string {
	if int(k) >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Error makes a Kind usable as an errors.Is target.
func (k Kind) Error() string { return k.String() }

// Error is a failure to save a document to a file.
type Error struct {
	Kind Kind
	Path string
	Err  error
}

func (e *Error) Error() string {
	s := "report: " + e.Kind.String()
	if e.Path != "" {
		s += ": " + e.Path
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Is lets errors.Is(err, report.Exists) match.
func (e *Error) Is(target error) bool {
	k, ok := target.(Kind)
	return ok && k == e.Kind
}

// Explain implements usermsg.Explainer.
func (e *Error) Explain() usermsg.Problem {
	return usermsg.Lookup(errorMessages, e.Kind, CannotWrite, map[string]any{"Path": e.Path})
}

var errorMessages = map[Kind][2]usermsg.Message{
	CannotWrite: {
		{Key: "report.cannot_write", Text: "The document could not be saved to {{.Path}}."},
		{Key: "report.cannot_write.next", Text: "Check that the folder exists, that there is free space and that you may save files there, or choose another place."},
	},
	Exists: {
		{Key: "report.exists", Text: "There is already a file at {{.Path}}."},
		{Key: "report.exists.next", Text: "Choose another file name, or say that the old file may be replaced."},
	},
}
