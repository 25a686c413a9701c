//go:build !unix && !windows

package durable

import "os"

// Replace gives the finished temporary file from the name to, replacing
// the file there; these systems offer no folder sync.
func Replace(from, to string) error { return os.Rename(from, to) }
