package backup

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/openipu/openipu/core/durable"
	"github.com/openipu/openipu/core/owneronly"
	"github.com/openipu/openipu/core/vapix"
)

// ParamSource lists a camera's parameters; *vapix.Client is one.
type ParamSource interface {
	ListParams(ctx context.Context, groups ...string) ([]vapix.Param, []byte, error)
}

// now is the clock; tests set it to make two backups collide on one name.
var now = time.Now

// Tests replace these to make a step of writing fail.
var (
	writeData = func(f *os.File, head string, raw []byte) error {
		if _, err := f.WriteString(head); err != nil {
			return err
		}
		_, err := f.Write(raw)
		return err
	}
	link   = os.Link
	rename = renameNoReplace
)

const (
	// tempPattern names the file a backup is written to before it gets its
	// name. It starts with a dot so that file managers hide it.
	tempPattern = ".openipu-backup-*.tmp"
	// staleAfter is how old a temporary file must be before a Save into
	// its folder deletes it. One lives for the milliseconds between writing
	// and naming a backup; an older one was left by a process that was
	// killed, and it holds a full copy of a camera's settings.
	staleAfter = time.Minute
)

// Save fetches every parameter from src and writes them to a new file.
//
// dest is either a file path, or a folder (an existing one, or any path
// ending in a separator, or "" for DefaultDir) in which the file gets the
// FileName name. A file the user named is never replaced: Save fails with
// Exists before asking the camera anything. In a folder, a name already taken
// gets a "-2", "-3"... suffix instead.
//
// The file appears complete or not at all: it is written to a temporary file
// beside it, flushed, and only then given its name, and the folder is
// flushed after that so the name survives a power cut. The temporary file is
// removed on every path; ones left in the folder by a killed process are
// removed once they are a minute old.
func Save(ctx context.Context, src ParamSource, id Identity, dest string) (string, error) {
	dir, name, err := resolve(dest)
	if err != nil {
		return "", err
	}
	if name != "" {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			return "", &Error{Kind: Exists, Path: filepath.Join(dir, name), Host: id.Host}
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", &Error{Kind: CannotWrite, Path: dir, Host: id.Host, Err: err}
	}
	durable.RemoveStale(dir, tempPattern, staleAfter, now())

	params, raw, err := src.ListParams(ctx)
	if err != nil && !partial(params, err) {
		return "", fmt.Errorf("back up the settings of %s: %w", id.Host, err)
	}
	if len(params) == 0 || len(raw) == 0 {
		return "", &Error{Kind: Empty, Host: id.Host}
	}

	t := now()
	tmp, err := writeTemp(dir, header(id, t), raw)
	if err != nil {
		return "", &Error{Kind: CannotWrite, Path: dir, Host: id.Host, Err: err}
	}
	defer os.Remove(tmp) // a no-op once it has been renamed

	if name != "" {
		path := filepath.Join(dir, name)
		return path, place(tmp, path, id.Host)
	}
	base := strings.TrimSuffix(FileName(id.MAC, t), ".txt")
	for i := 1; i < 100; i++ {
		path := filepath.Join(dir, base+".txt")
		if i > 1 {
			path = filepath.Join(dir, fmt.Sprintf("%s-%d.txt", base, i))
		}
		err := place(tmp, path, id.Host)
		if !errors.Is(err, Exists) {
			return path, err
		}
	}
	return "", &Error{Kind: Exists, Path: filepath.Join(dir, base+".txt"), Host: id.Host}
}

// partial tells whether a listing came with "# Error:" lines for some
// groups but still holds settings: worth keeping, error lines and all, since
// the file is the camera's reply as it was.
func partial(params []vapix.Param, err error) bool {
	return len(params) > 0 && errors.Is(err, vapix.CameraRefused)
}

// resolve splits dest into a folder and, when the user named a file, that
// file's name ("" means: choose the default name).
func resolve(dest string) (dir, name string, err error) {
	if dest == "" {
		d, err := DefaultDir()
		if err != nil {
			return "", "", &Error{Kind: CannotWrite, Err: err}
		}
		return d, "", nil
	}
	if strings.HasSuffix(dest, string(filepath.Separator)) || strings.HasSuffix(dest, "/") {
		return filepath.Clean(dest), "", nil
	}
	if st, err := os.Stat(dest); err == nil && st.IsDir() {
		return dest, "", nil
	}
	return filepath.Dir(dest), filepath.Base(dest), nil
}

func writeTemp(dir, head string, raw []byte) (string, error) {
	// CreateTemp makes the file 0600, which is what a backup must be; on
	// Windows Restrict does that, before any setting is in the file. Best
	// effort, as the mode is on a file system without permissions.
	f, err := os.CreateTemp(dir, tempPattern)
	if err != nil {
		return "", err
	}
	_ = owneronly.Restrict(f.Name())
	err = writeData(f, head, raw)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		if rerr := os.Remove(f.Name()); rerr != nil {
			err = errors.Join(err, rerr)
		}
		return "", err
	}
	return f.Name(), nil
}

// place gives the finished temporary file its final name without ever
// replacing an existing file. A hard link fails if the name is taken, which
// a plain rename does not; file systems without hard links (FAT on a USB
// stick, some network shares) get a check-then-rename, which on Unix leaves
// a tiny window for a file appearing at that instant (Windows' rename
// refuses to replace, see renameNoReplace).
func place(tmp, path, host string) error {
	err := link(tmp, path)
	if errors.Is(err, os.ErrExist) {
		return &Error{Kind: Exists, Path: path, Host: host}
	}
	if err != nil {
		if _, serr := os.Lstat(path); serr == nil {
			return &Error{Kind: Exists, Path: path, Host: host}
		}
		if err := rename(tmp, path); errors.Is(err, os.ErrExist) {
			return &Error{Kind: Exists, Path: path, Host: host}
		} else if err != nil {
			return &Error{Kind: CannotWrite, Path: path, Host: host, Err: err}
		}
	}
	if err := durable.SyncDir(filepath.Dir(path)); err != nil {
		return &Error{Kind: CannotWrite, Path: path, Host: host, Err: fmt.Errorf("flush the folder: %w", err)}
	}
	return nil
}
