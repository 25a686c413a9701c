// Package ssdpresp is the camera simulator's SSDP/UPnP responder: one
// responder answers M-SEARCH and sends NOTIFYs for a whole fleet of
// simulated cameras, each from its own IPv4 address, with the bytes real
// Axis cameras (libupnp) send (docs/protocol.md, SSDP), and serves each
// camera's /rootdesc1.xml.
//
// Cameras on AXIS OS 12 ship with SSDP and UPnP off, so they stay silent
// unless Options.EnableOnGen12 is set.
//
// It implements camsim.Announcer. It reads M-SEARCH on a socket of its
// own, which reports the interface each one arrived on, so that a camera
// answers only what reached its link; the replies are built here, because
// go-ssdp's builder does not reproduce the camera's header set and order.
package ssdpresp
