//go:build !windows && (!unix || aix || hurd)

package tlspin

import "os"

// Systems without flock (AIX, the Hurd, WebAssembly, Plan 9) get no
// cross-process lock: the in-process mutex and the re-read before each
// write still keep one process's pins, and OpenIPU is not shipped for them.
func lockFile(*os.File) error { return nil }

func unlockFile(*os.File) error { return nil }
