// Package tlspin remembers the HTTPS certificate fingerprint of each camera
// between runs, so a camera that suddenly presents another certificate is
// noticed before any password is sent to it.
package tlspin

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/openipu/openipu/core/durable"
	"github.com/openipu/openipu/core/macaddr"
	"github.com/openipu/openipu/core/owneronly"
)

// fileFormat is the JSON on disk. Version lets a later release change the
// shape without misreading an old file.
type fileFormat struct {
	Version int               `json:"version"`
	Pins    map[string]string `json:"pins"` // MAC (12 uppercase hex) → SHA-256 hex
}

const formatVersion = 1

const (
	// maxFile bounds what is read: a pin is under 100 bytes, so this holds
	// tens of thousands of cameras, and a huge file cannot exhaust memory.
	maxFile = 4 << 20
	// tempPattern names the temporary files a write goes through; they sit
	// next to the list so that the rename stays on one file system.
	tempPattern = ".certificate-pins-*.tmp"
	// staleAfter is how old a temporary file must be before Open deletes
	// it. Writers hold the lock for milliseconds, but an older OpenIPU that
	// took no lock may still be writing one.
	staleAfter = time.Minute
)

// Tests replace these to make a write or a rename fail.
var (
	writeData   = func(f *os.File, data []byte) error { _, err := f.Write(data); return err }
	replaceFile = durable.Replace
	now         = time.Now
)

// DefaultPath is where the pins live for this user:
// <user config dir>/openipu/certificate-pins.json.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the settings folder: %w", err)
	}
	return filepath.Join(dir, "openipu", "certificate-pins.json"), nil
}

// FileStore is a PinStore (core/vapix) kept in a JSON file, shared by every
// OpenIPU process of the user (the window and any number of command lines).
//
// Every read and write of the file happens under a lock on a companion file
// (path + ".lock"), taken with flock on Unix and LockFileEx on Windows, and
// every write re-reads the file and merges it with what this store knows,
// so that two processes pinning cameras at the same time keep all the pins.
// Writes go through a temporary file that is synced and renamed, so a crash
// leaves the old list or the new one, never a torn one.
type FileStore struct {
	path string
	mu   sync.Mutex
	pins map[string]string
	// seen is the file as last read or written, to notice when another
	// process has changed it since.
	seen fs.FileInfo
}

// Open loads the store at path. A missing file is an empty store. A file
// that cannot be read, or whose contents are not a valid list, is an *Error
// and never an empty store, because starting empty would trust every
// certificate again without anyone noticing; a damaged file is renamed
// (path + ".bad-<time>") so that the next Open starts a new list and the
// old one can still be looked at. Temporary files left by a process that
// died while writing are removed.
func Open(path string) (*FileStore, error) {
	s := &FileStore{path: path, pins: map[string]string{}}
	unlock, err := s.lock()
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// No folder yet, so no list either; the first SetPin creates both.
		return s, nil
	case errors.Is(err, fs.ErrPermission):
		// A list the user may read but not change (one an administrator
		// handed out) is still worth checking certificates against.
		unlock = func() {}
	case err != nil:
		return nil, &Error{Kind: CannotRead, Path: path, Err: err}
	default:
		durable.RemoveStale(filepath.Dir(path), tempPattern, staleAfter, now())
	}
	defer unlock()
	pins, info, err := s.read()
	if err != nil {
		return nil, err
	}
	s.pins, s.seen = pins, info
	return s, nil
}

// Path is the file the store lives in.
func (s *FileStore) Path() string { return s.path }

