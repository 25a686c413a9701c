package handover

import (
	"slices"
	"strings"
	"time"
)

// FormatVersion is the session file format this program writes. A file
// with a higher number was written by a newer OpenIPU and is set aside, not
// read, so that this program cannot lose what it does not understand.
const FormatVersion = 1

// Step is one line of a camera's checklist.
type Step string

// The checklist, in the order it is shown and done.
const (
	Found    Step = "found"    // how and where the camera was found
	Backup   Step = "backup"   // settings saved to a file before a reset
	Reset    Step = "reset"    // factory default: soft, hard or physical
	Password Step = "password" // first password set and verified by logging in again
	Name     Step = "name"     // name and location given (and written to the camera)
	Network  Step = "network"  // network settings set
	Clock    Step = "clock"    // clock checked, or set to follow NTP or this computer
	Firmware Step = "firmware" // firmware version recorded
	Snapshot Step = "snapshot" // one still image taken at handover
)

// Steps lists every step in checklist order.
var Steps = []Step{Found, Backup, Reset, Password, Name, Network, Clock, Firmware, Snapshot}

// Required reports whether a camera counts as handed over only when s is
// done. A settings backup and a reset are only needed for a camera that
// was in use before, so they are shown but not required.
func (s Step) Required() bool { return s != Backup && s != Reset }

// Valid reports whether s is one of Steps.
func (s Step) Valid() bool { return slices.Contains(Steps, s) }

// Tick is the state of one step of one camera.
type Tick struct {
	Done bool      `json:"done,omitempty"`
	At   time.Time `json:"at,omitzero"`
	// Manual says the user ticked it by hand: done outside OpenIPU.
	Manual bool `json:"manual,omitempty"`
	// Note is the user's word on a step ticked by hand (required then).
	Note string `json:"note,omitempty"`
	// Detail qualifies what was done, in the journal's words: "hard",
	// "10.0.0.5/24 gw 10.0.0.1", a backup file, an NTP server.
	Detail string `json:"detail,omitempty"`
	// User is the account the password step created (a NAME, never the
	// password).
	User string `json:"user,omitempty"`
	// ClockOffsetMS is how far the camera's clock was ahead of this
	// computer's (negative: behind) when last read.
	ClockOffsetMS int64 `json:"clock_offset_ms,omitempty"`
	// ClockRead says ClockOffsetMS was measured (an offset of 0 is one).
	ClockRead bool `json:"clock_read,omitempty"`
	// FailedAt and FailedKey are the last attempt that failed, when no
	// attempt succeeded after it: the message key of what went wrong.
	FailedAt  time.Time `json:"failed_at,omitzero"`
	FailedKey string    `json:"failed_key,omitempty"`
}

// Failed reports whether the step's last attempt failed.
func (t Tick) Failed() bool { return !t.FailedAt.IsZero() && (!t.Done || t.FailedAt.After(t.At)) }

// Camera is one camera of the site with its checklist.
type Camera struct {
	MAC      string `json:"mac"` // 12 uppercase hex digits: what the camera is known by
	Serial   string `json:"serial,omitempty"`
	Model    string `json:"model,omitempty"`
	Firmware string `json:"firmware,omitempty"`
	// Address is where the camera was last reached.
	Address string `json:"address,omitempty"`
	// Name and Location are the user's words for the camera ("Entrance",
	// "car park, north wall").
	Name     string `json:"name,omitempty"`
	Location string `json:"location,omitempty"`
	// Excluded marks a camera that is not part of this handover, for the
	// reason given.
	Excluded       bool   `json:"excluded,omitempty"`
	ExcludedReason string `json:"excluded_reason,omitempty"`
	// How the camera was found, in parts, to say it in any language:
	// the ways ("Bonjour, UPnP"), the connections ("eth0"), the router
	// that announced it, or the address the user gave.
	FoundVia    string `json:"found_via,omitempty"`
	FoundOn     string `json:"found_on,omitempty"`
	AnnouncedBy string `json:"announced_by,omitempty"`
	FoundGiven  string `json:"found_given,omitempty"`
	// SnapshotFile is the still image's file name in the session's
	// snapshot folder.
	SnapshotFile string `json:"snapshot_file,omitempty"`
	// Steps holds one Tick per step that was attempted or done.
	Steps map[Step]Tick `json:"steps,omitempty"`
}

