package vapix

import "context"

// Restart asks the camera to reboot (firmwaremanagement reboot, restart.cgi fallback).
func (c *Client) Restart(ctx context.Context) error {
	req := apiRequest{APIVersion: "1.0", Context: requestContext, Method: "reboot"}
	return c.fwmgrOrLegacy(ctx, "restart the camera", req, "/axis-cgi/restart.cgi")
}
