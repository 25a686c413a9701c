package handover

import (
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/openipu/openipu/core/journal"
)

// maxText bounds every text a user or a device puts in a session (names,
// notes, reasons), so a pasted novel or a hostile device's reply cannot
// bloat the file that is rewritten on every change.
const maxText = 500

// Sighting is what discovery knew of a camera when it was found.
type Sighting struct {
	MAC, Serial, Model, Firmware, Address string
	// How it was found: the ways ("Bonjour, UPnP"), on which connections
	// ("eth0"), announced by which router, or at the address the user
	// gave (Given).
	Via, On, AnnouncedBy, Given string
	At                          time.Time
}

// how is the Found step's detail in English, as the journal and the CSV
// keep details.
func (f Sighting) how() string {
	c := Camera{FoundVia: f.Via, FoundOn: f.On, AnnouncedBy: f.AnnouncedBy, FoundGiven: f.Given}
	return DetailMessage(c, Found).String()
}

// found adds the camera or refreshes what is known of it, and ticks its
// Found and Firmware steps. It reports whether anything changed.
func (s *Session) found(f Sighting) bool {
	mac := strings.ToUpper(f.MAC)
	if !validMAC(mac) {
		return false
	}
	i := s.index(mac)
	if i < 0 {
		s.Cameras = append(s.Cameras, Camera{MAC: mac})
		i = len(s.Cameras) - 1
	}
	c := &s.Cameras[i]
	before := c.clone()
	setIf(&c.Serial, cut(f.Serial))
	setIf(&c.Model, cut(f.Model))
	setIf(&c.Firmware, cut(f.Firmware))
	setIf(&c.Address, cut(f.Address))
	if !c.Steps[Found].Done {
		c.FoundVia, c.FoundOn, c.AnnouncedBy, c.FoundGiven = cut(f.Via), cut(f.On), cut(f.AnnouncedBy), cut(f.Given)
		c.tick(Found, Tick{Done: true, At: f.At, Detail: cut(f.how())})
	}
	if c.Firmware != "" && c.Steps[Firmware].Detail != c.Firmware {
		c.tick(Firmware, Tick{Done: true, At: f.At, Detail: c.Firmware})
	}
	// before is a copy of the same values, so times compare as they are.
	return !reflect.DeepEqual(before, *c)
}

// apply ticks the step a journal entry is about. Entries of cameras not
// yet in the session add them: a command-line run on one camera is found
// by the address the user typed. It reports whether anything changed.
func (s *Session) apply(e journal.Entry) bool {
	step, ok := stepOf(e.Action)
	if !ok || !validMAC(e.Camera.MAC) {
		return false
	}
	changed := s.found(Sighting{
		MAC: e.Camera.MAC, Serial: e.Camera.Serial, Model: e.Camera.Model, Firmware: e.Camera.Firmware,
		Address: e.Camera.Host, Given: e.Camera.Host, At: e.Time,
	})
	c := &s.Cameras[s.index(e.Camera.MAC)]
	t := c.Steps[step]
	switch e.Outcome {
	case journal.Done:
		t = Tick{Done: true, At: e.Time, Detail: cut(e.Detail), User: e.User}
		switch e.Action {
		case journal.CheckClock, journal.SetClock:
			t.ClockOffsetMS, t.ClockRead = e.ClockOffsetMS, true
			if e.Action == journal.CheckClock {
				// Reading the clock is not setting it: keep how it was
				// set, if it was.
				if old := c.Steps[Clock]; old.Done && old.Detail != "" {
					t.Detail = old.Detail
				}
			}
		case journal.SetIP:
			if addr := addressOf(e.Detail); addr != "" {
				c.Address = addr
			}
		case journal.SetName:
			// The detail is "name" or "name – location" as written.
		case journal.PhysicalReset:
			t.Detail = detailPhysical
		}
	case journal.Failed:
		t.FailedAt, t.FailedKey = e.Time, e.ErrorKey
	default:
		return changed
	}
	c.tick(step, t)
	return true
}

// stepOf maps a journal action to the checklist step it does.
func stepOf(a journal.Action) (Step, bool) {
	switch a {
	case journal.SetPassword:
		return Password, true
	case journal.FactoryDefault, journal.PhysicalReset:
		return Reset, true
	case journal.SetIP:
		return Network, true
	case journal.Backup:
		return Backup, true
	case journal.SetName:
		return Name, true
	case journal.CheckClock, journal.SetClock:
		return Clock, true
	case journal.Snapshot:
		return Snapshot, true
	}
	return "", false
}

