package dialogs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/gui/backend"
)

// journalAction writes what an action did to the journal. The entry is built
// from names and outcomes only: no function here ever holds a password.
// A journal that cannot be written does not undo what the camera did, so
// the error is returned for the dialog to mention, not to fail on.
func journalAction(deps backend.Backend, action journal.Action, cam discovery.Device, user, detail string, err error) error {
	if deps.Journal == nil {
		return nil
	}
	now := time.Now
	if deps.Now != nil {
		now = deps.Now
	}
	e := journal.Entry{
		Time:   now(),
		Action: action,
		Camera: journal.Camera{
			MAC:      discovery.NormalizeMAC(cam.MAC),
			Serial:   cam.Serial,
			Model:    cam.Model,
			Firmware: cam.Firmware,
			Host:     CameraAddress(cam),
		},
		Outcome: journal.Done,
		User:    user,
		Detail:  detail,
	}
	if vapix.ValidateUserName(e.User) != nil {
		e.User = ""
	}
	if err != nil {
		e.Outcome = journal.Failed
		if errors.Is(err, context.Canceled) || vapix.KindOf(err) == vapix.Canceled {
			e.Outcome = journal.Canceled
		}
		p, _ := usermsg.Explain(err)
		e.ErrorKey = p.What.Key
	}
	if jerr := deps.Journal.Append(e); jerr != nil {
		return fmt.Errorf("writing the journal: %w", jerr)
	}
	return nil
}
