package gui

import (
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/netif"
)

// handOverToSetPassword opens Set password for a camera that was just
// reset; once its password is set, Assign IP address follows when the
// camera is not on this computer's own network (it came back on the
// factory or an automatic address, which this computer reaches only
// through a second address or a direct cable).
func handOverToSetPassword(h ActionHost, cam discovery.Device) {
	cam.Setup = discovery.SetupNeeded
	d := showSetPasswordAfterReset(h, []discovery.Device{cam})
	// Registered before show, so it runs after show's own clean-up has
	// given the window its keys back, and the next dialog takes them over.
	d.whenClosed(func() {
		if len(d.rows) != 1 || d.rows[0].state != rowDone {
			return
		}
		now := latestOf(h, cam)
		if needsAddress(now, h.Local()) {
			ShowAssignIP(h, now)
		}
	})
	d.show(d.user)
	if d.user.Text != "" {
		h.Window().Canvas().Focus(d.password)
	}
}

// latestOf is the camera as the camera list knows it now, which may be at
// a newer address than cam.
func latestOf(h ActionHost, cam discovery.Device) discovery.Device {
	if disc := h.Backend().Discovery; disc != nil {
		for _, d := range disc.Devices() {
			if d.MAC == cam.MAC && !d.Lost {
				return d
			}
		}
	}
	return cam
}

// needsAddress says whether a camera should be given an address on this
// computer's network: it is on the factory address, on an automatic one,
// or on another network.
func needsAddress(cam discovery.Device, local []netif.Interface) bool {
	a, ok := cameraIPv4(cam)
	if !ok {
		return false
	}
	return a == discovery.FactoryAddress || a.IsLinkLocalUnicast() || !onComputerNetwork(local, a)
}

// showResetWizard is "Guided factory reset…" in the toolbar and the menu:
// about the selected camera, if there is one.
func (w *MainWindow) showResetWizard() {
	cam, _ := w.selectedDevice()
	ShowResetWizard(w, cam)
}
