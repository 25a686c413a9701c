package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
)

// say prints a line for the person at the terminal. With --json it goes to
// stderr so that stdout stays one JSON document.
func (c *cli) say(format string, args ...any) {
	w := c.stdout
	if c.json {
		w = c.stderr
	}
	fmt.Fprintf(w, format+"\n", args...)
}

// progress prints a line about work still going on; always on stderr.
func (c *cli) progress(format string, args ...any) {
	fmt.Fprintf(c.stderr, format+"\n", args...)
}

// emit writes the JSON result document when --json was given.
func (c *cli) emit(v any) {
	if !c.json {
		return
	}
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// problem is the explanation of err, with cancellation recognised whatever
// layer noticed it first.
func problem(ctx context.Context, err error) usermsg.Problem {
	if ctx.Err() != nil || errors.Is(err, context.Canceled) {
		return (&vapix.Error{Kind: vapix.Canceled}).Explain()
	}
	p, _ := usermsg.Explain(err)
	return p
}

// explain prints what went wrong and what to do, in plain words, on stderr;
// with --json also as a document on stdout.
func (c *cli) explain(ctx context.Context, err error) {
	p := problem(ctx, err)
	fmt.Fprintln(c.stderr, p.What.String())
	fmt.Fprintln(c.stderr, p.Next.String())
	jp := jsonProblem{Key: p.What.Key, What: p.What.String(), Next: p.Next.String()}
	var n *withNote
	if errors.As(err, &n) {
		jp.Note = n.note
	} else {
		jp.Note = flagNote(err)
	}
	if jp.Note != "" {
		fmt.Fprintln(c.stderr, jp.Note)
	}
	c.emit(jsonFailure{Error: jp})
}

// flagNote is the command line's own way out of a refusal, where there is
// one that is safe to offer.
func flagNote(err error) string {
	switch {
	case workflow.KindOf(err) == workflow.Unencrypted:
		return "To send it unencrypted anyway, on a network you trust, add --http."
	case vapix.KindOf(err) == vapix.CertificateReset:
		return "If you reset this camera yourself, run the command again with --accept-new-certificate: the new certificate is accepted only because the camera says it has factory settings."
	}
	return ""
}

type jsonFailure struct {
	OK    bool        `json:"ok"`
	Error jsonProblem `json:"error"`
}

type jsonProblem struct {
	Key  string `json:"key"`
	What string `json:"what"`
	Next string `json:"next"`
	Note string `json:"note,omitempty"`
}
