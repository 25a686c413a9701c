package handover

import (
	"fmt"

	"github.com/openipu/openipu/core/usermsg"
)

// Kind says why a session could not be used.
type Kind int

// The kinds of failure.
const (
	CannotWrite   Kind = iota // the session file or its folder could not be written
	CannotRead                // the session folder or file could not be read
	Corrupt                   // the file is damaged; it was set aside
	Newer                     // the file is from a newer OpenIPU; it was set aside
	NotFound                  // no session has that name
	Ambiguous                 // several sessions have that name
	NoteRequired              // a step ticked by hand needs a note
	NoReason                  // a camera left out of the handover needs a reason
	NoSite                    // a session needs a site name
	UnknownCamera             // the camera is not in the session
	UnknownStep               // no checklist step has that name
	NotImage                  // the snapshot is not a JPEG picture
	TooLong                   // a text is longer than a session allows
)

var kindNames = [...]string{
	CannotWrite: "cannot write", CannotRead: "cannot read", Corrupt: "corrupt", Newer: "newer format",
	NotFound: "not found", Ambiguous: "ambiguous", NoteRequired: "note required", NoReason: "reason required",
	NoSite: "site required", UnknownCamera: "unknown camera", UnknownStep: "unknown step", NotImage: "not an image",
	TooLong: "too long",
}

func (k Kind) String() string {
	if int(k) >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Error makes a Kind usable as an errors.Is target.
func (k Kind) Error() string { return k.String() }

// Error is a failure of a handover session.
type Error struct {
	Kind Kind
	// Name is the session (or camera, or step) concerned.
	Name string
	// Path is the file concerned; SetAside where a damaged or newer file
	// was moved to.
	Path     string
	SetAside string
	Err      error
}

func (e *Error) Error() string {
	s := "handover session: " + e.Kind.String()
	if e.Name != "" {
		s += ": " + e.Name
	}
	if e.Path != "" {
		s += ": " + e.Path
	}
	if e.SetAside != "" {
		s += " (set aside as " + e.SetAside + ")"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Is lets errors.Is(err, handover.Corrupt) match.
func (e *Error) Is(target error) bool {
	k, ok := target.(Kind)
	return ok && k == e.Kind
}

// Explain implements usermsg.Explainer.
func (e *Error) Explain() usermsg.Problem {
	return usermsg.Lookup(messages, e.Kind, CannotWrite, map[string]any{
		"Name": e.Name, "Path": e.Path, "SetAside": e.SetAside, "Max": maxText,
	})
}

var messages = map[Kind][2]usermsg.Message{
	CannotWrite: {
		{Key: "handover.cannot_write", Text: "The handover could not be saved to {{.Path}}."},
		{Key: "handover.cannot_write.next", Text: "Check that the disk is not full and that you may save files in that folder. Nothing done to the cameras is undone, and the journal still has it."},
	},
	CannotRead: {
		{Key: "handover.cannot_read", Text: "The saved handovers in {{.Path}} could not be read."},
		{Key: "handover.cannot_read.next", Text: "Check that the folder exists and that you may read it."},
	},
	Corrupt: {
		{Key: "handover.corrupt", Text: "The saved handover {{.Path}} is damaged and could not be read. It was moved aside to {{.SetAside}}; nothing was deleted."},
		{Key: "handover.corrupt.next", Text: "Start a new handover, or send the set-aside file to whoever supports OpenIPU for you."},
	},
	Newer: {
		{Key: "handover.newer", Text: "The saved handover {{.Path}} was written by a newer version of OpenIPU. It was moved aside to {{.SetAside}} so that nothing in it is lost."},
		{Key: "handover.newer.next", Text: "Open it with the newer version of OpenIPU, or start a new handover here."},
	},
	NotFound: {
		{Key: "handover.not_found", Text: "There is no handover called “{{.Name}}”."},
		{Key: "handover.not_found.next", Text: "List the handovers to see their names, or start a new one."},
	},
	Ambiguous: {
		{Key: "handover.ambiguous", Text: "More than one handover is called “{{.Name}}”."},
		{Key: "handover.ambiguous.next", Text: "Use the handover's short name (its ID) instead; the list shows it."},
	},
	NoteRequired: {
		{Key: "handover.note_required", Text: "A step marked done by hand needs a note saying how it was done."},
		{Key: "handover.note_required.next", Text: "Write a few words, for example “reset with the control button on site”."},
	},
	NoReason: {
		{Key: "handover.reason_required", Text: "A camera left out of the handover needs a reason."},
		{Key: "handover.reason_required.next", Text: "Write a few words, for example “belongs to the tenant”."},
	},
	NoSite: {
		{Key: "handover.site_required", Text: "A handover needs the name of the site."},
		{Key: "handover.site_required.next", Text: "Write the address or the name of the building, for example “Östra Hamngatan 7, block B”."},
	},
	UnknownCamera: {
		{Key: "handover.unknown_camera", Text: "The camera {{.Name}} is not part of this handover."},
		{Key: "handover.unknown_camera.next", Text: "Search for cameras first, so that it is added to the handover."},
	},
	UnknownStep: {
		{Key: "handover.unknown_step", Text: "There is no checklist step called “{{.Name}}”."},
		{Key: "handover.unknown_step.next", Text: "Use one of: found, backup, reset, password, name, network, clock, firmware, snapshot."},
	},
	NotImage: {
		{Key: "handover.not_image", Text: "The camera's picture could not be kept: it is not a JPEG image."},
		{Key: "handover.not_image.next", Text: "Take the snapshot again. If it keeps happening, open the camera's web page and check its picture."},
	},
	TooLong: {
		{Key: "handover.too_long", Text: "That text is too long; a handover keeps at most {{.Max}} characters per entry."},
		{Key: "handover.too_long.next", Text: "Shorten it and try again."},
	},
}

// Messages lists every message of the package, for translation catalogues.
func Messages() []usermsg.Message {
	return append(usermsg.Catalogue(messages), detailMessages...)
}