// addressOf takes the address out of a SetIP detail ("10.0.0.5/24 gw
// 10.0.0.1" or "DHCP"): the first word, without its prefix length.
func addressOf(detail string) string {
	f := strings.Fields(detail)
	if len(f) == 0 || strings.EqualFold(f[0], "dhcp") {
		return ""
	}
	a, _, _ := strings.Cut(f[0], "/")
	return a
}

// markDone ticks step by hand, with the user's note.
func (s *Session) markDone(mac string, step Step, note string, at time.Time) error {
	if !step.Valid() {
		return &Error{Kind: UnknownStep, Name: string(step)}
	}
	note = clean(note)
	if note == "" {
		return &Error{Kind: NoteRequired}
	}
	if err := checkLen(note); err != nil {
		return err
	}
	i := s.index(mac)
	if i < 0 {
		return &Error{Kind: UnknownCamera, Name: mac}
	}
	s.Cameras[i].tick(step, Tick{Done: true, At: at, Manual: true, Note: note})
	return nil
}

// undo clears a step, for a tick made by mistake.
func (s *Session) undo(mac string, step Step) error {
	i := s.index(mac)
	if i < 0 {
		return &Error{Kind: UnknownCamera, Name: mac}
	}
	delete(s.Cameras[i].Steps, step)
	return nil
}

// exclude leaves a camera out of the handover (reason required), or takes
// it back in (exclude false).
func (s *Session) exclude(mac string, exclude bool, reason string) error {
	i := s.index(mac)
	if i < 0 {
		return &Error{Kind: UnknownCamera, Name: mac}
	}
	reason = clean(reason)
	if exclude && reason == "" {
		return &Error{Kind: NoReason}
	}
	if err := checkLen(reason); err != nil {
		return err
	}
	c := &s.Cameras[i]
	c.Excluded, c.ExcludedReason = exclude, reason
	if !exclude {
		c.ExcludedReason = ""
	}
	return nil
}

// describe sets a camera's name and location as the user wrote them.
// Writing them to the camera is the SetName workflow's, which ticks the
// Name step; a name kept only here ticks it too, as the report needs the
// name, not the camera.
func (s *Session) describe(mac, name, location string, at time.Time) error {
	i := s.index(mac)
	if i < 0 {
		return &Error{Kind: UnknownCamera, Name: mac}
	}
	name, location = clean(name), clean(location)
	if err := checkLen(name, location); err != nil {
		return err
	}
	c := &s.Cameras[i]
	c.Name, c.Location = name, location
	if name != "" && !c.Steps[Name].Done {
		c.tick(Name, Tick{Done: true, At: at, Detail: detailNameKept})
	}
	return nil
}

func (c *Camera) tick(s Step, t Tick) {
	if c.Steps == nil {
		c.Steps = map[Step]Tick{}
	}
	if t.Done && t.FailedAt.IsZero() {
		// A success clears the failure before it; a failure after a
		// success keeps the success and shows the failure beside it.
		t.FailedKey = ""
	}
	if !t.Done {
		if old := c.Steps[s]; old.Done {
			old.FailedAt, old.FailedKey = t.FailedAt, t.FailedKey
			t = old
		}
	}
	c.Steps[s] = t
}

func (c Camera) clone() Camera {
	s := Session{Cameras: []Camera{c}}.clone()
	return s.Cameras[0]
}

func setIf(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

// clean makes text from a user or a device fit for the session and the
// report: valid UTF-8, no control characters, single-line, trimmed.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029' ||
			(r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069'):
			// Controls and bidirectional overrides would let a device
			// name rewrite how the text around it reads.
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// cut is clean for what a device sends: too long is shortened, not
// refused, as the camera is still worth listing.
func cut(s string) string {
	s = clean(s)
	if utf8.RuneCountInString(s) > maxText {
		s = string([]rune(s)[:maxText])
	}
	return s
}

func checkLen(texts ...string) error {
	for _, t := range texts {
		if utf8.RuneCountInString(t) > maxText {
			return &Error{Kind: TooLong}
		}
	}
	return nil
}

func validMAC(mac string) bool {
	if len(mac) != 12 {
		return false
	}
	for _, r := range mac {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'F') {
			return false
		}
	}
	return true
}
