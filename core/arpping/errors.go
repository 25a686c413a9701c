package arpping

import (
	"errors"
	"fmt"

	"github.com/openipu/openipu/core/usermsg"
)

// Kind says why an assignment failed, in terms a window can act on. A Kind
// is itself an error so that errors.Is(err, arpping.NeedsAdmin) works.
type Kind int

const (
	Unknown           Kind = iota
	InvalidRequest         // the MAC or the address cannot be used
	InterfaceNotFound      // no network connection of that name
	NotOnNetwork           // the address is not on that connection's network
	AddressInUse           // something already answers at the address
	NeedsAdmin             // the OS wants administrator rights for this
	NotPossible            // this computer or OS cannot do it
	NotTaken               // the pings went out, the camera did not take the address
	Canceled               // the user stopped it
)

var kindNames = [...]string{
	Unknown: "unknown", InvalidRequest: "invalid request", InterfaceNotFound: "interface not found",
	NotOnNetwork: "address not on this network", AddressInUse: "address in use", NeedsAdmin: "needs administrator rights",
	NotPossible: "not possible here", NotTaken: "camera did not take the address", Canceled: "canceled",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Error makes a Kind usable as an errors.Is target.
func (k Kind) Error() string { return k.String() }

// Error is every failure Assign returns. It never holds a password: ARP/Ping
// needs none.
type Error struct {
	Kind      Kind
	Addr      string // the address being assigned
	MAC       string // the camera, 12 uppercase hex digits
	Interface string
	// Detail is what the operating system said, if anything.
	Detail string
	Err    error
}

func (e *Error) Error() string {
	s := "assign " + e.Addr + " to " + e.MAC + ": " + e.Kind.String()
	if e.Interface != "" {
		s += " (on " + e.Interface + ")"
	}
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
		map[string]any{"Addr": e.Addr, "MAC": e.MAC, "Interface": e.Interface, "Detail": e.Detail})
}

// KindOf returns the Kind of err, or Unknown.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Unknown
}

// messages: what happened, then what to do. Keys are stable; gui/
// translates them.
var messages = map[Kind][2]usermsg.Message{
	Unknown: {
		{Key: "arpping.unknown", Text: "Giving the camera the address {{.Addr}} did not work ({{.Detail}})."},
		{Key: "arpping.unknown.next", Text: "Unplug the camera's power, plug it back in, and try again at once."},
	},
	InvalidRequest: {
		{Key: "arpping.invalid_request", Text: "The camera's MAC address or the address {{.Addr}} cannot be used for this."},
		{Key: "arpping.invalid_request.next", Text: "Choose a free address on your own network, such as one your other devices use but with a different last number."},
	},
	InterfaceNotFound: {
		{Key: "arpping.interface_not_found", Text: "This computer has no network connection called {{.Interface}}."},
		{Key: "arpping.interface_not_found.next", Text: "Check that the network cable is plugged in, then choose the connection again."},
	},
	NotOnNetwork: {
		{Key: "arpping.not_on_network", Text: "The address {{.Addr}} is not on the network of the connection {{.Interface}}."},
		{Key: "arpping.not_on_network.next", Text: "Choose an address on this computer's own network: the same first three numbers as this computer's address, and a last number nobody uses."},
	},
	AddressInUse: {
		{Key: "arpping.address_in_use", Text: "Another device already answers at {{.Addr}}."},
		{Key: "arpping.address_in_use.next", Text: "Choose an address nobody uses. If it is this camera that answers, it already has the address: search for cameras again."},
	},
	NeedsAdmin: {
		{Key: "arpping.needs_admin", Text: "Giving a camera an address this way needs administrator rights on this computer."},
		{Key: "arpping.needs_admin.next", Text: "Start OpenIPU as administrator once and try again. Or, without administrator rights: give this computer a second address starting with 192.168.0. (such as 192.168.0.100), or connect it straight to the camera with a network cable."},
	},
	NotPossible: {
		{Key: "arpping.not_possible", Text: "This computer cannot give a camera an address this way ({{.Detail}})."},
		{Key: "arpping.not_possible.next", Text: "It only works when the camera is on the same network as this computer, with no router between them, and usually not over Wi-Fi. Give this computer a second address starting with 192.168.0. (such as 192.168.0.100), or connect it straight to the camera with a network cable."},
	},
	NotTaken: {
		{Key: "arpping.not_taken", Text: "The camera did not take the address {{.Addr}}."},
		{Key: "arpping.not_taken.next", Text: "A camera only accepts this in about the first 2 minutes after it is switched on, and only if this has not been switched off on the camera, as a camera set up for high security may have it. Unplug its power, plug it back in, and try again at once."},
	},
	Canceled: {
		{Key: "arpping.canceled", Text: "Stopped before the camera took the address {{.Addr}}."},
		{Key: "arpping.canceled.next", Text: "Nothing was changed on this computer. Start again whenever you are ready."},
	},
}

// What Available says, and what Assign reports while it works.
var (
	msgAvailable = usermsg.Message{Key: "arpping.available",
		Text: "This computer can give a camera an address through {{.Interface}}."}
	msgAvailableNeedsAdmin = usermsg.Message{Key: "arpping.available.needs_admin",
		Text: "This needs administrator rights. Start OpenIPU as administrator once, or give this computer a second address starting with 192.168.0. (such as 192.168.0.100), or connect it straight to the camera with a network cable."}
	msgAvailableUnsupported = usermsg.Message{Key: "arpping.available.unsupported",
		Text: "This is not possible on this kind of computer. Give this computer a second address starting with 192.168.0. (such as 192.168.0.100), or connect it straight to the camera with a network cable."}
	msgAvailableNoInterface = usermsg.Message{Key: "arpping.available.interface_not_found",
		Text: "This computer has no network connection called {{.Interface}}."}

	msgProgressNeighbour = usermsg.Message{Key: "arpping.progress.neighbour",
		Text: "This computer now sends everything for {{.Addr}} to the camera {{.MAC}}."}
	msgProgressPing = usermsg.Message{Key: "arpping.progress.ping",
		Text: "Calling the camera at {{.Addr}} ({{.Attempt}}); {{.Seconds}} seconds left."}
	msgProgressAnswered = usermsg.Message{Key: "arpping.progress.answered",
		Text: "The camera answers at {{.Addr}}."}
	msgProgressCleanedUp = usermsg.Message{Key: "arpping.progress.cleaned_up",
		Text: "This computer's temporary entry for {{.Addr}} is removed."}
)

// Messages lists every message this package can show a user, for
// translators and for the test that keeps the English catalogue complete.
func Messages() []usermsg.Message {
	out := []usermsg.Message{
		msgAvailable, msgAvailableNeedsAdmin, msgAvailableUnsupported, msgAvailableNoInterface,
		msgProgressNeighbour, msgProgressPing, msgProgressAnswered, msgProgressCleanedUp,
	}
	return append(out, usermsg.Catalogue(messages)...)
}
