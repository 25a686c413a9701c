package vapix

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxFriendlyNameBytes is the longest friendly name kept: the Bonjour name
// is a DNS-SD instance name, at most 63 bytes of UTF-8 (RFC 6763 §4.1.1),
// and UPnP asks for friendly names under 64 characters.
const MaxFriendlyNameBytes = 63

// The two parameters that hold a camera's friendly name (VAPIX-NP).
const (
	bonjourNameParam = "Network.Bonjour.FriendlyName"
	upnpNameParam    = "Network.UPnP.FriendlyName"
)

// ValidateFriendlyName checks a name before it is sent: printable text
// (letters of any language, digits, spaces, punctuation), no leading or
// trailing space, 1 to MaxFriendlyNameBytes bytes.
func ValidateFriendlyName(name string) error {
	fail := func(detail string) error {
		return &Error{Kind: InvalidName, Op: "check the camera name", Detail: detail}
	}
	switch {
	case name == "" || strings.TrimSpace(name) == "":
		return fail("it is empty.")
	case !utf8.ValidString(name):
		return fail("it is not text.")
	case strings.TrimSpace(name) != name:
		return fail("it starts or ends with a space.")
	case len(name) > MaxFriendlyNameBytes:
		return fail("it is longer than the camera keeps.")
	}
	for _, r := range name {
		if !unicode.IsPrint(r) {
			return fail("it has a line break, tab or other invisible character.")
		}
	}
	return nil
}

// TrimFriendlyName cuts s to MaxFriendlyNameBytes at a character
// boundary and drops spaces left at its ends.
func TrimFriendlyName(s string) string {
	s = strings.TrimSpace(s)
	if len(s) <= MaxFriendlyNameBytes {
		return s
	}
	cut := MaxFriendlyNameBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strings.TrimSpace(s[:cut])
}

// SetFriendlyName writes name to the camera's Bonjour and UPnP friendly
// names. A firmware that lacks one of the two parameters still gets the
// other; the call fails only when neither was taken.
func (c *Client) SetFriendlyName(ctx context.Context, name string) error {
	const op = "name the camera"
	if err := ValidateFriendlyName(name); err != nil {
		return c.located(err, op)
	}
	err := c.updateParams(ctx, op, []Param{{bonjourNameParam, name}, {upnpNameParam, name}}, false)
	if KindOf(err) != CameraRefused {
		return err
	}
	// One update is all or nothing; apart, each parameter the firmware
	// has is set.
	errB := c.updateParams(ctx, op, []Param{{bonjourNameParam, name}}, false)
	errU := c.updateParams(ctx, op, []Param{{upnpNameParam, name}}, false)
	switch {
	case errB == nil || errU == nil:
		return nil
	case KindOf(errB) != CameraRefused:
		return errB
	}
	return errU
}
