package handover

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/openipu/openipu/core/durable"
	"github.com/openipu/openipu/core/owneronly"
)

const (
	fileExt = ".json"
	// tempPattern names a session being written; the dot hides it.
	tempPattern = ".session-*.tmp"
	// staleAfter: a temporary file lives for milliseconds; an older one
	// was left by a killed process.
	staleAfter = time.Minute
	// maxFile bounds a session file read back. A thousand cameras with
	// every step ticked and noted is well under a megabyte.
	maxFile = 32 << 20
	// currentFile holds the ID of the session the program last worked in.
	currentFile = "current"
)

// DefaultDir is where sessions are kept unless the user says otherwise:
// beside the journal in the per-user configuration folder (AppData on
// Windows, Library/Application Support on macOS, ~/.config elsewhere).
func DefaultDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the user configuration folder: %w", err)
	}
	return filepath.Join(dir, "openipu", "handovers"), nil
}

// Store is the folder that holds the sessions, one file each, and beside
// each a folder with its snapshots.
type Store struct {
	dir string
	now func() time.Time
}

// NewStore keeps sessions in dir. Nothing is created until a session is
// saved, so listing a store on a computer that never ran OpenIPU works and
// leaves nothing behind.
func NewStore(dir string) *Store { return &Store{dir: dir, now: time.Now} }

// Dir is the store's folder.
func (st *Store) Dir() string { return st.dir }

// Summary is a session as a list shows it.
type Summary struct {
	ID, Site      string
	Updated       time.Time
	Done, Total   int
	Cameras       int
	HandedOverBy  string
	ReceivedBy    string
	CurrentlyUsed bool
}

// List reads every session in the store, newest first. A file that is
// damaged or from a newer OpenIPU is set aside and reported in problems;
// the others are still listed.
func (st *Store) List() (list []Summary, problems []error, err error) {
	entries, err := os.ReadDir(st.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, &Error{Kind: CannotRead, Path: st.dir, Err: err}
	}
	current := st.Current()
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(name, fileExt) || strings.HasPrefix(name, ".") {
			continue
		}
		s, err := st.load(filepath.Join(st.dir, name))
		if err != nil {
			problems = append(problems, err)
			continue
		}
		done, total := s.Progress()
		list = append(list, Summary{
			ID: s.ID, Site: s.Site, Updated: s.Updated, Done: done, Total: total, Cameras: len(s.Cameras),
			HandedOverBy: s.HandedOverBy, ReceivedBy: s.ReceivedBy, CurrentlyUsed: s.ID == current,
		})
	}
	slices.SortFunc(list, func(a, b Summary) int { return b.Updated.Compare(a.Updated) })
	return list, problems, nil
}

// Find returns the ID of the session named name: its ID, or its site
// name (letter case and accents aside) when only one session has it.
func (st *Store) Find(name string) (string, error) {
	list, _, err := st.List()
	if err != nil {
		return "", err
	}
	for _, s := range list {
		if s.ID == name {
			return s.ID, nil
		}
	}
	var ids []string
	for _, s := range list {
		if strings.EqualFold(fold(s.Site), fold(name)) || s.ID == slug(name) {
			ids = append(ids, s.ID)
		}
	}
	switch len(ids) {
	case 0:
		return "", &Error{Kind: NotFound, Name: name}
	case 1:
		return ids[0], nil
	}
	return "", &Error{Kind: Ambiguous, Name: name}
}

// Create starts a session for site, saves it, and makes it the current
// one.
func (st *Store) Create(site string) (*Live, error) {
	site = clean(site)
	if site == "" {
		return nil, &Error{Kind: NoSite}
	}
	if err := checkLen(site); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(st.dir, 0o700); err != nil {
		return nil, &Error{Kind: CannotWrite, Path: st.dir, Err: err}
	}
	now := st.now()
	s := Session{Format: FormatVersion, Site: site, Created: now, Updated: now}
	base := slug(site)
	for n := 1; ; n++ {
		s.ID = base
		if n > 1 {
			s.ID = fmt.Sprintf("%s-%d", base, n)
		}
		if _, err := os.Lstat(st.path(s.ID)); errors.Is(err, fs.ErrNotExist) {
			break
		}
	}
	if err := st.save(&s); err != nil {
		return nil, err
	}
	st.SetCurrent(s.ID)
	return newLive(st, s), nil
}

// Open reads the session id.
func (st *Store) Open(id string) (*Live, error) {
	s, err := st.load(st.path(id))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &Error{Kind: NotFound, Name: id}
	}
	if err != nil {
		return nil, err
	}
	return newLive(st, s), nil
}

// Current is the ID of the session last worked in, "" if none (or if it
// is gone).
func (st *Store) Current() string {
	raw, err := os.ReadFile(filepath.Join(st.dir, currentFile))
	if err != nil {
		return ""
	}
	id := strings.TrimSpace(string(raw))
	if id != slug(id) {
		return ""
	}
	if _, err := os.Stat(st.path(id)); err != nil {
		return ""
	}
	return id
}

// SetCurrent remembers id as the session to reopen at the next start ("":
// none). Failing to remember it costs only a click at the next start, so
// it is not an error.
func (st *Store) SetCurrent(id string) {
	if os.MkdirAll(st.dir, 0o700) != nil {
		return
	}
	_ = st.writeAtomic(filepath.Join(st.dir, currentFile), []byte(id+"\n"))
}

func (st *Store) path(id string) string { return filepath.Join(st.dir, slug(id)+fileExt) }

