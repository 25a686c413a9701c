// Package handover keeps the record of one building's cameras being handed
// over: the site, who hands it over and who receives it, and for every
// camera a checklist of what was done and when (found, settings backed up,
// reset, first password set and verified, name and location, network
// settings, clock, firmware, snapshot).
//
// The checklist ticks itself: a Live session is a workflow recorder, so
// every journal entry a workflow writes (for the window and the command
// line alike) is applied to it as it happens. A step done outside OpenIPU
// is ticked by hand, with a note saying how.
//
// Sessions are saved after every change, atomically, in the user's
// configuration folder, so closing the program or losing power loses
// nothing. A session file has no field where a password could go: its
// shape, like the journal's, is named, typed fields only.
package handover
