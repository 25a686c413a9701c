// Package hostaddr gives this computer a temporary second address on one
// of its network connections, so that it can reach a camera on a network it
// is not on: a camera on the factory address 192.168.0.90, or one with only
// a link-local 169.254.x.x address. It is the way every Axis manual
// describes ("set your computer to 192.168.0.x"), done for the user when
// OpenIPU has the rights, and written out step by step when it has not.
//
// Adding an address needs administrator rights on every system. OpenIPU
// tries; when the system refuses, the error says so (NeedsAdmin) and Steps
// gives the instructions for doing it by hand.
package hostaddr

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"

	"github.com/openipu/openipu/core/addrplan"
	"github.com/openipu/openipu/core/usermsg"
)

// Adder puts a temporary address on one of this computer's network
// connections. System is the real one; the simulated office has its own.
type Adder interface {
	// Add gives the connection iface the address p (with its network
	// size). The returned Added takes it away again.
	Add(ctx context.Context, iface string, p netip.Prefix) (Added, error)
}

// Added is an address this program added; Remove takes it away. Removing
// twice is harmless.
type Added interface {
	Remove(ctx context.Context) error
}

// Kind says why an address could not be added, in terms a window can act on.
// A Kind is itself an error so that errors.Is(err, hostaddr.NeedsAdmin)
// works.
type Kind int

const (
	Unknown     Kind = iota
	NeedsAdmin       // the system wants administrator rights
	NotPossible      // this kind of computer cannot do it here (no tool, no such connection)
	Canceled         // the user stopped it
)

var kindNames = [...]string{Unknown: "unknown", NeedsAdmin: "needs administrator rights", NotPossible: "not possible here", Canceled: "canceled"}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

func (k Kind) Error() string { return k.String() }

// Error is every failure of Add and Remove.
type Error struct {
	Kind      Kind
	Op        string // "add" or "remove"
	Addr      string
	Interface string
	// Detail is what the system said, cleaned to one short line.
	Detail string
	Err    error
}

func (e *Error) Error() string {
	s := e.Op + " " + e.Addr + " on " + e.Interface + ": " + e.Kind.String()
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
	return usermsg.Lookup(messages, e.Kind, Unknown,
		map[string]any{"Addr": e.Addr, "Interface": e.Interface, "Detail": e.Detail})
}

// KindOf returns the Kind of err, or Unknown.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Unknown
}

var messages = map[Kind][2]usermsg.Message{
	Unknown: {
		{Key: "hostaddr.unknown", Text: "This computer could not be given the address {{.Addr}} ({{.Detail}})."},
		{Key: "hostaddr.unknown.next", Text: "Follow the steps shown to give it the address by hand, or connect the computer straight to the camera with a network cable."},
	},
	NeedsAdmin: {
		{Key: "hostaddr.needs_admin", Text: "Giving this computer a second address needs administrator rights, which OpenIPU does not have."},
		{Key: "hostaddr.needs_admin.next", Text: "Follow the steps shown to do it by hand, then press Check again."},
	},
	NotPossible: {
		{Key: "hostaddr.not_possible", Text: "OpenIPU cannot give this computer a second address here ({{.Detail}})."},
		{Key: "hostaddr.not_possible.next", Text: "Follow the steps shown to do it by hand, then press Check again."},
	},
	Canceled: {
		{Key: "hostaddr.canceled", Text: "Stopped before this computer had the address {{.Addr}}."},
		{Key: "hostaddr.canceled.next", Text: "Nothing was changed on this computer."},
	},
}

// Messages lists every sentence this package can show a user.
func Messages() []usermsg.Message {
	return append(usermsg.Catalogue(messages), stepMessages()...)
}

// For picks the temporary address that puts this computer on the camera's
// network: on the camera's /24 for an ordinary address such as the factory
// one, anywhere in 169.254.0.0/16 for a link-local one. The host part is
// drawn at random from a part of the range that routers and cameras rarely
// use, and is never the camera's own address nor one avoid rejects (this
// computer's own addresses, say). It fails for anything but IPv4.
func For(camera netip.Addr, avoid func(netip.Addr) bool) (netip.Prefix, error) {
	camera = camera.Unmap()
	if !camera.Is4() || camera.IsLoopback() || camera.IsMulticast() || camera.IsUnspecified() {
		return netip.Prefix{}, fmt.Errorf("hostaddr: no temporary address for %s: only an IPv4 camera address can be reached this way", camera)
	}
	if avoid == nil {
		avoid = func(netip.Addr) bool { return false }
	}
	b := camera.As4()
	linkLocal := b[0] == 169 && b[1] == 254
	for range 64 {
		r, err := random()
		if err != nil {
			return netip.Prefix{}, err
		}
		c := b
		if linkLocal {
			// RFC 3927 leaves 169.254.0.x and 169.254.255.x reserved.
			c[2] = byte(1 + r%254)
			c[3] = byte(1 + (r>>8)%254)
		} else {
			// .200–.249: clear of a router's .1 and .254 and of the
			// low addresses DHCP servers hand out first.
			c[3] = byte(200 + r%50)
		}
		a := netip.AddrFrom4(c)
		if a == camera || avoid(a) {
			continue
		}
		bits := 24
		if linkLocal {
			bits = 16
		}
		return netip.PrefixFrom(a, bits), nil
	}
	return netip.Prefix{}, errors.New("hostaddr: no free temporary address found")
}

func random() (uint32, error) {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		return 0, fmt.Errorf("hostaddr: random address: %w", err)
	}
	return binary.BigEndian.Uint32(b[:]), nil
}

// Mask is p's network size written the way every system's settings ask for
// it: 255.255.255.0.
func Mask(p netip.Prefix) string { return addrplan.MaskText(p.Bits()) }
