package dialogs

import (
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/netif"
)

// HandOverToSetPassword opens Set password for a camera that was just
// reset; once its password is set, Assign IP address follows when the
// camera is not on this computer's own network (it came back on the
// factory or an automatic address, which this computer reaches only
// through a second address or a direct cable).
func HandOverToSetPassword(h Host, cam discovery.Device) {
	cam.Setup = discovery.SetupNeeded
	d := newSetPasswordAfterReset(h, []discovery.Device{cam})
	// Registered before show, so it runs after show's own clean-up has
	// given the window its keys back, and the next dialog takes them over.
	d.whenClosed(func() {
		if len(d.rows) != 1 || d.rows[0].state != rowDone {
			return
		}
		now := latestOf(h, cam)
		if needsAddress(now, Local(h.Backend())) {
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
func latestOf(h Host, cam discovery.Device) discovery.Device {
	if d, ok := h.Camera(cam.MAC); ok && !d.Lost {
		return d
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
