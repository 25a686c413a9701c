package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
)

// Exit codes, the contract with scripts.
const (
	exitOK     = 0 // done
	exitFailed = 1 // the camera refused, failed or could not be reached
	exitUsage  = 2 // the command line (or the typed input) was wrong; nothing was sent
)

// env is everything run() needs from the outside world, so that tests can
// run the whole program in-process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// isTerminal reports whether stdin is an interactive terminal.
	isTerminal func() bool
	// readPassword reads one line from the terminal without echoing it.
	readPassword func() ([]byte, error)

	// Where files go when no flag says otherwise; empty means the per-user
	// defaults. Tests point them at temporary folders.
	journalPath string
	pinsPath    string
	backupDir   string
	handoverDir string
}

// command is one subcommand.
type command struct {
	name    string
	args    string // synopsis after the name; defaults belong in the flags, not here
	summary string // one sentence for the command list
	help    string // paragraphs of prose, reflowed to the width of the help
	// flags makes the flag set the command parses, for help to list; nil
	// for a command without flags.
	flags func() *flagSet
	run   func(ctx context.Context, c *cli, args []string) error
}

// commands is the one table of commands: run looks them up here and help
// lists them from here, in this order, the order of a first setup. It is
// filled in init because help's own run reads it, and a variable cannot
// depend on itself.
var commands []*command

func init() {
	commands = []*command{
		discoverCommand, infoCommand, setPasswordCommand, backupCommand, factoryDefaultCommand,
		restartCommand, setIPCommand, assignIPByMACCommand, clockCommand, snapshotCommand, sessionCommand, reportCommand, helpCommand, versionCommand,
	}
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// cli is one run of the program.
type cli struct {
	env
	cmd  *command
	json bool // set by the command once its flags are parsed
}

func run(ctx context.Context, args []string, e env) int {
	c := &cli{env: e}
	if len(args) == 0 {
		fmt.Fprint(c.stderr, usageText())
		return exitUsage
	}
	name := args[0]
	switch {
	case isHelpFlag(name):
		name = helpCommand.name
	case isVersionFlag(name):
		name = versionCommand.name
	}
	c.cmd = lookup(name)
	if c.cmd == nil {
		fmt.Fprintf(c.stderr, "openipu-cli: there is no command %q.\n\n%s", args[0], usageText())
		return exitUsage
	}
	return c.finish(ctx, c.cmd.run(ctx, c, args[1:]))
}

// finish turns a command's result into output and an exit code.
func (c *cli) finish(ctx context.Context, err error) int {
	var ue *usageError
	var bi *badInput
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errExplained):
		return exitUsage
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(c.stdout, c.cmd.usage())
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(c.stderr, "openipu-cli %s: %s.\nRun \"openipu-cli help %s\" to see how to use it.\n", c.cmd.name, ue.msg, c.cmd.name)
		return exitUsage
	case errors.As(err, &bi):
		c.explain(ctx, bi.err)
		return exitUsage
	default:
		c.explain(ctx, err)
		return exitFailed
	}
}

// badInput is typed input (a password, a name) that cannot be used. Like a
// usage error nothing was sent, but it explains itself.
type badInput struct{ err error }

func (e *badInput) Error() string { return e.err.Error() }
func (e *badInput) Unwrap() error { return e.err }

// withNote adds a sentence after an error's explanation, such as "The camera
// was not reset."
type withNote struct {
	err  error
	note string
}

func (e *withNote) Error() string { return e.err.Error() }
func (e *withNote) Unwrap() error { return e.err }

// errExplained is a usage error whose explanation has been printed already.
var errExplained = errors.New("usage explained")
