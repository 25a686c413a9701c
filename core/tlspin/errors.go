package tlspin

import (
	"fmt"

	"github.com/openipu/openipu/core/usermsg"
)

// Kind says why the certificate list could not be used.
type Kind int

// The kinds of failure.
const (
	// CannotRead: the file exists but could not be read (permissions, a
	// disk error), or its lock could not be taken.
	CannotRead Kind = iota
	// CannotWrite: a pin could not be saved.
	CannotWrite
	// Damaged: the file is not a certificate list this program wrote (not
	// JSON, a null or missing list, a key that is not a MAC address, a
	// fingerprint that is not one). It was renamed to SetAside, so the next
	// run starts a new list instead of stumbling on it again.
	Damaged
	// DamagedKept is Damaged where the file could not be renamed; it is
	// still in place and the user has to move it.
	DamagedKept
	// Newer: the file says it was written by a later version of this
	// program. It is left alone: moving it aside would make that version
	// lose its pins.
	Newer
	// NotMAC: a pin was to be stored for a serial number that is not a MAC
	// address. An Axis camera's serial is its MAC; anything else cannot be
	// tied to a camera and is not remembered.
	NotMAC
)

var kindNames = [...]string{
	CannotRead: "cannot read", CannotWrite: "cannot write", Damaged: "damaged, set aside",
	DamagedKept: "damaged", Newer: "written by a newer version", NotMAC: "serial is not a MAC address",
}

func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Error makes a Kind usable as an errors.Is target.
func (k Kind) Error() string { return k.String() }

// Error is a certificate list that could not be read or written, or a pin
// that was refused.
type Error struct {
	Kind Kind
	// Path is the certificate list.
	Path string
	// SetAside is where a Damaged file now is.
	SetAside string
	// Err is the technical cause. For a damaged file it names what was
	// wrong, with any text taken from the file quoted and escaped.
	Err error
}

func (e *Error) Error() string {
	s := "certificate list " + e.Path + ": " + e.Kind.String()
	if e.SetAside != "" {
		s += " as " + e.SetAside
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Is lets errors.Is(err, tlspin.Damaged) match.
func (e *Error) Is(target error) bool {
	k, ok := target.(Kind)
	return ok && k == e.Kind
}

// Explain implements usermsg.Explainer.
func (e *Error) Explain() usermsg.Problem {
	return usermsg.Lookup(messages, e.Kind, CannotRead, map[string]any{"Path": e.Path, "SetAside": e.SetAside})
}

var messages = map[Kind][2]usermsg.Message{
	CannotRead: {
		{Key: "tlspin.cannot_read", Text: "The list of known camera certificates at {{.Path}} could not be read."},
		{Key: "tlspin.cannot_read.next", Text: "Check that you may open and save files in that folder, then try again. Without the list, a camera cannot be told apart from a device pretending to be it."},
	},
	CannotWrite: {
		{Key: "tlspin.cannot_write", Text: "The camera's certificate could not be saved in the list at {{.Path}}."},
		{Key: "tlspin.cannot_write.next", Text: "Check that you may save files in that folder and that the disk is not full, then try again."},
	},
	Damaged: {
		{Key: "tlspin.damaged", Text: "The list of known camera certificates at {{.Path}} is damaged or was not written by OpenIPU, so it was not used. It was moved to {{.SetAside}}."},
		{Key: "tlspin.damaged.next", Text: "Try again: a new, empty list is started. As no camera's certificate is known in it, each camera is trusted as it is the next time it answers, so do that on a network you trust. If you did not change the file yourself, keep the moved file: someone may have tampered with it."},
	},
	DamagedKept: {
		{Key: "tlspin.damaged_kept", Text: "The list of known camera certificates at {{.Path}} is damaged or was not written by OpenIPU, so it was not used, and it could not be moved out of the way."},
		{Key: "tlspin.damaged_kept.next", Text: "Move that file somewhere else yourself, then try again. No camera's certificate is known after that, so each camera is trusted as it is the next time it answers: do that on a network you trust."},
	},
	Newer: {
		{Key: "tlspin.newer", Text: "The list of known camera certificates at {{.Path}} was written by a newer version of OpenIPU, which this version cannot read. The file was left as it is."},
		{Key: "tlspin.newer.next", Text: "Use the newer version of OpenIPU."},
	},
	NotMAC: {
		{Key: "tlspin.not_mac", Text: "The device reported a serial number that is not a MAC address, so its certificate cannot be tied to a camera."},
		{Key: "tlspin.not_mac.next", Text: "An Axis camera reports its MAC address as its serial number. Do not give this device a password: check that the address belongs to the camera you mean."},
	},
}

// Messages lists every message a certificate list error can show a user,
// for translators and for the test that keeps the English catalogue
// complete.
func Messages() []usermsg.Message {
	return usermsg.Catalogue(messages)
}
