package main

import (
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"

	"github.com/openipu/openipu/core/backup"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/tlspin"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/gui/backend"
)

// newDeps connects the window to the real network and the user's files.
// A file that cannot be opened does not stop the program: the actions that
// need it say so when they run.
func newDeps(a fyne.App) (backend.Deps, func()) {
	var pins vapix.PinStore
	if path, err := tlspin.DefaultPath(); err != nil {
		warn("certificate pins", err)
	} else if store, err := tlspin.Open(path); err != nil {
		warn("certificate pins", err)
	} else {
		pins = store
	}

	var jr backend.Journal = unavailableJournal{fmt.Errorf("the journal was not opened")}
	closeJournal := func() {}
	if path, err := journal.DefaultPath(); err != nil {
		warn("the journal", err)
		jr = unavailableJournal{err}
	} else if j, err := journal.Open(path); err != nil {
		warn("the journal", err)
		jr = unavailableJournal{err}
	} else {
		jr = j
		closeJournal = func() { j.Close() }
	}

	backups, err := backup.DefaultDir()
	if err != nil {
		warn("the backup folder", err)
		backups = filepath.Join(os.TempDir(), "openipu-backups")
	}

	return backend.Deps{
		Discovery: backend.NewEngineDiscoverer(discovery.Options{}),
		Connect:   backend.NewConnector(pins),
		Journal:   jr,
		BackupDir: backups,
		OpenURL:   a.OpenURL,
		StartDemo: backend.StartDemo,
	}, closeJournal
}

// unavailableJournal refuses every entry with the reason it could not be
// opened, so an action can tell the user its change went unrecorded.
type unavailableJournal struct{ err error }

func (u unavailableJournal) Append(journal.Entry) error { return u.err }

func warn(what string, err error) {
	fmt.Fprintf(os.Stderr, "openipu: %s: %v\n", what, err)
}
