//go:build darwin

package arpping

import "os"

// privileged: arp -s needs root on macOS; the pings can go without it.
func privileged() bool { return os.Geteuid() == 0 }

const supported = true