// Tick returns the camera's state for step s (the zero Tick if none).
func (c Camera) Tick(s Step) Tick { return c.Steps[s] }

// HandedOver reports whether every required step of c is done.
func (c Camera) HandedOver() bool {
	for _, s := range Steps {
		if s.Required() && !c.Steps[s].Done {
			return false
		}
	}
	return true
}

// Open lists the required steps of c that are not done yet.
func (c Camera) Open() []Step {
	var out []Step
	for _, s := range Steps {
		if s.Required() && !c.Steps[s].Done {
			out = append(out, s)
		}
	}
	return out
}

// Label is how the camera is named in lists: its name, else its model
// and serial.
func (c Camera) Label() string {
	if c.Name != "" {
		return c.Name
	}
	return strings.TrimSpace(c.Model + " " + c.Serial)
}

// Session is one handover: a site and its cameras.
type Session struct {
	Format int    `json:"format"`
	ID     string `json:"id"`
	// Site names the place ("Östra Hamngatan 7, block B").
	Site string `json:"site"`
	// HandedOverBy and ReceivedBy name the people (or companies).
	HandedOverBy string    `json:"handed_over_by,omitempty"`
	ReceivedBy   string    `json:"received_by,omitempty"`
	Created      time.Time `json:"created"`
	Updated      time.Time `json:"updated"`
	// Paper is the report's paper size: "A4", "Letter", or "" for the
	// one the user's region uses.
	Paper   string   `json:"paper,omitempty"`
	Cameras []Camera `json:"cameras,omitempty"`
}

// Camera returns the camera with mac and whether it is in the session.
func (s Session) Camera(mac string) (Camera, bool) {
	if i := s.index(mac); i >= 0 {
		return s.Cameras[i], true
	}
	return Camera{}, false
}

func (s Session) index(mac string) int {
	return slices.IndexFunc(s.Cameras, func(c Camera) bool { return c.MAC == mac })
}

// Progress counts the cameras that are part of the handover and how many
// of them are handed over.
func (s Session) Progress() (done, total int) {
	for _, c := range s.Cameras {
		if c.Excluded {
			continue
		}
		total++
		if c.HandedOver() {
			done++
		}
	}
	return done, total
}

// FirmwareMix lists, for each model of the handover's cameras that runs
// more than one firmware version, the versions seen (sorted). Commissioning
// wants one version per model on a site; different models run different
// firmware lines, so they are not compared with each other.
func (s Session) FirmwareMix() map[string][]string {
	seen := map[string][]string{}
	for _, c := range s.Cameras {
		if c.Excluded || c.Firmware == "" {
			continue
		}
		if !slices.Contains(seen[c.Model], c.Firmware) {
			seen[c.Model] = append(seen[c.Model], c.Firmware)
		}
	}
	out := map[string][]string{}
	for model, v := range seen {
		if len(v) > 1 {
			slices.Sort(v)
			out[model] = v
		}
	}
	return out
}

// FirmwareDiffers reports whether c's firmware is one of several versions
// its model runs on this site.
func (s Session) FirmwareDiffers(c Camera) bool {
	_, mixed := s.FirmwareMix()[c.Model]
	return mixed && !c.Excluded
}

// clone is a deep copy, so that a Session handed out cannot be changed
// under the Live session that keeps it, nor the other way round.
func (s Session) clone() Session {
	s.Cameras = slices.Clone(s.Cameras)
	for i := range s.Cameras {
		if s.Cameras[i].Steps != nil {
			m := make(map[Step]Tick, len(s.Cameras[i].Steps))
			for k, v := range s.Cameras[i].Steps {
				m[k] = v
			}
			s.Cameras[i].Steps = m
		}
	}
	return s
}