// Pin returns the fingerprint stored for serial (a MAC address in any
// spelling). A pin another process saved since this store last looked is
// found too.
func (s *FileStore) Pin(serial string) (string, bool) {
	key := macaddr.Normalize(serial)
	if key == "" {
		return "", false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refresh()
	fp, ok := s.pins[key]
	return fp, ok
}

// SetPin stores fingerprint (SHA-256, hex) for serial and writes the file.
// A serial that is not a MAC address is refused with an *Error of kind
// NotMAC: an Axis camera's serial is its MAC, and a pin under any other
// name could not be tied to a camera.
func (s *FileStore) SetPin(serial, fingerprint string) error {
	key := macaddr.Normalize(serial)
	if key == "" {
		return &Error{Kind: NotMAC, Path: s.path, Err: fmt.Errorf("serial %s", quote(serial))}
	}
	fp, ok := normalizeFingerprint(fingerprint)
	if !ok {
		return fmt.Errorf("certificate list: %s is not a SHA-256 fingerprint", quote(fingerprint))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
		return &Error{Kind: CannotWrite, Path: s.path, Err: err}
	}
	unlock, err := s.lock()
	if err != nil {
		return &Error{Kind: CannotWrite, Path: s.path, Err: err}
	}
	defer unlock()
	disk, _, err := s.read()
	if err != nil {
		return err
	}
	merged := merge(s.pins, disk)
	merged[key] = fp
	if err := s.write(merged); err != nil {
		return &Error{Kind: CannotWrite, Path: s.path, Err: err}
	}
	s.pins = merged
	s.seen, _ = os.Stat(s.path)
	return nil
}

// merge returns known with the file's pins laid over it. The file wins
// where both have a camera: another process wrote it later. A pin only
// this store knows is kept, so that a list someone deleted or that was set
// aside as damaged gets back the pins this run trusted.
func merge(known, disk map[string]string) map[string]string {
	out := make(map[string]string, len(known)+len(disk)+1)
	for k, v := range known {
		out[k] = v
	}
	for k, v := range disk {
		out[k] = v
	}
	return out
}

// refresh picks up pins written by another process since the file was last
// read. It changes nothing when the file is unchanged, missing or cannot be
// used: the pins already known stay trusted, and SetPin is where a damaged
// file is reported.
func (s *FileStore) refresh() {
	// The look at the file happens under the lock too: on Windows
	// os.SameFile opens the file, and while it is open another store's
	// rename onto it fails.
	unlock, err := s.lock()
	if err != nil {
		return
	}
	defer unlock()
	info, err := os.Stat(s.path)
	if err != nil || (s.seen != nil && sameVersion(s.seen, info)) {
		return
	}
	data, info, err := s.load()
	if err != nil || info == nil {
		return
	}
	disk, err := parse(data)
	if err != nil {
		return
	}
	s.pins, s.seen = merge(s.pins, disk), info
}

func sameVersion(a, b fs.FileInfo) bool {
	return os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

// lock takes the cross-process lock. It fails with fs.ErrNotExist when the
// folder does not exist.
func (s *FileStore) lock() (unlock func(), err error) {
	f, err := os.OpenFile(s.path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", f.Name(), err)
	}
	return func() {
		unlockFile(f)
		f.Close()
	}, nil
}

// load reads the file's bytes; a missing file is nil data and nil info.
func (s *FileStore) load() ([]byte, fs.FileInfo, error) {
	f, err := os.Open(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	// Closed before returning: Windows cannot rename a file that is open.
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFile+1))
	return data, info, err
}

// read loads and checks the file, setting a damaged one aside. The caller
// holds the lock.
func (s *FileStore) read() (map[string]string, fs.FileInfo, error) {
	data, info, err := s.load()
	if err != nil {
		return nil, nil, &Error{Kind: CannotRead, Path: s.path, Err: err}
	}
	if info == nil {
		return map[string]string{}, nil, nil
	}
	if len(data) > maxFile {
		return nil, nil, s.setAside(fmt.Errorf("larger than %d bytes", maxFile))
	}
	pins, err := parse(data)
	if errors.Is(err, errNewer) {
		return nil, nil, &Error{Kind: Newer, Path: s.path, Err: err}
	}
	if err != nil {
		return nil, nil, s.setAside(err)
	}
	return pins, info, nil
}

// setAside renames a damaged file out of the way, to a name no earlier
// damaged file has, and returns the error that says where it went.
func (s *FileStore) setAside(reason error) error {
	base := s.path + ".bad-" + now().UTC().Format("20060102T150405Z")
	for i := 1; i <= 100; i++ {
		name := base
		if i > 1 {
			name = fmt.Sprintf("%s-%d", base, i)
		}
		if _, err := os.Lstat(name); !errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := replaceFile(s.path, name); err != nil {
			return &Error{Kind: DamagedKept, Path: s.path, Err: errors.Join(reason, err)}
		}
		return &Error{Kind: Damaged, Path: s.path, SetAside: name, Err: reason}
	}
	return &Error{Kind: DamagedKept, Path: s.path, Err: errors.Join(reason, errors.New("no free name to move it to"))}
}

var errNewer = errors.New("written by a newer version")

// parse checks a whole list and returns its pins keyed by normalised MAC,
// with lowercase fingerprints. Anything it does not fully understand is an
// error, never a shorter list. errNewer (wrapped) marks a list from a later
// release.
func parse(data []byte) (map[string]string, error) {
	var raw struct {
		Version json.RawMessage `json:"version"`
		Pins    json.RawMessage `json:"pins"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("not a JSON object: %w", err)
	}
	if len(raw.Version) == 0 {
		return nil, errors.New("no version")
	}
	var version int
	if err := json.Unmarshal(raw.Version, &version); err != nil {
		return nil, fmt.Errorf("the version is not a whole number: %w", err)
	}
	if version > formatVersion {
		return nil, fmt.Errorf("version %d: %w", version, errNewer)
	}
	if version != formatVersion {
		return nil, fmt.Errorf("unknown version %d", version)
	}
	if len(raw.Pins) == 0 || string(raw.Pins) == "null" {
		return nil, errors.New("no list of pins")
	}
	var in map[string]string
	if err := json.Unmarshal(raw.Pins, &in); err != nil {
		return nil, fmt.Errorf("the pins are not a list of names and fingerprints: %w", err)
	}
	pins := make(map[string]string, len(in))
	for k, v := range in {
		key := macaddr.Normalize(k)
		if key == "" {
			return nil, fmt.Errorf("the name %s is not a MAC address", quote(k))
		}
		fp, ok := normalizeFingerprint(v)
		if !ok {
			return nil, fmt.Errorf("the fingerprint for %s is not a SHA-256 fingerprint", key)
		}
		if prev, dup := pins[key]; dup && prev != fp {
			return nil, fmt.Errorf("%s is listed twice with different fingerprints", key)
		}
		pins[key] = fp
	}
	return pins, nil
}

// normalizeFingerprint accepts 64 hex digits in either case.
func normalizeFingerprint(s string) (string, bool) {
	if len(s) != 64 {
		return "", false
	}
	if _, err := hex.DecodeString(s); err != nil {
		return "", false
	}
	return strings.ToLower(s), true
}

// quote makes text from the file or a device safe to put in an error: at
// most 40 bytes, quoted, with everything outside printable ASCII escaped so
// that a terminal shows it instead of obeying it.
func quote(s string) string {
	if len(s) > 40 {
		return fmt.Sprintf("%+q…", s[:40])
	}
	return fmt.Sprintf("%+q", s)
}

// write replaces the file with pins. The temporary file is removed on every
// path that does not end in the rename.
func (s *FileStore) write(pins map[string]string) (err error) {
	data, err := json.MarshalIndent(fileFormat{Version: formatVersion, Pins: pins}, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), tempPattern)
	if err != nil {
		return err
	}
	placed := false
	defer func() {
		if !placed {
			tmp.Close()
			if rerr := os.Remove(tmp.Name()); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
				err = errors.Join(err, rerr)
			}
		}
	}()
	// Before the pins are in it; best effort, as the mode is.
	_ = owneronly.Restrict(tmp.Name())
	if err := writeData(tmp, append(data, '\n')); err != nil {
		return err
	}
	// Synced before the rename, so a crash leaves the old file or the new
	// one, never a torn one.
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := replaceFile(tmp.Name(), s.path); err != nil {
		return err
	}
	placed = true
	return nil
}
