package resetwizard

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
