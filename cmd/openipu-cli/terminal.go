package main

import (
	"os"
	"syscall"

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

// stopSignals are the ways a program is stopped from its terminal or by the
// system: Ctrl-C, kill (SIGTERM), the terminal window closed (SIGHUP) and
// Ctrl-\ (SIGQUIT). Windows delivers only the first two; the others are
// never sent there.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

// handleSignals makes the first stop signal cancel the work, so that
// nothing more is sent to a camera and the journal says so, and any later
// one, or Ctrl-\ (which asks to quit at once), end the program. Whatever
// ends it, restore runs first: a password prompt turns the terminal's echo
// off, and a program that exits while it is off leaves the user typing
// blind in their shell.
func handleSignals(sigs <-chan os.Signal, cancel, restore func(), exit func(code int)) {
	stopping := false
	for s := range sigs {
		if stopping || s == syscall.SIGQUIT {
			restore()
			exit(signalExitCode(s))
			return
		}
		stopping = true
		cancel()
	}
}

// signalExitCode is a shell's code for a program ended by s: 128 + its
// number.
func signalExitCode(s os.Signal) int {
	if n, ok := s.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return exitFailed
}
