package vapix

import "context"

// ResetMode is soft (keeps network settings) or hard (erases everything).
type ResetMode string

const (
	Soft ResetMode = "soft"
	Hard ResetMode = "hard"
)

// FactoryDefault asks for a factory default: firmwaremanagement.cgi
// factoryDefault first, the legacy CGI as fallback. A connection dropped
// after the request was sent counts as accepted.
func (c *Client) FactoryDefault(ctx context.Context, mode ResetMode) error {
	const op = "reset the camera to factory settings"
	legacy := "/axis-cgi/factorydefault.cgi"
	switch mode {
	case Soft:
	case Hard:
		legacy = "/axis-cgi/hardfactorydefault.cgi"
	default:
		return &Error{Kind: InvalidSettings, Op: op, Host: c.host, Detail: "unknown reset mode " + string(mode)}
	}
	req := apiRequest{APIVersion: "1.0", Context: requestContext, Method: "factoryDefault",
		Params: map[string]string{"factoryDefaultMode": string(mode)}}
	return c.fwmgrOrLegacy(ctx, op, req, legacy)
}
