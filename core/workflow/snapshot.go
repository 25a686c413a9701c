package workflow

import (
	"context"

	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
)

// TakeSnapshot logs in and takes one picture from the camera, checked to
// be a JPEG (at most vapix.DefaultSnapshotLimit bytes). The journal gets
// the action with no Detail: the caller stores the picture and knows
// where.
func TakeSnapshot(ctx context.Context, env Env, t Target, login Login, progress func(Progress)) ([]byte, error) {
	const action = journal.Snapshot
	cam, cr, err := openAndLogIn(ctx, env, t, login, action, "", progress)
	if err != nil {
		return nil, err
	}
	defer cam.Close()
	report(progress, Progress{Step: StepTakingSnapshot, Action: action, Target: t})
	s, err := cam.side("take a picture from the camera")
	var pic []byte
	if err == nil {
		pic, err = s.Snapshot(ctx, vapix.DefaultSnapshotLimit)
	}
	cam.record(ctx, action, cr.User, "", err)
	return pic, err
}
