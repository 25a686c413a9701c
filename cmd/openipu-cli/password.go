package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxPasswordLine bounds what is read from standard input. Camera passwords
// are at most 64 characters; a longer first line is a mistake (a whole file
// piped in), not a password.
const maxPasswordLine = 1024

// password gets a password from the person or the script running us: typed
// at a terminal without echo (twice when confirm is set), or else the first
// line of standard input. Never from the command line or the environment,
// where other programs and shell histories can read it.
func (c *cli) password(ctx context.Context, user string, confirm bool) (string, error) {
	if c.isTerminal == nil || !c.isTerminal() || c.readPassword == nil {
		return c.passwordFromStdin(ctx)
	}
	pw, err := c.prompt(ctx, fmt.Sprintf("Password for %s: ", user))
	if err != nil {
		return "", err
	}
	if pw == "" {
		return "", &badInput{err: errNoPassword}
	}
	if confirm {
		again, err := c.prompt(ctx, "Type the same password again: ")
		if err != nil {
			return "", err
		}
		if again != pw {
			return "", &badInput{err: errPasswordMismatch}
		}
	}
	return pw, nil
}

type lineResult struct {
	line string
	err  error
}

// prompt reads one line without echo. The read runs aside so that Ctrl-C is
// honoured at once; main restores the terminal's echo on the way out.
func (c *cli) prompt(ctx context.Context, text string) (string, error) {
	fmt.Fprint(c.stderr, text)
	ch := make(chan lineResult, 1)
	go func() {
		b, err := c.readPassword()
		ch <- lineResult{string(b), err}
	}()
	select {
	case <-ctx.Done():
		fmt.Fprintln(c.stderr)
		return "", ctx.Err()
	case r := <-ch:
		// The Enter key was not echoed either.
		fmt.Fprintln(c.stderr)
		if r.err != nil {
			return "", fmt.Errorf("read the password from the terminal: %w", r.err)
		}
		return r.line, nil
	}
}

func (c *cli) passwordFromStdin(ctx context.Context) (string, error) {
	ch := make(chan lineResult, 1)
	go func() {
		line, err := firstLine(c.stdin)
		ch <- lineResult{line, err}
	}()
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case r := <-ch:
		if r.err != nil {
			return "", r.err
		}
		return r.line, nil
	}
}

// firstLine returns the first line of r without its line ending. Spaces are
// kept: they are valid in camera passwords.
func firstLine(r io.Reader) (string, error) {
	if r == nil {
		return "", &badInput{err: errNoPassword}
	}
	br := bufio.NewReaderSize(io.LimitReader(r, maxPasswordLine+1), maxPasswordLine+1)
	line, err := br.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read the password from standard input: %w", err)
	}
	if len(line) > maxPasswordLine {
		return "", &badInput{err: errPasswordLineTooLong}
	}
	line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if line == "" {
		return "", &badInput{err: errNoPassword}
	}
	return line, nil
}
