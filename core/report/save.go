package report

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/openipu/openipu/core/durable"
	"github.com/openipu/openipu/core/owneronly"
)

const (
	// tempPattern names a document being written; the dot hides it in
	// file managers.
	tempPattern = ".openipu-document-*.tmp"
	// staleAfter: a temporary file lives while one document is written
	// (well under a minute for hundreds of cameras); an older one was
	// left by a killed process, and may be a credentials sheet.
	staleAfter = 10 * time.Minute
)

// Tests replace these to make a step of saving fail or race.
var (
	link   = os.Link
	rename = renameNoReplace
	now    = time.Now
)

// SaveFile writes a document to path through write, so that the file
// appears complete or not at all: write fills a temporary file beside
// path, which is flushed to disk and only then given its name, and the
// folder is flushed after that so the name survives a power cut.
//
// An existing file at path is replaced only when overwrite is true;
// otherwise SaveFile fails with an *Error of Kind Exists, before write is
// called and again at the moment of naming, should a file have appeared
// meanwhile. On any failure the temporary file is removed, and a file
// already at path is left as it was.
//
// The file is readable by its owner only: it may be the credentials sheet,
// and a report names a site's people and addresses.
func SaveFile(path string, overwrite bool, write func(io.Writer) error) error {
	if !overwrite {
		if _, err := os.Lstat(path); err == nil {
			return &Error{Kind: Exists, Path: path}
		}
	}
	dir := filepath.Dir(path)
	durable.RemoveStale(dir, tempPattern, staleAfter, now())
	tmp, err := writeTemp(dir, write)
	if err != nil {
		return &Error{Kind: CannotWrite, Path: path, Err: err}
	}
	defer os.Remove(tmp) // a no-op once it has been renamed

	if overwrite {
		// Replace flushes the folder after the rename itself.
		if err := durable.Replace(tmp, path); err != nil {
			return &Error{Kind: CannotWrite, Path: path, Err: err}
		}
		return nil
	}
	if err := place(tmp, path); err != nil {
		return err
	}
	if err := durable.SyncDir(dir); err != nil {
		return &Error{Kind: CannotWrite, Path: path, Err: fmt.Errorf("flush the folder: %w", err)}
	}
	return nil
}

func writeTemp(dir string, write func(io.Writer) error) (string, error) {
	f, err := os.CreateTemp(dir, tempPattern)
	if err != nil {
		return "", err
	}
	// CreateTemp makes the file 0600; on Windows Restrict does that,
	// before anything is in it. Best effort, as on a file system without
	// permissions.
	_ = owneronly.Restrict(f.Name())
	bw := bufio.NewWriterSize(f, 64<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		if rerr := os.Remove(f.Name()); rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
			err = errors.Join(err, rerr)
		}
		return "", err
	}
	return f.Name(), nil
}

// place gives the finished temporary file its name without ever replacing
// a file. A hard link fails when the name is taken, which a plain rename
// does not; file systems without hard links (FAT on a USB stick, some
// network shares) get a check-then-rename, which on Unix leaves a tiny
// window for a file appearing at that instant (Windows' rename refuses to
// replace, see renameNoReplace).
func place(tmp, path string) error {
	err := link(tmp, path)
	if errors.Is(err, os.ErrExist) {
		return &Error{Kind: Exists, Path: path}
	}
	if err == nil {
		return nil
	}
	if _, serr := os.Lstat(path); serr == nil {
		return &Error{Kind: Exists, Path: path}
	}
	if err := rename(tmp, path); errors.Is(err, os.ErrExist) {
		return &Error{Kind: Exists, Path: path}
	} else if err != nil {
		return &Error{Kind: CannotWrite, Path: path, Err: err}
	}
	return nil
}