// SnapshotDir is the folder of session id's snapshots.
func (st *Store) SnapshotDir(id string) string { return filepath.Join(st.dir, slug(id)+".snapshots") }

// load reads one session file. A file that is not a session of this
// format is moved aside (never overwritten, never deleted) and reported.
func (st *Store) load(path string) (Session, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return Session{}, err
		}
		return Session{}, &Error{Kind: CannotRead, Path: path, Err: err}
	}
	raw, err := io.ReadAll(io.LimitReader(f, maxFile+1))
	f.Close()
	if err != nil {
		return Session{}, &Error{Kind: CannotRead, Path: path, Err: err}
	}
	var s Session
	kind, why := Corrupt, error(nil)
	switch {
	case len(raw) > maxFile:
		why = fmt.Errorf("larger than %d bytes", maxFile)
	default:
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		if err := dec.Decode(&s); err != nil {
			// Read the format alone: a newer file may have changed
			// shape, and must not be called damaged.
			var head struct {
				Format int `json:"format"`
			}
			if json.Unmarshal(raw, &head) == nil && head.Format > FormatVersion {
				kind, why = Newer, fmt.Errorf("format %d", head.Format)
			} else {
				why = err
			}
		} else if s.Format > FormatVersion {
			kind, why = Newer, fmt.Errorf("format %d", s.Format)
		} else if s.Format < 1 || s.ID == "" || s.ID != slug(s.ID) || s.ID+fileExt != filepath.Base(path) || s.Site == "" {
			why = errors.New("not an OpenIPU handover session")
		} else if err := s.check(); err != nil {
			why = err
		}
	}
	if why == nil {
		return s, nil
	}
	aside := st.setAside(path, kind)
	return Session{}, &Error{Kind: kind, Path: path, SetAside: aside, Err: why}
}

// check refuses a session whose cameras are not what this program writes:
// a MAC that is not one, or a step it does not know.
func (s *Session) check() error {
	seen := map[string]bool{}
	for _, c := range s.Cameras {
		if !validMAC(c.MAC) || seen[c.MAC] {
			return fmt.Errorf("camera %q is not a MAC address or is listed twice", c.MAC)
		}
		seen[c.MAC] = true
		for k := range c.Steps {
			if !k.Valid() {
				return fmt.Errorf("unknown step %q", k)
			}
		}
		if c.SnapshotFile != "" && c.SnapshotFile != snapshotName(c.MAC) {
			return fmt.Errorf("snapshot file %q is not the camera's", c.SnapshotFile)
		}
	}
	return nil
}

// setAside renames a file this program cannot use to a name that says so,
// with the time, so that it is kept for whoever can read it and is never
// overwritten by a new save.
func (st *Store) setAside(path string, kind Kind) string {
	what := "damaged"
	if kind == Newer {
		what = "newer"
	}
	stamp := st.now().UTC().Format("20060102T150405Z")
	for n := 0; n < 100; n++ {
		aside := fmt.Sprintf("%s.%s-%s", path, what, stamp)
		if n > 0 {
			aside += fmt.Sprintf("-%d", n)
		}
		if _, err := os.Lstat(aside); err == nil {
			continue
		}
		if os.Rename(path, aside) == nil {
			_ = durable.SyncDir(filepath.Dir(path))
			return aside
		}
		break
	}
	return ""
}

// save writes s to its file: a temporary file beside it, flushed, then
// renamed over the old one, then the folder flushed. A crash at any point
// leaves the old file or the new one, whole.
func (st *Store) save(s *Session) error {
	raw, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return &Error{Kind: CannotWrite, Path: st.path(s.ID), Err: err}
	}
	if err := os.MkdirAll(st.dir, 0o700); err != nil {
		return &Error{Kind: CannotWrite, Path: st.dir, Err: err}
	}
	if err := st.writeAtomic(st.path(s.ID), append(raw, '\n')); err != nil {
		return &Error{Kind: CannotWrite, Path: st.path(s.ID), Err: err}
	}
	return nil
}

// writeData writes the temporary file's contents; tests replace it to
// stop a write half way.
var writeData = func(f *os.File, raw []byte) error {
	_, err := f.Write(raw)
	return err
}

func (st *Store) writeAtomic(path string, raw []byte) error {
	dir := filepath.Dir(path)
	durable.RemoveStale(dir, tempPattern, staleAfter, st.now())
	f, err := os.CreateTemp(dir, tempPattern)
	if err != nil {
		return err
	}
	// Names, addresses and notes of a site are no one else's business on
	// a shared computer. Best effort, as on a file system without modes.
	_ = owneronly.Restrict(f.Name())
	err = writeData(f, raw)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		// The folder is flushed too, so the new name survives a crash.
		err = durable.Replace(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// slug makes a session ID from a site name: lower-case ASCII letters and
// digits with dashes, so that it is a safe file name on every system and
// easy to type in a script.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range fold(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case r >= 'A' && r <= 'Z':
			b.WriteRune(unicode.ToLower(r))
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
		if b.Len() >= 48 {
			break
		}
	}
	out := strings.Trim(b.String(), "-")
	if out == "" {
		out = "handover"
	}
	return out
}

// fold takes the accents off letters (Ö → O, ł → l) for IDs and for
// matching names typed without them.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'ł':
			r = 'l'
		case 'Ł':
			r = 'L'
		case 'ø':
			r = 'o'
		case 'Ø':
			r = 'O'
		case 'ß':
			b.WriteString("ss")
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
