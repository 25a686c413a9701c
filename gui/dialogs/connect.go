package dialogs

import (
	"errors"
	"fmt"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/backend"
)

// errNoConnector means the window was built without a way to reach
// cameras: a programming error, but the user still gets a sentence.
var errNoConnector = errors.New("this window cannot reach cameras (no connector)")

// openCamera opens a client for cam through the backend's Connector.
func openCamera(deps backend.Backend, cam discovery.Device, opts backend.ConnectOptions) (backend.CameraClient, error) {
	if deps.Connect == nil {
		return nil, errNoConnector
	}
	c, err := deps.Connect(cam, opts)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", CameraAddress(cam), err)
	}
	return c, nil
}
