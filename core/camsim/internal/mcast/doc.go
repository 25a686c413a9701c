// Package mcast is what the simulator's multicast responders (mdnsresp,
// ssdpresp) share: finding the interfaces to listen on and the one holding a
// camera's address, sending each camera's packets from that address, the
// bounded delayed sends, locked random source, flood pacing and lifetime
// both need to answer a whole fleet from one socket without a goroutine per
// camera.
package mcast
