package discovery

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/usermsg"
)

// Reach says whether, and why not, this computer can open a camera.
type Reach int

const (
	ReachUnknown        Reach = iota // not checked yet
	ReachOK                          // on this computer's network and answering
	ReachFactoryAddress              // only on 192.168.0.90, which is not on this computer's network
	ReachLinkLocalOnly               // only a 169.254.x.x address, and this computer has none
	ReachOtherSubnet                 // on another network than this computer's
	ReachNoHTTP                      // seen on the network, on this computer's subnet, but its web server does not answer
	ReachLost                        // was seen, is not any more
)

var reachNames = [...]string{"unknown", "ok", "factory_address", "link_local_only", "other_subnet", "no_http", "lost"}

func (r Reach) String() string {
	if int(r) < len(reachNames) {
		return reachNames[r]
	}
	return "unknown"
}

// FactoryAddress is where AXIS OS up to 11.x falls back to without DHCP.
var FactoryAddress = netip.MustParseAddr("192.168.0.90")

var linkLocal = netip.MustParsePrefix("169.254.0.0/16")

// Diagnosis is the plain-language reachability verdict for one camera.
type Diagnosis struct {
	Reach Reach
	What  usermsg.Message
	Next  usermsg.Message
}

// ProbeResult is what the anonymous HTTP probe found, if it ran.
type ProbeResult int

const (
	NotProbed ProbeResult = iota
	ProbeAnswered
	ProbeFailed
)

// Diagnose compares a camera's addresses with this computer's interfaces.
// It is a pure function so that every case can be tested without a network.
func Diagnose(addrs []netip.Addr, local []netif.Interface, probe ProbeResult) Diagnosis {
	var v4 []netip.Addr
	for _, a := range addrs {
		if a.Is4() || a.Is4In6() {
			v4 = append(v4, a.Unmap())
		}
	}
	reachable := false
	for _, a := range v4 {
		if onLink(a, local) {
			reachable = true
			break
		}
	}
	computer := computerNetwork(local)
	args := map[string]any{
		"Addr":     bestAddr(v4),
		"Computer": computer,
	}
	d := func(r Reach, what, next usermsg.Message) Diagnosis {
		what.Args, next.Args = args, args
		return Diagnosis{Reach: r, What: what, Next: next}
	}
	switch {
	case reachable && probe == ProbeFailed && len(addrs) > 1:
		// Every address was tried: the verdict is the camera's.
		args["Addrs"] = addrList(addrs)
		return d(ReachNoHTTP, msgNoHTTPAny, msgNoHTTPNext)
	case reachable && probe == ProbeFailed:
		return d(ReachNoHTTP, msgNoHTTP, msgNoHTTPNext)
	case probe == ProbeAnswered && (reachable || routed(v4)):
		// Answering is reaching it, through a router if it is on another
		// network (a camera VLAN behind an mDNS gateway). The factory and
		// link-local addresses are never routed: there, an answer is one
		// from before this computer changed networks.
		return d(ReachOK, msgOK, msgOKNext)
	case reachable:
		return d(ReachUnknown, msgChecking, msgCheckingNext)
	case len(v4) == 0:
		return d(ReachUnknown, msgNoAddress, msgNoAddressNext)
	}
	// Not on any local subnet: say why, most specific first.
	hasFactory, allLinkLocal := false, true
	for _, a := range v4 {
		if a == FactoryAddress {
			hasFactory = true
		}
		if !linkLocal.Contains(a) {
			allLinkLocal = false
		}
	}
	switch {
	case hasFactory:
		args["Addr"] = FactoryAddress.String()
		if computer == "" {
			return d(ReachFactoryAddress, msgNoComputerNetwork, msgFactoryNext)
		}
		return d(ReachFactoryAddress, msgFactory, msgFactoryNext)
	case allLinkLocal:
		if computer == "" {
			return d(ReachLinkLocalOnly, msgNoComputerNetwork, msgLinkLocalNext)
		}
		return d(ReachLinkLocalOnly, msgLinkLocal, msgLinkLocalNext)
	default:
		args["CameraNet"] = subnetHint(bestAddr(v4))
		if computer == "" {
			return d(ReachOtherSubnet, msgNoComputerNetwork, msgOtherSubnetNext)
		}
		return d(ReachOtherSubnet, msgOtherSubnet, msgOtherSubnetNext)
	}
}

// routed reports whether any address may be reached through a router.
func routed(v4 []netip.Addr) bool {
	for _, a := range v4 {
		if a != FactoryAddress && !linkLocal.Contains(a) {
			return true
		}
	}
	return false
}

// addrList names up to three addresses, for "does not answer at 10.0.4.5,
// 169.254.3.4": the rest add nothing a reader can act on.
func addrList(addrs []netip.Addr) string {
	var names []string
	for _, a := range addrs[:min(len(addrs), 3)] {
		names = append(names, a.String())
	}
	return strings.Join(names, ", ")
}

// bestAddr prefers a routable address over a link-local one in messages.
func bestAddr(v4 []netip.Addr) string {
	for _, a := range v4 {
		if !linkLocal.Contains(a) && a != FactoryAddress {
			return a.String()
		}
	}
	if len(v4) > 0 {
		return v4[0].String()
	}
	return ""
}

// computerNetwork names this computer's networks by how their addresses
// start, for "this computer uses addresses starting with 10.0.4.": people
// compare addresses, they do not read prefixes. "" without a network.
func computerNetwork(local []netif.Interface) string {
	var nets []string
	for _, i := range netif.Usable(local) {
		for _, p := range i.Prefixes {
			if linkLocal.Contains(p.Addr()) {
				continue
			}
			nets = append(nets, subnetText(p))
		}
	}
	if len(nets) == 0 {
		return ""
	}
	if len(nets) > 3 {
		nets = nets[:3]
	}
	return strings.Join(nets, ", ")
}

