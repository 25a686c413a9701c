package report

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/openipu/openipu/core/handover"
)

// pdfText makes a string safe to hand to the PDF writer, which panics on
// invalid UTF-8 and refuses characters beyond the Basic Multilingual Plane
// (emoji): those become U+FFFD, and control characters (a camera's name is
// whatever the camera sent) become spaces, except line breaks.
func pdfText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if !strings.ContainsFunc(s, unsafeRune) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r > 0xFFFF:
			return '\uFFFD'
		case unsafeRune(r):
			return ' '
		}
		return r
	}, strings.ReplaceAll(s, "\r\n", "\n"))
}

func unsafeRune(r rune) bool { return r > 0xFFFF || (r != '\n' && unicode.IsControl(r)) }

// pdfSession is s with every text made safe for the PDF writer. It is a
// copy: the caller's session is not changed.
func pdfSession(s handover.Session) handover.Session {
	s.Site, s.HandedOverBy, s.ReceivedBy = pdfText(s.Site), pdfText(s.HandedOverBy), pdfText(s.ReceivedBy)
	cams := make([]handover.Camera, len(s.Cameras))
	for i, c := range s.Cameras {
		for _, p := range []*string{&c.MAC, &c.Serial, &c.Model, &c.Firmware, &c.Address, &c.Name, &c.Location, &c.ExcludedReason} {
			*p = pdfText(*p)
		}
		steps := make(map[handover.Step]handover.Tick, len(c.Steps))
		for k, t := range c.Steps {
			t.Note, t.Detail, t.User, t.FailedKey = pdfText(t.Note), pdfText(t.Detail), pdfText(t.User), pdfText(t.FailedKey)
			steps[k] = t
		}
		c.Steps = steps
		cams[i] = c
	}
	s.Cameras = cams
	return s
}

// recoverPDF turns a panic of the PDF writer into an error: a document
// that cannot be made must not take the program down with it.
func recoverPDF(what string, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("write the %s: the PDF writer failed: %v", what, r)
	}
}
