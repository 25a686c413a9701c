package workflow

import (
	"context"
	"errors"
	"fmt"

	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/vapix"
)

// The journal's free-text details, in English whatever the user's
// language: the journal is a record that scripts and the handover report
// read, not something the window shows as it is.
const (
	detailFellBackToRoot = "asked for %s, firmware only accepts root"
	detailBackupFailed   = "%s, not sent: the backup failed"
	detailARPPing        = "ARP/Ping %s"
)

// record writes what an action did to the journal. The entry is built from
// names and outcomes only: no function here holds a password where it
// builds one. A journal that cannot be written does not undo what the
// camera did, so the failure goes to env.JournalFailed, not to the caller.
func (c *Camera) record(ctx context.Context, action journal.Action, user, detail string, err error) {
	c.env.write(ctx, c.entry(action, user, detail), err)
}

// entry is the journal entry of an action on this camera, before its
// outcome is known.
func (c *Camera) entry(action journal.Action, user, detail string) journal.Entry {
	cam := journal.Camera{
		MAC:      c.MAC(),
		Serial:   c.ID.Serial,
		Model:    c.Model(),
		Firmware: c.Firmware(),
		Host:     c.target.Address(),
	}
	if cam.Serial == "" {
		cam.Serial = cam.MAC
	}
	return journal.Entry{Action: action, Camera: cam, User: user, Detail: detail}
}

func (e Env) write(ctx context.Context, entry journal.Entry, err error) {
	if e.Journal == nil {
		return
	}
	entry.Time = e.now()
	entry.Outcome = journal.Done
	if vapix.ValidateUserName(entry.User) != nil {
		entry.User = ""
	}
	if err != nil {
		entry.Outcome = journal.Failed
		if Stopped(ctx, err) {
			entry.Outcome = journal.Canceled
		}
		p, _ := usermsg.Explain(err)
		entry.ErrorKey = p.What.Key
	}
	if jerr := e.Journal.Append(entry); jerr != nil && e.JournalFailed != nil {
		e.JournalFailed(fmt.Errorf("writing the journal: %w", jerr))
	}
}

// Stopped tells whether err means the user stopped the work rather than
// the camera failing.
func Stopped(ctx context.Context, err error) bool {
	return ctx.Err() != nil || errors.Is(err, context.Canceled) || vapix.KindOf(err) == vapix.Canceled
}
