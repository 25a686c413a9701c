package discovery

import "github.com/openipu/openipu/core/netif"

// reuseAddrControl lets our passive mDNS socket share port 5353 with the
// system's own responder (Avahi, mDNSResponder, Bonjour for Windows) and
// with browsers; the simulator's responder shares it through the same
// netif.SharePort.
var reuseAddrControl = netif.SharePort
