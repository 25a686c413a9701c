package gui

// PowerSwitch is a Discoverer whose cameras' power OpenIPU can switch: the
// simulated office. The reset wizard then offers to do the physical steps
// itself, so a newcomer can follow it without a camera at hand.
type PowerSwitch interface {
	// Unplug cuts the camera's power.
	Unplug(mac string) error
	// Plug gives it back, with the control button held (a factory reset)
	// or not.
	Plug(mac string, holdingButton bool) error
}

// powerSwitchOf finds the power switch of a Discoverer, if it has one. The
// simulated office's switch lives on core/demo's Network.
func powerSwitchOf(d Discoverer) PowerSwitch {
	if p, ok := d.(PowerSwitch); ok {
		return p
	}
	if dd, ok := d.(*demoDiscoverer); ok {
		if p, ok := any(dd.net).(PowerSwitch); ok {
			return p
		}
	}
	return nil
}

// canSimulate says whether the physical steps can be simulated for the
// chosen camera.
func (wz *resetWizard) canSimulate() bool {
	return wz.power != nil && wz.cam.MAC != ""
}

func (wz *resetWizard) simulateUnplug() {
	if !wz.canSimulate() {
		return
	}
	if err := wz.power.Unplug(wz.cam.MAC); err != nil {
		wz.live.ShowError(err)
		wz.relayout()
	}
}

// simulatePlug plugs the camera in with its button held, and starts the
// count as the user would.
func (wz *resetWizard) simulatePlug() {
	if !wz.canSimulate() {
		return
	}
	if err := wz.power.Plug(wz.cam.MAC, true); err != nil {
		wz.live.ShowError(err)
		wz.relayout()
		return
	}
	wz.count.begin()
}
