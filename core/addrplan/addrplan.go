// Package addrplan gives a list of cameras one fixed address each from a
// range, the way installers' range tools do: from a start address upwards,
// in a chosen order, never the network's own or broadcast address, this
// computer's address or the gateway, and (when asked) not an address where
// something already answers. It only plans; the window shows the plan
// before anything is sent, and core/workflow changes each camera.
package addrplan

import (
	"net/netip"
	"slices"
)

// The prefix lengths a plan accepts: those a camera's fixed address may
// have (vapix.NetworkConfig.Validate), so every planned address can be
// sent.
const (
	MinBits = 8
	MaxBits = 30
)

// Request is what a plan is made from.
type Request struct {
	// Start is the first address to give; Bits the network's prefix
	// length (24: subnet mask 255.255.255.0).
	Start netip.Addr
	Bits  int
	// Last, when valid, is the last address to give; otherwise the range
	// runs to the end of Start's network.
	Last netip.Addr
	// Cameras are the cameras' MACs, in the order they get addresses.
	Cameras []string
	// Gateway and Computer are never given to a camera.
	Gateway  netip.Addr
	Computer []netip.Addr
	// Holders are the addresses where a camera of Cameras is now (address
	// to MAC). Such an address answers because that camera is there: it
	// is that camera's if its turn comes there, and skipped otherwise,
	// without asking InUse. Re-running a plan therefore leaves cameras
	// that already have their address where they are.
	Holders map[netip.Addr]string
	// InUse, when set, says whether something already answers at an
	// address; such addresses are skipped. It is asked in order, at most
	// once per address, and only about addresses the plan would give.
	InUse func(netip.Addr) bool
}

// Assignment is one camera's new address.
type Assignment struct {
	MAC  string
	Addr netip.Addr
	// Stays: the camera is at this address already.
	Stays bool
}

// Reason is why an address of the range was not given.
type Reason int

const (
	// NetworkAddress: the network's own address (all host bits 0).
	NetworkAddress Reason = iota + 1
	// BroadcastAddress: the network's broadcast address (all host bits 1).
	BroadcastAddress
	// ComputerAddress: this computer has it.
	ComputerAddress
	// GatewayAddress: the network's router has it.
	GatewayAddress
	// Answers: something already answers there.
	Answers
	// OtherCamera: another camera of the list is there now.
	OtherCamera
)

var reasonNames = map[Reason]string{
	NetworkAddress: "network address", BroadcastAddress: "broadcast address", ComputerAddress: "this computer",
	GatewayAddress: "gateway", Answers: "already answers", OtherCamera: "another camera of the list",
}

func (r Reason) String() string { return reasonNames[r] }

// Skip is an address of the range that was passed over, and why.
type Skip struct {
	Addr   netip.Addr
	Reason Reason
	// MAC is the camera there, for OtherCamera.
	MAC string
}

// Plan is which camera gets which address.
type Plan struct {
	// Prefix is the network the addresses are on.
	Prefix netip.Prefix
	// Assignments are in the order of Request.Cameras; with an error,
	// only those that found an address.
	Assignments []Assignment
	// Skipped are the addresses passed over, in order, up to the last one
	// given (or the end of the range when it ran out).
	Skipped []Skip
}

// Make plans the addresses. It fails with an *Error when the request
// cannot be planned or the range runs out before every camera has an
// address; the plan then holds what could be planned, for the user to see.
func Make(req Request) (Plan, error) {
	var plan Plan
	start := req.Start.Unmap()
	if !start.Is4() {
		return plan, &Error{Kind: BadStart, Cameras: len(req.Cameras)}
	}
	if req.Bits < MinBits || req.Bits > MaxBits {
		return plan, &Error{Kind: BadBits, Bits: req.Bits, Cameras: len(req.Cameras)}
	}
	plan.Prefix = netip.PrefixFrom(start, req.Bits).Masked()
	network, broadcast := plan.Prefix.Addr(), Broadcast(plan.Prefix)
	last := broadcast
	if req.Last.IsValid() {
		l := req.Last.Unmap()
		if !plan.Prefix.Contains(l) || l.Less(start) {
			return plan, &Error{Kind: BadLast, Start: start, Last: l, Prefix: plan.Prefix, Cameras: len(req.Cameras)}
		}
		last = l
	}
	gateway := req.Gateway.Unmap()
	computer := make(map[netip.Addr]bool, len(req.Computer))
	for _, c := range req.Computer {
		computer[c.Unmap()] = true
	}
	holders := make(map[netip.Addr]string, len(req.Holders))
	for a, mac := range req.Holders {
		holders[a.Unmap()] = mac
	}

	next := 0
	for a := start; next < len(req.Cameras) && a.IsValid() && !last.Less(a); a = a.Next() {
		mac := req.Cameras[next]
		skip := func(r Reason) { plan.Skipped = append(plan.Skipped, Skip{Addr: a, Reason: r}) }
		switch holder, held := holders[a]; {
		case a == network:
			skip(NetworkAddress)
		case a == broadcast:
			skip(BroadcastAddress)
		case computer[a]:
			skip(ComputerAddress)
		case a == gateway:
			skip(GatewayAddress)
		case held && holder == mac:
			plan.Assignments = append(plan.Assignments, Assignment{MAC: mac, Addr: a, Stays: true})
			next++
		case held:
			plan.Skipped = append(plan.Skipped, Skip{Addr: a, Reason: OtherCamera, MAC: holder})
		case req.InUse != nil && req.InUse(a):
			skip(Answers)
		default:
			plan.Assignments = append(plan.Assignments, Assignment{MAC: mac, Addr: a})
			next++
		}
	}
	if next < len(req.Cameras) {
		return plan, &Error{Kind: RangeExhausted, Start: start, Last: last, Prefix: plan.Prefix, Planned: next, Cameras: len(req.Cameras)}
	}
	return plan, nil
}

// Broadcast is p's broadcast address: every host bit set.
func Broadcast(p netip.Prefix) netip.Addr {
	a := p.Masked().Addr().As4()
	host := uint32(1)<<(32-p.Bits()) - 1
	v := (uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])) | host
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

// SuggestStart is where a range on network most likely begins: just after
// the highest address already in use there (the cameras', this
// computer's), as an installer who adds cameras to a site carries on
// numbering them. With none on network it is the network's first address
// after the gateway's usual .1. ok is false when network is no IPv4
// network a plan accepts or nothing is left after the highest address.
func SuggestStart(network netip.Prefix, used []netip.Addr) (start netip.Addr, ok bool) {
	if !network.Addr().Unmap().Is4() || network.Bits() < MinBits || network.Bits() > MaxBits {
		return netip.Addr{}, false
	}
	network = netip.PrefixFrom(network.Addr().Unmap(), network.Bits()).Masked()
	var on []netip.Addr
	for _, a := range used {
		if a = a.Unmap(); network.Contains(a) {
			on = append(on, a)
		}
	}
	first := network.Addr().Next().Next()
	if len(on) == 0 {
		return first, first != Broadcast(network)
	}
	next := slices.MaxFunc(on, netip.Addr.Compare).Next()
	if !network.Contains(next) || next == Broadcast(network) {
		return netip.Addr{}, false
	}
	return next, true
}

// Gateway is the address a small network's router most often has: the
// network's first (.1 on a /24).
func Gateway(network netip.Prefix) netip.Addr {
	return network.Masked().Addr().Next()
}
