package hostaddr

import (
	"context"
	"errors"
	"net/netip"
	"os/exec"
	"runtime"
	"sync"
	"time"

	"github.com/openipu/openipu/core/systool"
)

// commandTimeout bounds one run of a system tool: adding an address is
// instant, and a tool that hangs (waiting for a prompt nobody sees) must
// not hold the window.
const commandTimeout = 15 * time.Second

// System adds addresses with the tool this computer's system ships (ip,
// netsh, ifconfig). The zero value is ready to use.
type System struct {
	// GOOS is the system whose tools to use (runtime.GOOS when empty).
	GOOS string
	// Run runs one tool and returns what it printed (exec when nil). Tests
	// set it to run the tool inside a network namespace.
	Run func(ctx context.Context, name string, args ...string) ([]byte, error)
}

var _ Adder = System{}

// Add gives iface the address p.
func (s System) Add(ctx context.Context, iface string, p netip.Prefix) (Added, error) {
	goos := s.GOOS
	if goos == "" {
		goos = runtime.GOOS
	}
	add, remove, ok := commands(goos, iface, p)
	fail := func(op string, k Kind, detail string, err error) *Error {
		return &Error{Kind: k, Op: op, Addr: p.Addr().String(), Interface: iface, Detail: detail, Err: err}
	}
	if !ok {
		return nil, fail("add", NotPossible, "no known tool on "+goos, nil)
	}
	if err := s.run(ctx, add); err != nil {
		return nil, s.failure(ctx, "add", err, fail)
	}
	return &added{s: s, cmd: remove, fail: fail}, nil
}

// toolError is a tool that ran and failed, with what it printed.
type toolError struct {
	out string
	err error
}

func (e *toolError) Error() string { return e.err.Error() }
func (e *toolError) Unwrap() error { return e.err }

func (s System) run(ctx context.Context, c command) error {
	run := s.Run
	if run == nil {
		run = func(ctx context.Context, name string, args ...string) ([]byte, error) {
			return systool.Run(ctx, commandTimeout, name, args...)
		}
	}
	out, err := run(ctx, c.name, c.args...)
	if err != nil {
		return &toolError{out: string(out), err: err}
	}
	return nil
}

func (s System) failure(ctx context.Context, op string, err error, fail func(string, Kind, string, error) *Error) error {
	if ctx.Err() != nil {
		return fail(op, Canceled, "", ctx.Err())
	}
	if errors.Is(err, exec.ErrNotFound) {
		return fail(op, NotPossible, "the system tool is missing", err)
	}
	var te *toolError
	if errors.As(err, &te) {
		k, detail := classify(te.out)
		return fail(op, k, detail, te.err)
	}
	return fail(op, Unknown, "", err)
}

// added is an address System added.
type added struct {
	s    System
	cmd  command
	fail func(string, Kind, string, error) *Error
	once sync.Once
	err  error
}

// Remove takes the address away. It runs even when ctx has ended, bounded by
// its own timeout: an address left behind would keep this computer on the
// camera's network after the window closed.
func (a *added) Remove(ctx context.Context) error {
	a.once.Do(func() {
		rctx := context.WithoutCancel(ctx)
		if err := a.s.run(rctx, a.cmd); err != nil {
			a.err = a.s.failure(rctx, "remove", err, a.fail)
		}
	})
	return a.err
}
