package workflow

import (
	"context"
	"net/netip"
	"time"

	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/macaddr"
	"github.com/openipu/openipu/core/vapix"
)

// Following a camera to its new address: a camera takes a few seconds to
// move, and a minute and a half covers a slow one that restarts its
// network.
const (
	FollowWithin = 90 * time.Second
	followEvery  = 2 * time.Second
	followTryFor = 3 * time.Second
)

// Follow says how to find a camera again after its address changed.
type Follow struct {
	// Within bounds the search; 0 does not look for the camera at all.
	Within time.Duration
	// Every is the pause between looks (default 2 s).
	Every time.Duration
	// Candidates lists where a camera with this MAC has been seen since a
	// moment: with DHCP nobody knows the new address in advance, so the
	// window offers what its camera list has heard. Nil: DHCP cameras are
	// not followed.
	Candidates func(ctx context.Context, mac string, since time.Time) []Target
}

// NetworkResult is what a change of network settings did.
type NetworkResult struct {
	Identity vapix.Identity
	User     string
	// Accepted: the camera took the settings.
	Accepted bool
	// Found is the camera at its new address, when it was followed there.
	Found   Target
	Located bool
}

// ChangeNetwork logs in, sends new IPv4 settings and, when follow.Within
// is set, finds the camera again at its new address: the camera has moved
// only when a device with its MAC answers there, not when anything does.
// A camera not found in time ends with a NotFound error while Accepted is
// true.
func ChangeNetwork(ctx context.Context, env Env, t Target, login Login, cfg vapix.NetworkConfig, follow Follow, progress func(Progress)) (NetworkResult, error) {
	const action = journal.SetIP
	var res NetworkResult
	detail := cfg.String()
	if err := cfg.Validate(); err != nil {
		return res, err
	}
	cam, cr, err := openAndLogIn(ctx, env, t, login, action, detail, progress)
	res.Identity, res.User = cam.ID, cr.User
	if err != nil {
		return res, err
	}
	defer cam.Close()
	report(progress, Progress{Step: StepSending, Action: action, Target: t})
	applied := env.now()
	err = cam.client.SetNetwork(ctx, cfg)
	cam.record(ctx, action, cr.User, detail, err)
	if err != nil {
		return res, err
	}
	res.Accepted = true
	if follow.Within <= 0 || (cfg.DHCP && follow.Candidates == nil) {
		return res, nil
	}

	// Asked the way the camera was reached: a camera that offered HTTPS
	// still does at its new address.
	moved := cam.reached()
	fctx, cancel := context.WithTimeout(ctx, follow.Within)
	defer cancel()
	var newAddr netip.Addr
	var where func(context.Context) []Target
	if cfg.DHCP {
		where = func(ctx context.Context) []Target { return follow.Candidates(ctx, moved.MAC, applied) }
	} else {
		newAddr = cfg.Address.Addr()
		at := moved.At(newAddr)
		where = func(context.Context) []Target { return []Target{at} }
	}
	found, ok := poll(fctx, env, moved.MAC, follow.Every, where, func(elapsed time.Duration) {
		report(progress, Progress{Step: StepFollowing, Action: action, Target: t, Addr: newAddr, Elapsed: elapsed})
	})
	if ok {
		res.Found, res.Located = found, true
		return res, nil
	}
	if ctx.Err() != nil {
		return res, &vapix.Error{Kind: vapix.Canceled, Op: "follow the camera", Host: t.Address(), Err: ctx.Err()}
	}
	nf := &Error{Kind: NotFound, Host: t.Address()}
	if newAddr.IsValid() {
		nf.Addr = newAddr.String()
	}
	return res, nf
}

// poll looks for the camera with mac at the places where lists, every
// pause, until one answers as that camera or ctx ends.
func poll(ctx context.Context, env Env, mac string, every time.Duration, where func(context.Context) []Target, tick func(time.Duration)) (Target, bool) {
	if every <= 0 {
		every = followEvery
	}
	start := time.Now()
	for {
		for _, t := range where(ctx) {
			if isCamera(ctx, env, t, mac) {
				return t, true
			}
		}
		tick(time.Since(start))
		select {
		case <-ctx.Done():
			return Target{}, false
		case <-time.After(every):
		}
	}
}

// isCamera asks the device at t who it is, anonymously.
func isCamera(ctx context.Context, env Env, t Target, mac string) bool {
	ctx, cancel := context.WithTimeout(ctx, followTryFor)
	defer cancel()
	c, err := connect(ctx, env, t, ConnectOptions{})
	if err != nil {
		return false
	}
	defer c.Close()
	id, err := c.Identify(ctx)
	if err != nil {
		return false
	}
	return mac == "" || macaddr.Normalize(id.MAC) == macaddr.Normalize(mac)
}
