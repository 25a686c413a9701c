// Package journal records what OpenIPU did to which camera, one JSON line per
// operation, so that a handover checklist can later say "camera X got its
// password from admin Y at time Z" without anyone having to remember it.
//
// The journal must never hold a password. That is enforced by its shape, not
// by care at the call sites: an Entry has only named, typed fields, each with
// one documented meaning; there is no map, no "extra" bag and no field whose
// meaning is "whatever the caller wants". Append rejects entries whose fields
// do not look like what they claim to be (an unknown action or outcome, a user
// name outside the camera's own [A-Za-z0-9]{1,14} rule, an error key that is
// not a message key, a MAC that is not hex), so a secret cannot be slipped in
// through a mistaken field either. Detail is the one free-text field, and its
// documented contents (a reset mode, an address, a file path) are what callers
// put there; the program never has a password in hand where it builds one.
package journal

import (
	"errors"
	"fmt"
	"regexp"
	"time"
)

// Action is what was done to a camera.
type Action string

// The recorded actions.
const (
	SetPassword    Action = "set-password"
	FactoryDefault Action = "factory-default"
	Restart        Action = "restart"
	SetIP          Action = "set-ip"
	Backup         Action = "backup"
	// PhysicalReset is a reset done with the camera's control button,
	// seen by the guided reset when the camera came back in factory state.
	PhysicalReset Action = "physical-reset"
	// SetName is the camera's name (and location) written to it.
	SetName Action = "set-name"
	// CheckClock is the camera's clock read and compared with this
	// computer's; SetClock is the camera told how to keep time.
	CheckClock Action = "check-clock"
	SetClock   Action = "set-clock"
	// Snapshot is one still image taken from the camera for the handover.
	Snapshot Action = "snapshot"
)

// Outcome is how the action ended.
type Outcome string

// The possible outcomes.
const (
	Done     Outcome = "done"
	Failed   Outcome = "failed"
	Canceled Outcome = "canceled"
)

// Camera identifies the device an action was applied to, as far as it was
// known at the time.
type Camera struct {
	MAC      string `json:"mac,omitempty"`      // 12 uppercase hex digits
	Serial   string `json:"serial,omitempty"`   // equals the MAC on Axis devices
	Model    string `json:"model,omitempty"`    // e.g. "AXIS M1075-L"
	Firmware string `json:"firmware,omitempty"` // e.g. "12.9.57"
	Host     string `json:"host,omitempty"`     // the address the user gave
}

// Entry is one line of the journal.
type Entry struct {
	Time    time.Time `json:"time"`
	Action  Action    `json:"action"`
	Camera  Camera    `json:"camera"`
	Outcome Outcome   `json:"outcome"`
	// User is the administrator's NAME (never a password): the account that
	// was created, or the one that authorised the action.
	User string `json:"user,omitempty"`
	// Detail qualifies the action: the reset mode ("hard"), the network
	// setting ("10.0.0.5/24 gw 10.0.0.1") or the backup file's path.
	Detail string `json:"detail,omitempty"`
	// ErrorKey is the usermsg key of the problem when Outcome is Failed, so
	// the checklist can show the failure in the reader's language.
	ErrorKey string `json:"error_key,omitempty"`
	// ClockOffsetMS is, for CheckClock and SetClock, how far the camera's
	// clock was ahead of this computer's (negative: behind), in
	// milliseconds, when it was read (a number: it cannot carry text).
	ClockOffsetMS int64 `json:"clock_offset_ms,omitempty"`
}

var (
	userPattern = regexp.MustCompile(`^[A-Za-z0-9]{1,14}$`)
	keyPattern  = regexp.MustCompile(`^[a-z0-9_]+(\.[a-z0-9_]+)+$`)
	macPattern  = regexp.MustCompile(`^[0-9A-F]{12}$`)
	// detailMax is generous for a path or an address, and small enough that a
	// pasted blob of anything else does not fit.
	detailMax = 1024
)

// validate is the structural guard described in the package comment. Its
// messages never repeat the refused value: it may be the secret that was put
// in the wrong field.
func (e Entry) validate() error {
	switch e.Action {
	case SetPassword, FactoryDefault, Restart, SetIP, Backup, PhysicalReset, SetName, CheckClock, SetClock, Snapshot:
	default:
		return errors.New("journal: unknown action")
	}
	switch e.Outcome {
	case Done, Failed, Canceled:
	default:
		return errors.New("journal: unknown outcome")
	}
	if e.User != "" && !userPattern.MatchString(e.User) {
		return errors.New("journal: the user field must be an account name (1 to 14 letters and digits)")
	}
	if e.ErrorKey != "" && !keyPattern.MatchString(e.ErrorKey) {
		return errors.New("journal: the error key must be a message key such as vapix.wrong_password")
	}
	if e.Camera.MAC != "" && !macPattern.MatchString(e.Camera.MAC) {
		return errors.New("journal: the MAC must be 12 uppercase hex digits")
	}
	if len(e.Detail) > detailMax {
		return fmt.Errorf("journal: the detail is longer than %d bytes", detailMax)
	}
	return nil
}
