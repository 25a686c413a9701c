package addrplan

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/openipu/openipu/core/usermsg"
)

// Kind says why a range could not be planned. A Kind is itself an error so
// that errors.Is(err, addrplan.RangeExhausted) works.
type Kind int

const (
	// BadStart: the start is no IPv4 address.
	BadStart Kind = iota + 1
	// BadBits: the prefix length is outside MinBits..MaxBits.
	BadBits
	// BadLast: the last address is before the start or on another
	// network.
	BadLast
	// RangeExhausted: the range ran out before every camera had an
	// address.
	RangeExhausted
	// BadMask: typed text is no subnet mask or prefix length.
	BadMask
)

var kindNames = map[Kind]string{
	BadStart: "start is not an IPv4 address", BadBits: "prefix length out of range", BadLast: "last address outside the range",
	RangeExhausted: "range runs out", BadMask: "not a subnet mask",
}

func (k Kind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Error makes a Kind usable as an errors.Is target.
func (k Kind) Error() string { return k.String() }

// Error is a range that cannot be planned.
type Error struct {
	Kind Kind
	// Start and Last bound the range; Prefix is its network.
	Start, Last netip.Addr
	Prefix      netip.Prefix
	// Bits is the prefix length refused (BadBits).
	Bits int
	// Planned of Cameras found an address (RangeExhausted).
	Planned, Cameras int
}

func (e *Error) Error() string {
	switch e.Kind {
	case RangeExhausted:
		return fmt.Sprintf("address range %s to %s runs out after %d of %d cameras", e.Start, e.Last, e.Planned, e.Cameras)
	case BadBits:
		return fmt.Sprintf("prefix length /%d: want %d to %d", e.Bits, MinBits, MaxBits)
	case BadLast:
		return fmt.Sprintf("last address %s is not after %s on %s", e.Last, e.Start, e.Prefix)
	}
	return e.Kind.String()
}

// Is lets errors.Is(err, SomeKind) match.
func (e *Error) Is(target error) bool {
	k, ok := target.(Kind)
	return ok && k == e.Kind
}

// Explain implements usermsg.Explainer.
func (e *Error) Explain() usermsg.Problem {
	args := map[string]any{
		"Start": addrText(e.Start), "Last": addrText(e.Last), "Network": prefixText(e.Prefix),
		"Bits": e.Bits, "Planned": e.Planned, "Cameras": e.Cameras, "Missing": e.Cameras - e.Planned,
	}
	return usermsg.Lookup(messages, e.Kind, BadStart, args)
}

func addrText(a netip.Addr) string {
	if !a.IsValid() {
		return ""
	}
	return a.String()
}

func prefixText(p netip.Prefix) string {
	if !p.IsValid() {
		return ""
	}
	return p.String()
}

// KindOf returns the Kind in err's chain, or 0.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return 0
}

var messages = map[Kind][2]usermsg.Message{
	BadStart: {
		{Key: "addrplan.bad_start", Text: "The first address is not an IPv4 address."},
		{Key: "addrplan.bad_start.next", Text: "Type four numbers from 0 to 255 with dots, such as 192.168.1.50."},
	},
	BadBits: {
		{Key: "addrplan.bad_bits", Text: "A network of that size (/{{.Bits}}) cannot be given to cameras."},
		{Key: "addrplan.bad_bits.next", Text: "Use your network's subnet mask; most small networks use 255.255.255.0."},
	},
	BadLast: {
		{Key: "addrplan.bad_last", Text: "The last address {{.Last}} is not after {{.Start}} on the same network."},
		{Key: "addrplan.bad_last.next", Text: "Choose a last address after the first one, on the same network."},
	},
	RangeExhausted: {
		{Key: "addrplan.range_exhausted", Text: "There are not enough free addresses from {{.Start}} to {{.Last}}: {{.Planned}} of {{.Cameras}} cameras would get one."},
		{Key: "addrplan.range_exhausted.next", Text: "Start at a lower address, or give addresses to fewer cameras at once. Addresses where something already answers are left out."},
	},
	BadMask: {
		{Key: "addrplan.bad_mask", Text: "That is not a subnet mask."},
		{Key: "addrplan.bad_mask.next", Text: "Type it as your router's settings show it, such as 255.255.255.0, or as a prefix such as /24."},
	},
}

// Messages lists every message the plan can show a user, for translators
// and the test that keeps the catalogue complete.
func Messages() []usermsg.Message { return usermsg.Catalogue(messages) }
