// Package report writes what a handover leaves behind on paper: the
// handover report (PDF and CSV) that the receiving side signs, the list of
// cameras the main window exports, and, only when the user asks, the
// credentials sheet for the new owner.
//
// The report cannot hold a password: nothing it is built from has a field
// for one (see TestReportInputsHaveNoPasswordField). The credentials sheet
// is a separate document with its own functions, built from memory and
// written only to the writer it is given.
//
// Every heading and fixed sentence is a usermsg.Message, rendered through
// Options.Translate so that the window can print the report in the
// reader's language without core/ importing Fyne. Values that scripts read
// (MAC, serial, firmware, addresses, ISO times) are never translated.
package report