// subnetText is how every address of p starts, up to the last whole
// number the network fixes: "10.0.4." for a /24, also for a /25, whose
// addresses all start so too. A network that fixes not even the first
// number keeps its prefix.
func subnetText(p netip.Prefix) string {
	n := p.Bits() / 8
	if !p.Addr().Is4() || n == 0 {
		return p.Masked().String()
	}
	b := p.Addr().As4()
	var start strings.Builder
	for _, octet := range b[:min(n, 3)] {
		fmt.Fprintf(&start, "%d.", octet)
	}
	return start.String()
}

// subnetHint guesses the camera's /24 for advice ("an address starting
// with 192.168.0.").
func subnetHint(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil || !a.Is4() {
		return addr
	}
	return subnetText(netip.PrefixFrom(a, 24))
}

// The diagnosis messages. Keys are stable; gui/ translates them.
var (
	msgOK            = usermsg.Message{Key: "discovery.reach.ok", Text: "Reachable at {{.Addr}}."}
	msgOKNext        = usermsg.Message{Key: "discovery.reach.ok.next", Text: "Nothing to do."}
	msgChecking      = usermsg.Message{Key: "discovery.reach.checking", Text: "Found at {{.Addr}}; checking that it answers."}
	msgCheckingNext  = usermsg.Message{Key: "discovery.reach.checking.next", Text: "Wait a moment."}
	msgNoAddress     = usermsg.Message{Key: "discovery.reach.no_address", Text: "This camera announced itself without an IPv4 address."}
	msgNoAddressNext = usermsg.Message{Key: "discovery.reach.no_address.next",
		Text: "Restart the camera, or connect it to a network with a DHCP server."}
	msgFactory = usermsg.Message{Key: "discovery.reach.factory_address",
		Text: "This camera is on {{.Addr}}, the factory address, but this computer uses addresses starting with {{.Computer}}"}
	msgFactoryNext = usermsg.Message{Key: "discovery.reach.factory_address.next",
		Text: "Press 'Give this camera an address': OpenIPU reaches it (this computer takes an address starting with 192.168.0. for a while, or the camera one on your network), then sets its password and the address it keeps."}
	msgLinkLocal = usermsg.Message{Key: "discovery.reach.link_local_only",
		Text: "This camera only has the automatic address {{.Addr}}: it found no DHCP server, and this computer uses addresses starting with {{.Computer}}"}
	msgLinkLocalNext = usermsg.Message{Key: "discovery.reach.link_local_only.next",
		Text: "Press 'Give this camera an address': OpenIPU reaches it (this computer takes an automatic address starting with 169.254. for a while, or the camera one on your network), then sets its password and the address it keeps."}
	msgOtherSubnet = usermsg.Message{Key: "discovery.reach.other_subnet",
		Text: "This camera is on {{.Addr}}, another network than this computer's, which uses addresses starting with {{.Computer}}"}
	msgOtherSubnetNext = usermsg.Message{Key: "discovery.reach.other_subnet.next",
		Text: "Press 'Give this camera an address' to move it to your network, or give this computer an address starting with {{.CameraNet}} too."}
	// msgNoComputerNetwork stands for the three above when this computer
	// has no address of its own to compare with.
	msgNoComputerNetwork = usermsg.Message{Key: "discovery.reach.no_computer_network",
		Text: "This camera is on {{.Addr}}, but this computer has no network address to reach it from."}
	msgNoHTTP = usermsg.Message{Key: "discovery.reach.no_http",
		Text: "This camera announced itself at {{.Addr}}, but its web server does not answer."}
	msgNoHTTPAny = usermsg.Message{Key: "discovery.reach.no_http_any",
		Text: "This camera announced itself, but its web server answers at none of its addresses ({{.Addrs}})."}
	msgNoHTTPNext = usermsg.Message{Key: "discovery.reach.no_http.next",
		Text: "It may still be starting: wait a minute. If it stays like this, a firewall may block it, or another device may use the same address."}
)

// Engine-wide diagnosis when nothing answers at all.
var (
	MsgNothingFound = usermsg.Message{Key: "discovery.nothing_found",
		Text: "No camera has answered on any network connection of this computer."}
	MsgNothingFoundNext = usermsg.Message{Key: "discovery.nothing_found.next",
		Text: "Check the network cable and that the cameras have power. A firewall may be blocking the search: allow OpenIPU in it (on a Mac, allow 'Local Network' access in System Settings > Privacy & Security). You can also add a camera by its IP address."}
)

// Messages lists every message discovery can show a user, for translators
// and for the test that keeps the English catalogue complete.
func Messages() []usermsg.Message {
	out := []usermsg.Message{
		msgOK, msgOKNext, msgChecking, msgCheckingNext, msgNoAddress, msgNoAddressNext,
		msgFactory, msgFactoryNext, msgLinkLocal, msgLinkLocalNext, msgOtherSubnet, msgOtherSubnetNext, msgNoComputerNetwork,
		msgNoHTTP, msgNoHTTPAny, msgNoHTTPNext, msgAddressTaken, msgAddressTakenNext, msgLost, msgLostNext, MsgNothingFound, MsgNothingFoundNext,
		MsgAnnouncementsUnheard, MsgAnnouncementsNotListening, MsgAnnouncementsUnheardNext,
		MsgJoining, MsgJoiningMany,
	}
	out = append(out, StateMessages()...)
	return append(out, usermsg.Catalogue(errorMessages)...)
}
