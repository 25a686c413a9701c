package main

import (
	"context"
	"time"

	"github.com/openipu/openipu/core/workflow"
)

var restartCommand = &command{
	name:    "restart",
	args:    "HOST[:PORT] --user NAME [--no-wait] [options]",
	summary: "Restart the camera; its settings are kept.",
	flags:   func() *flagSet { return new(restartFlags).flagSet() },
	run:     runRestart,
}

type restartFlags struct {
	options
	noWait      bool
	waitTimeout time.Duration
}

func (f *restartFlags) flagSet() *flagSet {
	fs := newFlagSet("restart", &f.options, logInUsage)
	fs.BoolVar(&f.noWait, "no-wait", false, noWaitUsage)
	fs.DurationVar(&f.waitTimeout, "wait-timeout", defaultWaitTimeout, waitUsage)
	return fs
}

type restartResult struct {
	OK     bool       `json:"ok"`
	Camera jsonCamera `json:"camera"`
	Waited bool       `json:"waited"`
}

func runRestart(ctx context.Context, c *cli, args []string) error {
	var f restartFlags
	target, err := c.parseTarget(f.flagSet(), &f.options, args)
	if err != nil {
		return err
	}
	waitTimeout := f.waitTimeout
	if err := requireUser(&f.options); err != nil {
		return err
	}
	if waitTimeout <= 0 {
		return usageErrorf("--wait-timeout must be a positive duration such as 3m")
	}
	s, err := c.open(target, &f.options, true)
	if err != nil {
		return err
	}
	defer s.close()

	if f.noWait {
		waitTimeout = 0
	}
	r, err := workflow.Restart(ctx, s.env, s.target, s.login(), waitTimeout, s.reportProgress())
	switch {
	case err != nil && r.Accepted:
		return &withNote{err: err, note: "The camera had already accepted the restart; it finishes by itself."}
	case err != nil:
		return err
	}
	s.say("%s is restarting.", s.name(r.Identity))
	res := restartResult{OK: true, Camera: s.jsonCamera(r.Identity), Waited: r.Back}
	if r.Back {
		s.say("The camera is back.")
	}
	s.emit(res)
	return nil
}
