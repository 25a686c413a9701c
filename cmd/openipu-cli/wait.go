package main

import (
	"time"

	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/workflow"
)

// defaultWaitTimeout covers the slowest cameras: most are back within a
// minute, large PTZ and multi-sensor models can take longer.
const defaultWaitTimeout = workflow.RebootWait

// progressEvery is how often an unchanged restart phase is reported again,
// so that a long wait visibly has not hung.
const progressEvery = 15 * time.Second

// reportProgress prints a workflow's steps on stderr: the backup being
// saved, and the restart's phases as they change (an unchanged one every
// progressEvery).
func (s *session) reportProgress() func(workflow.Progress) {
	announced := false
	last, lastAt := -1, time.Duration(0)
	return func(p workflow.Progress) {
		switch p.Step {
		case workflow.StepDeviceWait:
			s.progress("%s", p.Message().String())
		case workflow.StepSavingBackup:
			s.progress("Saving the camera's settings before the reset...")
		case workflow.StepRebooting:
			if !announced {
				announced = true
				s.progress("Waiting for the camera to come back. This usually takes about a minute; Ctrl-C stops waiting.")
			}
			if int(p.Reboot.Phase) == last && p.Elapsed-lastAt < progressEvery {
				return
			}
			last, lastAt = int(p.Reboot.Phase), p.Elapsed
			s.progress("  %s", workflow.RebootMessage(p.Reboot, p.Action == journal.FactoryDefault).String())
		}
	}
}
