// Package owneronly keeps a new file that holds private things (the
// journal, certificate pins, camera settings backups) away from the other
// users of the computer.
//
// On Unix the permission bits a file is created with (0600) do that. On
// Windows they do not: Go turns them into at most a read-only flag, and the
// file takes the access list of its folder, which outside the user's own
// profile (a backup saved to D:\Backups, a journal on a shared drive) often
// lets every user of the computer read it.
package owneronly

// Restrict makes path, a file this program has just created, readable and
// writable by the current user only (and, on Windows, the operating system
// itself, as in the user's own profile folder). It does nothing on Unix,
// where the file's mode already says so.
func Restrict(path string) error { return restrict(path) }

// Check returns nil if path is restricted as Restrict leaves a file, and
// an error saying who else may use it otherwise.
func Check(path string) error { return check(path) }
