package dialogs

import "github.com/openipu/openipu/core/discovery"

// TEMPORARY: replaced at merge by the bulk dialogs. Until then each opens
// the one-camera dialog for the first camera, so the window's choice of
// dialog builds and can be tried.

// RestartCameras restarts several cameras.
func RestartCameras(h Host, cams []discovery.Device) { RestartCamera(h, cams[0]) }

// ShowFactoryDefaultCameras resets several cameras to factory settings.
func ShowFactoryDefaultCameras(h Host, cams []discovery.Device) { ShowFactoryDefault(h, cams[0]) }

// ShowAssignRange gives several cameras addresses from a range.
func ShowAssignRange(h Host, cams []discovery.Device) { ShowAssignIP(h, cams[0]) }
