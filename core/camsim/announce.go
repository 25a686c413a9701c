package camsim

import "net/netip"

// Announcer is a discovery responder (SSDP, mDNS) for one or more cameras.
// The camera calls it synchronously from its own lifecycle, so it must return
// quickly and must not call back into the camera.
type Announcer interface {
	// Announce: the camera is coming onto the network (Start, back after a
	// reset, moved). It is called before the camera answers there or
	// reports itself online, so whoever sees it there finds it announced.
	Announce(info AnnounceInfo)
	// Withdraw: the camera is leaving (Close, and going down for a reset).
	Withdraw(info AnnounceInfo)
}

// AnnounceInfo is what a discovery responder needs to answer for a camera.
type AnnounceInfo struct {
	MAC           string // 12 uppercase hex, also the serial number
	Model         string // ProdNbr, e.g. "M1075-L"
	ProdShortName string // e.g. "AXIS M1075-L"
	FullName      string // e.g. "AXIS M1075-L Box Camera"
	Firmware      string // e.g. "11.11.192"
	Generation    Generation
	HTTPAddr      netip.AddrPort
	HTTPSAddr     netip.AddrPort // invalid when HTTPS is off
	// Addrs are every address the camera answers on, HTTPAddr's first (a
	// routable one before the link-local one): mDNS publishes them all.
	Addrs      []netip.Addr
	NeedsSetup bool
	// FriendlyNameUPnP is "AXIS <model> - <MAC>" (Network.UPnP.FriendlyName).
	FriendlyNameUPnP string
	// FriendlyNameBonjour is the mDNS instance name: "AXIS <model> - <MAC>"
	// on 10.12, the bare "AXIS <model>" on 11.11 and 12.9 (recorded).
	FriendlyNameBonjour string
}
