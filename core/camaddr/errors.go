package camaddr

import (
	"errors"
	"fmt"

	"github.com/openipu/openipu/core/usermsg"
)

// Kind says why typed text is not a camera address. A Kind is itself an
// error so that errors.Is(err, camaddr.LooksLikePassword) works.
type Kind int

const (
	Unknown           Kind = iota
	Empty                  // nothing but spaces
	UserInfo               // "user:password@host"
	Scheme                 // a scheme other than http:// or https://
	Path                   // a path, query or fragment after the host
	Port                   // a port that is not 1 to 65535 written plainly
	Brackets               // brackets that do not hold an IPv6 address and an optional port
	IPv6Port               // an IPv6 address and a port without brackets
	NoHost                 // a port with nothing before it
	NotIPv4                // digits and dots that are no IPv4 address
	NameTooLong            // a host name longer than 253 characters
	NotAName               // characters or labels a host name cannot have
	NameEndsInNumber       // a host name whose last label is a number
	LooksLikePassword      // one word mixing capitals and small letters
)

var kindNames = [...]string{
	Unknown: "unknown", Empty: "empty", UserInfo: "holds a user name or password", Scheme: "scheme is not http or https",
	Path: "has a path", Port: "port is not 1 to 65535", Brackets: "brackets hold more than an IPv6 address and port",
	IPv6Port: "IPv6 address with a port but no brackets", NoHost: "no host before the port", NotIPv4: "not an IPv4 address",
	NameTooLong: "host name too long", NotAName: "not a host name", NameEndsInNumber: "host name ends in a number",
	LooksLikePassword: "looks like a password",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Error makes a Kind usable as an errors.Is target.
func (k Kind) Error() string { return k.String() }

// Error is Parse refusing text. It holds no part of the text, so that it
// can be shown and logged whatever was typed.
type Error struct {
	Kind Kind
}

func (e *Error) Error() string { return "not a camera address: " + e.Kind.String() }

// Is lets errors.Is(err, SomeKind) match.
func (e *Error) Is(target error) bool {
	k, ok := target.(Kind)
	return ok && k == e.Kind
}

// Explain gives the reason and the next step for a non-technical user.
func (e *Error) Explain() usermsg.Problem {
	return usermsg.Lookup(errorMessages, e.Kind, Unknown, nil)
}

// KindOf returns the Kind of err, or Unknown.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Unknown
}

// errorMessages: what is wrong, then what to do. None repeats the text,
// which may be a password typed in the wrong place. Keys are stable; gui/
// translates them.
var errorMessages = map[Kind][2]usermsg.Message{
	Unknown: {
		{Key: "camaddr.unknown", Text: "What was typed cannot be used as a camera's address."},
		{Key: "camaddr.unknown.next", Text: "Type the camera's IP address, for example 192.168.1.50."},
	},
	Empty: {
		{Key: "camaddr.empty", Text: "No camera address was given."},
		{Key: "camaddr.empty.next", Text: "Type the camera's IP address, for example 192.168.1.50."},
	},
	UserInfo: {
		{Key: "camaddr.user_info", Text: "The camera's address must not hold a user name or password (nothing with an @ in it)."},
		{Key: "camaddr.user_info.next", Text: "Type only the camera's IP address or name; the user name and password are asked for on their own."},
	},
	Scheme: {
		{Key: "camaddr.scheme", Text: "Only addresses starting with http:// or https:// can be used."},
		{Key: "camaddr.scheme.next", Text: "Type the camera's IP address, for example 192.168.1.50, with nothing before it."},
	},
	Path: {
		{Key: "camaddr.path", Text: "The camera's address must be just its IP address or name, with a port if needed, and nothing after it."},
		{Key: "camaddr.path.next", Text: "Type it like 192.168.1.50 or 192.168.1.50:8080."},
	},
	Port: {
		{Key: "camaddr.port", Text: "The port after the address must be a number from 1 to 65535."},
		{Key: "camaddr.port.next", Text: "Type it after a colon, for example 192.168.1.50:8080, or leave it out to use the usual port."},
	},
	Brackets: {
		{Key: "camaddr.brackets", Text: "Square brackets in an address hold only an IPv6 address, followed by nothing but a colon and a port."},
		{Key: "camaddr.brackets.next", Text: "Write it like [fe80::1]:8080, or type the camera's IPv4 address instead, for example 192.168.1.50."},
	},
	IPv6Port: {
		{Key: "camaddr.ipv6_port", Text: "An IPv6 address with a port must be written in square brackets."},
		{Key: "camaddr.ipv6_port.next", Text: "Write it like [fe80::1]:8080, or leave the port out."},
	},
	NoHost: {
		{Key: "camaddr.no_host", Text: "There is no address before the port."},
		{Key: "camaddr.no_host.next", Text: "Type the camera's IP address before the colon, for example 192.168.1.50:8080."},
	},
	NotIPv4: {
		{Key: "camaddr.not_ipv4", Text: "This is not an IP address: an IP address is four numbers from 0 to 255 separated by dots."},
		{Key: "camaddr.not_ipv4.next", Text: "Check the numbers, for example 192.168.1.50."},
	},
	NameTooLong: {
		{Key: "camaddr.name_too_long", Text: "This is too long to be a name on the network: a name has at most 253 characters."},
		{Key: "camaddr.name_too_long.next", Text: "Type the camera's IP address instead, for example 192.168.1.50."},
	},
	NotAName: {
		{Key: "camaddr.not_a_name", Text: "This is neither an IP address nor a name a device can have on the network: a name is made of letters, digits and hyphens, in parts separated by dots."},
		{Key: "camaddr.not_a_name.next", Text: "Type the camera's IP address, for example 192.168.1.50, or its name."},
	},
	NameEndsInNumber: {
		{Key: "camaddr.name_ends_in_number", Text: "This is neither an IP address nor a name a device can have on the network: a name does not end in a number."},
		{Key: "camaddr.name_ends_in_number.next", Text: "Check the address: an IP address is four numbers separated by dots, for example 192.168.1.50."},
	},
	LooksLikePassword: {
		{Key: "camaddr.looks_like_password", Text: "This looks like a password rather than a camera's address, so it was not used."},
		{Key: "camaddr.looks_like_password.next", Text: "Type the camera's IP address, for example 192.168.1.50, or its name in small letters."},
	},
}

// Messages lists every message an address refusal can show a user, for
// translators and for the test that keeps the English catalogue complete.
func Messages() []usermsg.Message {
	return usermsg.Catalogue(errorMessages)
}
