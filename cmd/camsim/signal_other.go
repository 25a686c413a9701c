//go:build !unix

package main

import "os"

// resetSignals: Windows has no SIGUSR1; use --control there.
var resetSignals []os.Signal
