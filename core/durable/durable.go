// Package durable makes a file's new name survive a crash: the folder that
// holds the name is flushed after the name is given, and the temporary files
// a killed process left on the way are cleared away later.
package durable

import (
	"os"
	"path/filepath"
	"time"
)

// RemoveStale deletes the regular files in dir whose names match pattern
// (as filepath.Match reads it) and that were last written more than
// olderThan before now. A temporary file lives only between writing and
// naming; an older one was left by a process killed in between, and would
// otherwise stay forever. Failures are ignored: clearing up is never a
// reason to refuse the write that follows.
func RemoveStale(dir, pattern string, olderThan time.Duration, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if ok, _ := filepath.Match(pattern, e.Name()); !ok || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > olderThan {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
