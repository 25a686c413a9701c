package tlspin

import "golang.org/x/sys/windows"

// replace renames from to to. Windows has no folder to sync (a folder
// cannot be opened for writing, and FlushFileBuffers refuses a folder
// handle); MOVEFILE_WRITE_THROUGH is its way of making the rename durable
// before it returns.
func replace(from, to string) error {
	f, err := windows.UTF16PtrFromString(from)
	if err != nil {
		return err
	}
	t, err := windows.UTF16PtrFromString(to)
	if err != nil {
		return err
	}
	return windows.MoveFileEx(f, t, windows.MOVEFILE_REPLACE_EXISTING|windows.MOVEFILE_WRITE_THROUGH)
}
