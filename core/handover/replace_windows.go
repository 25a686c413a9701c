//go:build windows

package handover

import (
	"golang.org/x/sys/windows"

	"github.com/openipu/openipu/core/durable"
)

// replace gives the finished temporary file the session's name, replacing
// the old file, and asks Windows to have the new name on disk before it
// returns.
func replace(from, to string) error {
	return durable.MoveFile(from, to, windows.MOVEFILE_REPLACE_EXISTING|windows.MOVEFILE_WRITE_THROUGH)
}
