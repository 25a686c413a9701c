// Package mdnsresp is the camera simulator's Multicast DNS / DNS-SD
// responder: one responder answers for a whole fleet of simulated cameras,
// each from its own IPv4 address, the way real Axis devices do
// (docs/protocol.md, mDNS; RFC 6762, RFC 6763).
//
// Per camera it publishes _axis-video, _http, _https and _rtsp (and, from
// AXIS OS 11, _vapix-http and _vapix-https) with the recorded instance names
// and TXT records, an A record for axis-<mac>.local, and the DNS-SD service
// enumeration. It answers queries 20–120 ms late as RFC 6762 §6 asks,
// honours known-answer suppression, legacy unicast and the QU bit, announces
// twice when a camera appears and says goodbye when it leaves. Duplicate
// instance names get " (2)", " (3)"… as real devices do after probing.
//
// It implements camsim.Announcer. Nothing here runs per camera: one socket,
// one reader goroutine, and timers for delayed answers.
package mdnsresp
