//go:build !windows

package handover

import "os"

// replace gives the finished temporary file the session's name, replacing
// the old file in one step.
func replace(from, to string) error { return os.Rename(from, to) }
