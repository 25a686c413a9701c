package handover

import (
	"sync"

	"github.com/openipu/openipu/core/journal"
)

// Live is the session being worked in: every change is applied under a
// lock and saved before the call returns, and listeners hear of it. Safe
// for concurrent use: a bulk workflow records from many goroutines.
type Live struct {
	st *Store

	mu        sync.Mutex
	s         Session
	listeners map[int]func(Session)
	nextID    int
}

func newLive(st *Store, s Session) *Live {
	if s.Format == 0 {
		s.Format = FormatVersion
	}
	return &Live{st: st, s: s, listeners: map[int]func(Session){}}
}

// Session returns a copy of the session as it is now.
func (l *Live) Session() Session {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.s.clone()
}

// ID is the session's ID.
func (l *Live) ID() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.s.ID
}

// Store is where the session is kept.
func (l *Live) Store() *Store { return l.st }

// OnChange calls fn with a copy of the session after every saved change,
// from the goroutine that made it, until the returned function is called.
func (l *Live) OnChange(fn func(Session)) (stop func()) {
	l.mu.Lock()
	id := l.nextID
	l.nextID++
	l.listeners[id] = fn
	l.mu.Unlock()
	return func() {
		l.mu.Lock()
		delete(l.listeners, id)
		l.mu.Unlock()
	}
}

// change runs edit on the session and, when it changed something, saves
// it and tells the listeners. A save that fails keeps the change in
// memory, so the next change saves it too, and is returned.
func (l *Live) change(edit func(s *Session) (bool, error)) error {
	l.mu.Lock()
	changed, err := edit(&l.s)
	if err != nil || !changed {
		l.mu.Unlock()
		return err
	}
	l.s.Updated = l.st.now()
	err = l.st.save(&l.s)
	snap := l.s.clone()
	fns := make([]func(Session), 0, len(l.listeners))
	for _, fn := range l.listeners {
		fns = append(fns, fn)
	}
	l.mu.Unlock()
	for _, fn := range fns {
		fn(snap)
	}
	return err
}

// Append applies a journal entry to the checklist: this makes a Live
// session a workflow recorder, so what a workflow does ticks its step.
func (l *Live) Append(e journal.Entry) error {
	if e.Time.IsZero() {
		e.Time = l.st.now()
	}
	return l.change(func(s *Session) (bool, error) { return s.apply(e), nil })
}

// Found adds a camera discovery found, or refreshes what is known of it.
func (l *Live) Found(f Sighting) error {
	if f.At.IsZero() {
		f.At = l.st.now()
	}
	return l.change(func(s *Session) (bool, error) { return s.found(f), nil })
}

// MarkDone ticks a step done outside OpenIPU, with the user's note
// (required) saying how.
func (l *Live) MarkDone(mac string, step Step, note string) error {
	return l.change(func(s *Session) (bool, error) {
		return true, s.markDone(mac, step, note, l.st.now())
	})
}

// Undo clears a step ticked by mistake.
func (l *Live) Undo(mac string, step Step) error {
	return l.change(func(s *Session) (bool, error) { return true, s.undo(mac, step) })
}

// Exclude leaves a camera out of the handover for reason (required), or,
// with exclude false, takes it back in.
func (l *Live) Exclude(mac string, exclude bool, reason string) error {
	return l.change(func(s *Session) (bool, error) { return true, s.exclude(mac, exclude, reason) })
}

// Describe sets a camera's name and location in the session.
func (l *Live) Describe(mac, name, location string) error {
	return l.change(func(s *Session) (bool, error) {
		return true, s.describe(mac, name, location, l.st.now())
	})
}

// SetPeople sets the site name, who hands over and who receives.
func (l *Live) SetPeople(site, by, to string) error {
	site, by, to = clean(site), clean(by), clean(to)
	if site == "" {
		return &Error{Kind: NoSite}
	}
	if err := checkLen(site, by, to); err != nil {
		return err
	}
	return l.change(func(s *Session) (bool, error) {
		s.Site, s.HandedOverBy, s.ReceivedBy = site, by, to
		return true, nil
	})
}

// SetPaper sets the report's paper size: "A4", "Letter" or "" (by region).
func (l *Live) SetPaper(paper string) error {
	switch paper {
	case "", "A4", "Letter":
	default:
		paper = ""
	}
	return l.change(func(s *Session) (bool, error) { s.Paper = paper; return true, nil })
}

// Active is the session the program works in now, which the user may
// switch or close while workflows run: a recorder that passes each entry
// to whichever session is active when the entry is written, or to none.
// Safe for concurrent use.
type Active struct {
	mu   sync.Mutex
	live *Live
}

// Set makes l the active session (nil: none).
func (a *Active) Set(l *Live) {
	a.mu.Lock()
	a.live = l
	a.mu.Unlock()
}

// Live is the active session, nil when none is.
func (a *Active) Live() *Live {
	if a == nil {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.live
}

// Append implements the workflow recorder: the entry ticks the active
// session's checklist, if a session is active.
func (a *Active) Append(e journal.Entry) error {
	if l := a.Live(); l != nil {
		return l.Append(e)
	}
	return nil
}
