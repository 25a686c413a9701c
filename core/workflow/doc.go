// Package workflow holds what a user does to a camera: set its first
// password (on one camera or many), factory default it (settings backed up
// first), restart it, change its network settings and find it again at its
// new address, back up its settings, and give it an address by its MAC
// (ARP/Ping).
//
// The window's dialogs and the command-line tool both call these functions,
// so each workflow exists once: the order of its steps, the safety rules
// (identify the camera before asking for a password; trust the MAC learned
// by discovery over what a device claims; send nothing when the backup
// before a reset fails), what is recorded in the journal, and the
// plain-language sentences for each step and outcome. The front-ends only
// turn Progress into widgets or lines on stderr.
//
// A workflow reaches cameras through an Env: a Connector that opens a
// camera client (the real network, or the simulated office in demo mode)
// and a Recorder for the journal. NewConnector reaches every camera over
// HTTPS when it offers it, with its certificate pinned under the MAC
// discovery learned; a camera reached over plain HTTP gets a password only
// after the user was warned (StepNoEncryption) and agreed
// (Env.ConfirmPlainHTTP). Nothing here holds a password longer than the
// call that uses it, and no record carries one.
package workflow
