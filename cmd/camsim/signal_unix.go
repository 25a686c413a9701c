//go:build unix

package main

import (
	"os"
	"syscall"
)

// resetSignals power-cycle every camera with its control button held, for
// trying the guided reset by hand: kill -USR1 <camsim>.
var resetSignals = []os.Signal{syscall.SIGUSR1}
