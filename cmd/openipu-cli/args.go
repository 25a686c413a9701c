package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
)

// options are the flags every camera command shares.
type options struct {
	json          bool
	https         bool
	http          bool
	acceptNewCert bool
	timeout       time.Duration
	journal       string
	session       string
	user          string
}

// flagSet is one command's flags. Help lists them from here, with their
// usage and defaults, in the order they were defined, so the help cannot
// drift from what is parsed.
type flagSet struct {
	*flag.FlagSet
	order []string
	// shared is how many of the first flags defined are the options every
	// camera command has: help lists them apart, after the command's own.
	shared int
}

func newCommandFlags(name string) *flagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// Errors are reported by run() in its own words; the flag package's
	// automatic usage dump would bury them.
	fs.SetOutput(io.Discard)
	return &flagSet{FlagSet: fs}
}

func (f *flagSet) BoolVar(p *bool, name string, value bool, usage string) {
	f.FlagSet.BoolVar(p, name, value, usage)
	f.order = append(f.order, name)
}

func (f *flagSet) StringVar(p *string, name, value, usage string) {
	f.FlagSet.StringVar(p, name, value, usage)
	f.order = append(f.order, name)
}

func (f *flagSet) DurationVar(p *time.Duration, name string, value time.Duration, usage string) {
	f.FlagSet.DurationVar(p, name, value, usage)
	f.order = append(f.order, name)
}

func (f *flagSet) Var(v flag.Value, name, usage string) {
	f.FlagSet.Var(v, name, usage)
	f.order = append(f.order, name)
}

// Usage texts of flags that more than one command defines. A name in
// back quotes is the placeholder help shows after the flag (the flag
// package's convention).
const (
	jsonUsage    = "Print the result as JSON on standard output; messages go to standard error."
	journalUsage = "Record what was done in `FILE` instead of the usual journal."
	sessionUsage = "Tick the camera's steps in the handover session `NAME` (see \"openipu-cli session\")."
	logInUsage   = "Log in as the administrator account `NAME`; its password is asked for."
	noWaitUsage  = "Do not wait for the camera to come back."
	waitUsage    = "How long to wait for the camera to come back; large PTZ models can be slow."
)

// newFlagSet makes the flag set of one camera command with the shared
// flags. A command that logs in or creates an account passes what its
// --user means; the others pass "".
func newFlagSet(name string, o *options, userUsage string) *flagSet {
	fs := newCommandFlags(name)
	fs.BoolVar(&o.json, "json", false, jsonUsage)
	fs.BoolVar(&o.https, "https", false, "Use HTTPS only (the same as writing the address as https://HOST).")
	fs.BoolVar(&o.http, "http", false, "Use plain HTTP, and send passwords over it. Anyone on the network can read "+
		"what is sent this way: use it only on a network you trust, for a camera that offers no HTTPS.")
	fs.BoolVar(&o.acceptNewCert, "accept-new-certificate", false, "The camera was reset to factory settings without "+
		"this program watching it come back (with its control button, or after factory-default --no-wait), so its "+
		"secure certificate is new: accept it, but only if the camera says it has factory settings. On a camera "+
		"that has a password this changes nothing: a changed certificate is refused, because someone may be "+
		"imitating the camera.")
	fs.DurationVar(&o.timeout, "timeout", 10*time.Second, "Give up on a camera that does not answer within this time.")
	fs.StringVar(&o.journal, "journal", "", journalUsage)
	fs.StringVar(&o.session, "session", "", sessionUsage)
	fs.shared = len(fs.order)
	if userUsage != "" {
		fs.StringVar(&o.user, "user", "", userUsage)
	}
	return fs
}

// passwordFlags are refused with an explanation rather than "not defined",
// because someone who tries them deserves to know why there is no such flag.
var passwordFlags = []string{"password", "pass", "passwd", "pwd"}

// parseArgs parses flags that may come before or after the positional
// arguments (the camera address), as people type them in either order. A
// "--" ends the flags.
func parseArgs(fs *flagSet, args []string) ([]string, error) {
	for _, a := range args {
		if a == "--" {
			break
		}
		name := strings.TrimLeft(a, "-")
		if name == a {
			continue
		}
		name, _, _ = strings.Cut(name, "=")
		for _, p := range passwordFlags {
			if strings.EqualFold(name, p) {
				return nil, usageErrorf("there is no --%s option, on purpose: a password typed on the command line stays in the shell's history and can be seen by other programs on this computer. "+
					"Type it when asked, or send it on standard input (for example from a password manager)", p)
			}
		}
	}

	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageErrorf("%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// parseTarget parses a camera command's flags (before or after the
// address), takes --json into effect for the output, and returns the one
// camera address given.
func (c *cli) parseTarget(fs *flagSet, o *options, args []string) (string, error) {
	pos, err := parseArgs(fs, args)
	if err != nil {
		return "", err
	}
	c.json = o.json
	return oneTarget(pos)
}

// oneTarget checks that exactly one camera address was given.
func oneTarget(positional []string) (string, error) {
	switch len(positional) {
	case 0:
		return "", usageErrorf("give the camera's address, for example 192.168.0.90")
	case 1:
		return positional[0], nil
	default:
		// The extra words are not repeated back: one of them may be a
		// password typed where it does not belong.
		return "", usageErrorf("give one camera address; %d words were given where the address goes", len(positional))
	}
}

// stringList is a repeatable flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// usageError is a mistake in how the program was called: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// isSet reports whether the flag name was given, rather than left at its
// default.
func isSet(fs *flagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}
