package discovery

import (
	"errors"
	"fmt"

	"github.com/openipu/openipu/core/camaddr"
	"github.com/openipu/openipu/core/usermsg"
)

// Kind says why discovery could not add a camera, in terms a caller can
// act on. A Kind is itself an error so that errors.Is(err,
// discovery.HostNotFound) works.
type Kind int

const (
	Unknown        Kind = iota
	InvalidAddress      // camaddr refused what was typed; Err says why
	HostNotFound        // the name leads to no address
	LookupFailed        // the name could not be looked up: no name server answered
	Unidentified        // something answered at the address, but did not say which camera it is
	NotRunning          // asked before the search started
)

var kindNames = [...]string{
	Unknown: "unknown", InvalidAddress: "invalid address", HostNotFound: "host not found",
	LookupFailed: "name lookup failed", Unidentified: "device did not identify itself", NotRunning: "search not running",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Error makes a Kind usable as an errors.Is target.
func (k Kind) Error() string { return k.String() }

// Error is what AddHost and Scan return when discovery itself decides a
// camera cannot be added. A camera that does not answer, or refuses, is
// reported by the probe's own error (a vapix.Error) instead.
type Error struct {
	Kind Kind
	// Host is the address or name the user typed, once camaddr accepted
	// it: text it refused is never kept.
	Host string
	// Detail is a technical remark for logs and the Unknown sentence.
	Detail string
	Err    error
}

func (e *Error) Error() string {
	s := "add camera"
	if e.Host != "" {
		s += fmt.Sprintf(" %q", e.Host)
	}
	s += ": " + e.Kind.String()
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Is lets errors.Is(err, SomeKind) match.
func (e *Error) Is(target error) bool {
	k, ok := target.(Kind)
	return ok && k == e.Kind
}

// Explain gives the sentence and the next step for a non-technical user.
func (e *Error) Explain() usermsg.Problem {
	var refused *camaddr.Error
	if e.Kind == InvalidAddress && errors.As(e.Err, &refused) {
		return refused.Explain()
	}
	detail := e.Detail
	if detail == "" && e.Err != nil {
		detail = e.Err.Error()
	}
	return usermsg.Lookup(errorMessages, e.Kind, Unknown, map[string]any{"Host": e.Host, "Detail": detail})
}

// KindOf returns the Kind of err, or Unknown.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Unknown
}

// errorMessages: what happened, then what to do. Keys are stable; gui/
// translates them.
var errorMessages = map[Kind][2]usermsg.Message{
	Unknown: {
		{Key: "discovery.unknown", Text: "Adding the camera {{.Host}} did not work ({{.Detail}})."},
		{Key: "discovery.unknown.next", Text: "Check the address and try again."},
	},
	InvalidAddress: {
		{Key: "discovery.invalid_address", Text: "What was typed is not an address a camera can have."},
		{Key: "discovery.invalid_address.next", Text: "Type the camera's IP address, for example 192.168.1.50, or its name. If it uses another port than 80, put the port after a colon: 192.168.1.50:8080."},
	},
	HostNotFound: {
		{Key: "discovery.host_not_found", Text: "This computer cannot find a device named {{.Host}}."},
		{Key: "discovery.host_not_found.next", Text: "Check the spelling of the name, or type the camera's IP address instead, for example 192.168.1.50. Your router's list of connected devices shows the camera's address."},
	},
	LookupFailed: {
		{Key: "discovery.lookup_failed", Text: "This computer could not look up the name {{.Host}}: the network did not answer."},
		{Key: "discovery.lookup_failed.next", Text: "Check that this computer is connected to the network and try again, or type the camera's IP address instead, for example 192.168.1.50."},
	},
	Unidentified: {
		{Key: "discovery.unidentified", Text: "The device at {{.Host}} answered, but did not say which camera it is."},
		{Key: "discovery.unidentified.next", Text: "Check the address: it may belong to another device, such as a router or a printer."},
	},
	NotRunning: {
		{Key: "discovery.not_running", Text: "The search for cameras has not started yet."},
		{Key: "discovery.not_running.next", Text: "Wait a moment, then try again."},
	},
}
