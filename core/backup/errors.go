package backup

import (
	"fmt"

	"github.com/openipu/openipu/core/usermsg"
)

// Kind says why a backup could not be saved or read.
type Kind int

// The kinds of failure.
const (
	CannotWrite Kind = iota // the file or its folder could not be written
	Exists                  // the chosen file already exists; backups never replace files
	Empty                   // the camera sent no settings
	NotBackup               // the file is not an OpenIPU backup, or it is damaged
)

var kindNames = [...]string{
	CannotWrite: "cannot write", Exists: "file exists", Empty: "no settings", NotBackup: "not a backup",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Error makes a Kind usable as an errors.Is target.
func (k Kind) Error() string { return k.String() }

// Error is a failure of the backup itself. Failures of the camera (a wrong
// password, no answer) are returned as the camera client's own errors,
// wrapped, so that they explain themselves.
type Error struct {
	Kind Kind
	Path string
	Host string
	Err  error
}

func (e *Error) Error() string {
	s := "settings backup: " + e.Kind.String()
	if e.Path != "" {
		s += ": " + e.Path
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Is lets errors.Is(err, backup.Exists) match.
func (e *Error) Is(target error) bool {
	k, ok := target.(Kind)
	return ok && k == e.Kind
}

// Explain implements usermsg.Explainer.
func (e *Error) Explain() usermsg.Problem {
	return usermsg.Lookup(messages, e.Kind, CannotWrite, map[string]any{"Path": e.Path, "Host": e.Host})
}

var messages = map[Kind][2]usermsg.Message{
	CannotWrite: {
		{Key: "backup.cannot_write", Text: "The camera's settings could not be saved to {{.Path}}."},
		{Key: "backup.cannot_write.next", Text: "Check that the folder exists and that you may save files there, or choose another place for the backup."},
	},
	Exists: {
		{Key: "backup.exists", Text: "There is already a file at {{.Path}}, and a backup never replaces a file."},
		{Key: "backup.exists.next", Text: "Choose another file name, or move the old file somewhere else first."},
	},
	Empty: {
		{Key: "backup.empty", Text: "The camera at {{.Host}} sent no settings, so there was nothing to back up."},
		{Key: "backup.empty.next", Text: "Try again. If it keeps happening, restart the camera by unplugging its power for ten seconds."},
	},
	NotBackup: {
		{Key: "backup.not_backup", Text: "{{.Path}} is not a settings backup made by OpenIPU, or it is damaged."},
		{Key: "backup.not_backup.next", Text: "Choose a file whose name starts with openipu-backup-."},
	},
}

// Messages lists every message a backup error can show a user, for
// translators and for the test that keeps the English catalogue complete.
func Messages() []usermsg.Message {
	return usermsg.Catalogue(messages)
}
