package main

import (
	"os"

	"golang.org/x/term"
)

// terminal wraps the real standard input for main; tests give run() plain
// functions instead.
type terminal struct {
	fd    int
	saved *term.State
}

func stdinTerminal() *terminal {
	t := &terminal{fd: int(os.Stdin.Fd())}
	if term.IsTerminal(t.fd) {
		// Saved so that echo comes back on even if the program is stopped
		// while a password prompt has it turned off.
		t.saved, _ = term.GetState(t.fd)
	}
	return t
}

func (t *terminal) isTerminal() bool { return term.IsTerminal(t.fd) }

func (t *terminal) readPassword() ([]byte, error) { return term.ReadPassword(t.fd) }

func (t *terminal) restore() {
	if t.saved != nil {
		_ = term.Restore(t.fd, t.saved)
	}
}
