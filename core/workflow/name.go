package workflow

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
)

// nameSeparator joins a camera's name and location in its friendly name.
const nameSeparator = " – "

// maxNamePart bounds what a user may type for a name or a location: far
// more than a camera keeps, little enough for the journal.
const maxNamePart = 256

// FriendlyName is what a camera named name, at location, is called on
// the network: "name – location", cut to what a camera keeps
// (vapix.MaxFriendlyNameBytes).
func FriendlyName(name, location string) string {
	name, location = strings.TrimSpace(name), strings.TrimSpace(location)
	if location != "" {
		name += nameSeparator + location
	}
	return vapix.TrimFriendlyName(name)
}

// SetName logs in and writes the camera's friendly name (Bonjour and
// UPnP): the name, plus " – location" when one is given, cut to what the
// camera keeps. The journal gets the name and location as given. Input
// refused before anything is sent is not recorded.
func SetName(ctx context.Context, env Env, t Target, login Login, name, location string, progress func(Progress)) error {
	const action = journal.SetName
	if err := checkNamePart(name, true); err != nil {
		return err
	}
	if err := checkNamePart(location, false); err != nil {
		return err
	}
	friendly := FriendlyName(name, location)
	if err := vapix.ValidateFriendlyName(friendly); err != nil {
		return err
	}
	detail := strings.TrimSpace(name)
	if l := strings.TrimSpace(location); l != "" {
		detail += nameSeparator + l
	}
	cam, cr, err := openAndLogIn(ctx, env, t, login, action, detail, progress)
	if err != nil {
		return err
	}
	defer cam.Close()
	report(progress, Progress{Step: StepNaming, Action: action, Target: t})
	s, err := cam.side("name the camera")
	if err == nil {
		err = s.SetFriendlyName(ctx, friendly)
	}
	cam.record(ctx, action, cr.User, detail, err)
	return err
}

// checkNamePart refuses a name (required) or location that no camera
// could show: empty, far too long, or with line breaks and other
// invisible characters. Length beyond the camera's limit is cut, not
// refused.
func checkNamePart(s string, required bool) error {
	s = strings.TrimSpace(s)
	if s == "" && !required {
		return nil
	}
	if len(s) > maxNamePart {
		return &vapix.Error{Kind: vapix.InvalidName, Op: "check the camera name", Detail: "it is far longer than a camera keeps."}
	}
	if !utf8.ValidString(s) || strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
		return &vapix.Error{Kind: vapix.InvalidName, Op: "check the camera name", Detail: "it has a line break, tab or other invisible character."}
	}
	if s == "" {
		return &vapix.Error{Kind: vapix.InvalidName, Op: "check the camera name", Detail: "it is empty."}
	}
	return nil
}
