package main

import (
	"context"
	"time"

	"github.com/openipu/openipu/core/workflow"
)

var restartCommand = &command{
	name:    "restart",
	args:    "HOST[:PORT] --user NAME [--no-wait]",
	summary: "Restart the camera; its settings are kept.",
	help: `--user NAME   An administrator account on the camera; its password is asked for.
--no-wait     Do not wait for the camera to come back.
--wait-timeout DURATION
              How long to wait for it (default 3m; large PTZ models can be slow).`,
	run: runRestart,
}

type restartResult struct {
	OK     bool       `json:"ok"`
	Camera jsonCamera `json:"camera"`
	Waited bool       `json:"waited"`
}

func runRestart(ctx context.Context, c *cli, args []string) error {
	var o options
	var noWait bool
	var waitTimeout time.Duration
	fs := newFlagSet("restart", &o, true)
	fs.BoolVar(&noWait, "no-wait", false, "")
	fs.DurationVar(&waitTimeout, "wait-timeout", defaultWaitTimeout, "")
	target, err := c.parseTarget(fs, &o, args)
	if err != nil {
		return err
	}
	if err := requireUser(&o); err != nil {
		return err
	}
	if waitTimeout <= 0 {
		return usageErrorf("--wait-timeout must be a positive duration such as 3m")
	}
	s, err := c.open(target, &o, true)
	if err != nil {
		return err
	}
	defer s.close()

	if noWait {
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
