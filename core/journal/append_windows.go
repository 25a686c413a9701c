package journal

import (
	"os"

	"golang.org/x/sys/windows"
)

// appendLocked writes line at the end of f while holding a byte-range lock
// that every OpenIPU journal writer takes, in this process or another.
//
// Go opens an O_APPEND file with FILE_APPEND_DATA alone, and NTFS then puts
// each write whole at the end; but that is the file system's promise, not
// Windows', and Wine 8 does not keep it (two handles appending at once
// overwrite parts of each other's lines there). The lock makes a whole line the unit whatever is underneath. It
// sits far past any real journal's end, so readers, who take no lock, are
// never refused a byte they want: Windows' locks are mandatory.
func appendLocked(f *os.File, line []byte) error {
	h := windows.Handle(f.Fd())
	ol := func() *windows.Overlapped { return &windows.Overlapped{OffsetHigh: lockOffsetHigh} }
	if err := windows.LockFileEx(h, windows.LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, ol()); err != nil {
		return &os.PathError{Op: "lock", Path: f.Name(), Err: err}
	}
	defer windows.UnlockFileEx(h, 0, 1, 0, ol())
	_, err := f.Write(line)
	return err
}

// lockOffsetHigh puts the lock at byte 2^62, which no journal reaches.
const lockOffsetHigh = 1 << 30
