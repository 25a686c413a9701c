package mcast

import (
	"net/netip"

	"github.com/openipu/openipu/core/camsim"
)

// CameraAddr is the IPv4 address a camera speaks from: its HTTP address, or
// its HTTPS one when HTTP is off. ok is false when it has no IPv4 address,
// and then it cannot be announced.
func CameraAddr(info camsim.AnnounceInfo) (ip netip.Addr, ok bool) {
	ip = info.HTTPAddr.Addr()
	if !info.HTTPAddr.IsValid() {
		ip = info.HTTPSAddr.Addr()
	}
	ip = ip.Unmap()
	return ip, ip.Is4()
}
