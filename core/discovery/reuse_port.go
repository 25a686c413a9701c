package discovery

import "github.com/openipu/openipu/core/netif"

// reuseAddrControl lets our passive sockets share their port with other
// programs that allowed sharing it too: 5353 with the system's own mDNS
// responder (Avahi, mDNSResponder, Bonjour for Windows) and with browsers,
// 1900 with Windows' SSDP Discovery service, miniupnpd or a media server.
// netif.SharePort sets SO_REUSEADDR on Windows (where a socket can share a
// port only with holders that allowed it, and never with one that asked
// for SO_EXCLUSIVEADDRUSE) and SO_REUSEADDR plus SO_REUSEPORT on Linux,
// macOS and the BSDs. The simulator's responders share through the same
// function.
var reuseAddrControl = netif.SharePort
