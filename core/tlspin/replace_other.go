//go:build !unix && !windows

package tlspin

import "os"

// replace renames from to to; these systems offer no folder sync.
func replace(from, to string) error { return os.Rename(from, to) }
