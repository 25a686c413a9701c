// Package camsim is a simulated Axis network camera: the thing every test,
// benchmark and demo of OpenIPU talks to instead of real hardware.
//
// It answers over real sockets (HTTP and HTTPS with a per-camera self-signed
// certificate) the way AXIS OS 10.12, 11.11 and 12.9 do, byte for byte where
// recordings of real devices exist (the facts are in docs/protocol.md):
// anonymous systemready and basic device info, the factory-default setup state
// with its 401 + "Axis-Setup: vapix" answers, the first-account rules of
// pwdgrp.cgi, Digest authentication with realm AXIS_<MAC> and stale nonces,
// Basic over HTTPS, the brute-force lockout, param.cgi, firmware management,
// the legacy reset CGIs and network_settings.cgi. A factory default or restart
// takes the camera off the network for a while, as a real one does, and it comes
// back on the same ports with a new boot id, and (after a factory default) no
// users and a new certificate.
//
// A test typically does:
//
//	cam, err := camsim.New(camsim.Config{Generation: camsim.Gen12, ResetDowntime: 300 * time.Millisecond})
//	if err != nil { ... }
//	if err := cam.Start(); err != nil { ... }
//	defer cam.Close()
//	// talk to cam.HTTPURL() / cam.HTTPSURL(); inspect cam.Snapshot();
//	// cam.SetFaults(camsim.Faults{...}) to misbehave; cam.PowerCycle(true) for a button reset.
//
// Config.Latency (FleetConfig.Latency for many) makes every answer wait a
// random while, as a camera on a site network does; Camera.Requests and
// AwaitRequests count what the camera was sent.
//
// Where the protocol facts are unconfirmed (marked [I] in docs/protocol.md)
// the simulator picks one plausible behaviour and says so in a comment (and
// in docs/protocol.md, Simulator choices); clients must stay tolerant there.
//
// It deliberately does not import core/vapix: it is written from the protocol
// facts, not from the client, so that it catches the client's mistakes.
package camsim
