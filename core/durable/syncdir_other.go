//go:build !unix

package durable

// SyncDir does nothing here: Windows offers no folder flush (a folder
// cannot be opened for writing, and FlushFileBuffers refuses a folder
// handle), and NTFS records a new name in its metadata journal, so after a
// crash the folder holds the file or not, never a damaged entry; a rename
// that must be durable before it returns asks for MOVEFILE_WRITE_THROUGH
// instead. The other systems without "unix" offer no way to flush a folder
// either.
func SyncDir(string) error { return nil }
