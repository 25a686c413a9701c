package handover

import (
	"github.com/openipu/openipu/core/usermsg"
)

// The details this package writes itself, as messages, so that the window
// and the report show them in the reader's language. The session keeps
// them in English (Tick.Detail, and the CSV, which scripts read) and in
// parts (Camera.FoundVia …) to say them again in another.
var (
	msgFoundOn        = usermsg.Message{Key: "handover.detail.found_on", Text: "{{.Via}} on {{.Interfaces}}"}
	msgFoundAnnounced = usermsg.Message{Key: "handover.detail.found_announced", Text: "{{.Via}} on {{.Interfaces}}, announced by {{.Router}}"}
	msgFoundVia       = usermsg.Message{Key: "handover.detail.found_via", Text: "{{.Via}}"}
	msgFoundGiven     = usermsg.Message{Key: "handover.detail.found_given", Text: "address given: {{.Host}}"}
	msgNameKept       = usermsg.Message{Key: "handover.detail.name_kept", Text: "kept in this handover"}
	msgResetHard      = usermsg.Message{Key: "handover.detail.reset_hard", Text: "hard reset"}
	msgResetSoft      = usermsg.Message{Key: "handover.detail.reset_soft", Text: "soft reset"}
	msgResetButton    = usermsg.Message{Key: "handover.detail.reset_button", Text: "with the control button"}
)

// detailMessages lists them for translation catalogues.
var detailMessages = []usermsg.Message{msgFoundOn, msgFoundAnnounced, msgFoundVia, msgFoundGiven, msgNameKept, msgResetHard, msgResetSoft, msgResetButton}

// DetailMessage is what step's detail says for camera c, as a message to
// show in the reader's language: one this package wrote is translated,
// any other (an address, a file, a camera's own words) comes with no key
// and is shown as it is.
func DetailMessage(c Camera, s Step) usermsg.Message {
	t := c.Tick(s)
	switch s {
	case Found:
		switch {
		case c.FoundGiven != "":
			return msgFoundGiven.With("Host", c.FoundGiven)
		case c.FoundVia != "" && c.FoundOn != "" && c.AnnouncedBy != "":
			return msgFoundAnnounced.With("Via", c.FoundVia).With("Interfaces", c.FoundOn).With("Router", c.AnnouncedBy)
		case c.FoundVia != "" && c.FoundOn != "":
			return msgFoundOn.With("Via", c.FoundVia).With("Interfaces", c.FoundOn)
		case c.FoundVia != "":
			return msgFoundVia.With("Via", c.FoundVia)
		}
	case Name:
		if t.Detail == detailNameKept {
			return msgNameKept
		}
	case Reset:
		switch t.Detail {
		case "hard":
			return msgResetHard
		case "soft":
			return msgResetSoft
		case detailPhysical:
			return msgResetButton
		}
	}
	if t.Detail == "" {
		return usermsg.Message{}
	}
	// Shown as it is: the text is data (an address, a file, a camera's
	// words), never read as a template.
	return usermsg.Message{Text: "{{.Detail}}", Args: map[string]any{"Detail": t.Detail}}
}

const (
	detailNameKept = "kept in this handover"
	detailPhysical = "physical"
)
