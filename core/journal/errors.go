package journal

import (
	"errors"

	"github.com/openipu/openipu/core/usermsg"
)

// ErrNotJournal is what errors.Is finds in the error of Open when the file
// holds something other than an OpenIPU journal.
var ErrNotJournal = errors.New("not an OpenIPU journal")

// NotJournalError is Open refusing an existing file that is not an OpenIPU
// journal, so that a mistyped --journal cannot append lines to a document,
// a configuration file or another program's log.
type NotJournalError struct {
	Path string
}

func (e *NotJournalError) Error() string {
	return "open the journal: " + e.Path + ": " + ErrNotJournal.Error()
}

func (e *NotJournalError) Unwrap() error { return ErrNotJournal }

// Explain implements usermsg.Explainer.
func (e *NotJournalError) Explain() usermsg.Problem {
	args := map[string]any{"Path": e.Path}
	what, next := notJournal, notJournalNext
	what.Args, next.Args = args, args
	return usermsg.Problem{What: what, Next: next}
}

var (
	notJournal = usermsg.Message{Key: "journal.not_journal",
		Text: "{{.Path}} is not a journal written by OpenIPU. OpenIPU writes its journal only to a new file or to its own journal, so it left that file alone and did nothing."}
	notJournalNext = usermsg.Message{Key: "journal.not_journal.next",
		Text: "Choose another file for the journal, or move that file somewhere else so that a new journal can be started in its place."}
)

// Messages lists every message a journal error can show a user, for
// translators and for the test that keeps the English catalogue complete.
func Messages() []usermsg.Message {
	return []usermsg.Message{notJournal, notJournalNext}
}
