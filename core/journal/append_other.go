//go:build !windows

package journal

import "os"

// appendLocked writes line at the end of f. O_APPEND on Unix puts each
// write whole at the end, even with other processes appending.
func appendLocked(f *os.File, line []byte) error {
	_, err := f.Write(line)
	return err
}
