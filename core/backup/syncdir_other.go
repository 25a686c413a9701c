//go:build !unix

package backup

// syncDir does nothing here: Windows offers no folder flush (a folder
// cannot be opened for writing, and FlushFileBuffers refuses a folder
// handle), and NTFS records the new name in its metadata journal, so after a
// crash the folder holds the backup or not, never a damaged entry. The other
// systems without "unix" offer no way to flush a folder either.
func syncDir(string) error { return nil }
