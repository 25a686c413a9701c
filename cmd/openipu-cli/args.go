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
	user          string
}

// newFlagSet makes the flag set of one subcommand with the shared flags.
// withUser adds --user, which every command that logs in needs.
func newFlagSet(name string, o *options, withUser bool) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// Errors are reported by run() in its own words; the flag package's
	// automatic usage dump would bury them.
	fs.SetOutput(io.Discard)
	fs.BoolVar(&o.json, "json", false, "")
	fs.BoolVar(&o.https, "https", false, "")
	fs.BoolVar(&o.http, "http", false, "")
	fs.BoolVar(&o.acceptNewCert, "accept-new-certificate", false, "")
	fs.DurationVar(&o.timeout, "timeout", 10*time.Second, "")
	fs.StringVar(&o.journal, "journal", "", "")
	if withUser {
		fs.StringVar(&o.user, "user", "", "")
	}
	return fs
}

// passwordFlags are refused with an explanation rather than "not defined",
// because someone who tries them deserves to know why there is no such flag.
var passwordFlags = []string{"password", "pass", "passwd", "pwd"}

// parseArgs parses flags that may come before or after the positional
// arguments (the camera address), as people type them in either order. A
// "--" ends the flags.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
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
func (c *cli) parseTarget(fs *flag.FlagSet, o *options, args []string) (string, error) {
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
