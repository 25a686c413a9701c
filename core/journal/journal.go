package journal

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/openipu/openipu/core/owneronly"
)

// maxLine bounds one encoded entry. Real entries are a few hundred bytes;
// anything longer is refused on write and skipped on read, so a damaged file
// cannot make Read allocate without limit.
const maxLine = 16 << 10

// DefaultPath is where the journal lives unless the user says otherwise:
// the per-user configuration folder (AppData on Windows, Library/Application
// Support on macOS, ~/.config elsewhere), which survives reinstalls.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the user configuration folder: %w", err)
	}
	return filepath.Join(dir, "openipu", "journal.jsonl"), nil
}

// Journal appends entries to one file. Safe for concurrent use.
type Journal struct {
	mu   sync.Mutex
	f    *os.File
	path string
}

// Open opens (creating it and its folder if needed) the journal at path.
// An existing file that is not an OpenIPU journal is refused with a
// *NotJournalError and left untouched.
// If the file ends in the middle of a line, because an earlier write was cut
// short, a newline is added first so that the next entry is not glued onto
// the torn one and lost with it.
func Open(path string) (*Journal, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create the journal folder: %w", err)
	}
	torn, err := check(path)
	if err != nil {
		return nil, err
	}
	_, err = os.Lstat(path)
	created := errors.Is(err, fs.ErrNotExist)
	// 0600: the journal names cameras, addresses and admin accounts, which
	// is no one else's business on a shared computer.
	// Read access too, because Windows locks a byte range (appendLocked)
	// only through a handle that may read or write data, and Go's O_APPEND
	// handle may only append.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open the journal: %w", err)
	}
	if created {
		// Best effort, as the mode is on a file system without
		// permissions: a journal nobody else may read is worth having,
		// one that cannot be written is not.
		_ = owneronly.Restrict(path)
	}
	if torn {
		if _, err := f.Write([]byte{'\n'}); err != nil {
			f.Close()
			return nil, fmt.Errorf("repair the journal's last line: %w", err)
		}
	}
	return &Journal{f: f, path: path}, nil
}

// check looks at an existing file before Open appends to it: it must be
// empty or an OpenIPU journal (see isJournal), and torn reports whether it
// ends in the middle of a line.
func check(path string) (torn bool, err error) {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("open the journal: %w", err)
	}
	// Looked at before opening: opening a named pipe to read it would wait
	// for a writer, and a folder or a device is no journal either.
	if !st.Mode().IsRegular() {
		return false, &NotJournalError{Path: path}
	}
	if st.Size() == 0 {
		return false, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return false, fmt.Errorf("open the journal: %w", err)
	}
	defer f.Close()
	ok, err := isJournal(f)
	if err != nil {
		return false, fmt.Errorf("read the journal: %w", err)
	}
	if !ok {
		return false, &NotJournalError{Path: path}
	}
	var last [1]byte
	if _, err := f.ReadAt(last[:], st.Size()-1); err != nil {
		return false, fmt.Errorf("read the journal: %w", err)
	}
	return last[0] != '\n', nil
}

// tornStart is how every entry Append writes begins (Time is the first
// field of Entry), so a line that starts so but is not JSON is an entry cut
// short.
var tornStart = []byte(`{"time":"`)

// maxTornLines bounds how many torn lines isJournal reads past before it
// decides; each Open repairs at most one, so more in a row is unlikely to
// be a journal at all.
const maxTornLines = 8

// isJournal reports whether r, a non-empty file, is an OpenIPU journal:
// its first line is an entry. Lines that are entries cut short (by a crash
// during the very first writes) are passed over, so a journal that started
// badly is still recognised. A blank line is never written, so it is not
// passed over.
func isJournal(r io.Reader) (bool, error) {
	br := bufio.NewReaderSize(r, maxLine)
	for range maxTornLines {
		line, tooLong, err := readLine(br)
		if err != nil && !errors.Is(err, io.EOF) {
			return false, err
		}
		line = bytes.TrimSpace(line)
		switch {
		case tooLong, len(line) == 0:
			return false, nil
		case bytes.HasPrefix(line, tornStart) && !json.Valid(line):
		default:
			var e Entry
			return json.Unmarshal(line, &e) == nil && !e.Time.IsZero() && e.validate() == nil, nil
		}
		if errors.Is(err, io.EOF) {
			return true, nil
		}
	}
	return false, nil
}

// Path is the file the journal writes to.
func (j *Journal) Path() string { return j.path }

// Append writes e as one line and flushes it to disk before returning, so an
// entry that was reported written survives a crash or a pulled plug. A zero
// Time is set to now.
//
// Append takes no context on purpose: the entry that most needs writing is
// the one saying an operation was canceled, and by then the operation's
// context is already done.
func (j *Journal) Append(e Entry) error {
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	if err := e.validate(); err != nil {
		return err
	}
	line, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("journal: encode entry: %w", err)
	}
	if len(line) >= maxLine {
		return fmt.Errorf("journal: entry is %d bytes, more than the %d allowed", len(line), maxLine)
	}
	line = append(line, '\n')

	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		return errors.New("journal: already closed")
	}
	// One write per line, so that the line lands whole at the end even if
	// another OpenIPU process is appending at the same time.
	if err := appendLocked(j.f, line); err != nil {
		return fmt.Errorf("journal: write entry: %w", err)
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("journal: flush entry to disk: %w", err)
	}
	return nil
}

// Close closes the file. Appends after Close fail.
func (j *Journal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		return nil
	}
	err := j.f.Close()
	j.f = nil
	return err
}

// Contents is everything Read could make sense of.
type Contents struct {
	Entries []Entry
	// Skipped counts lines that could not be read back: normally at most one,
	// left by a write that was cut short (power loss, a killed process).
	Skipped int
}

// Read returns the journal's entries, oldest first, skipping lines that are
// torn or otherwise unreadable. Use ReadContents to learn how many were
// skipped.
func Read(path string) ([]Entry, error) {
	c, err := ReadContents(path)
	return c.Entries, err
}

// ReadContents is Read that also counts the skipped lines. A missing file is
// an error wrapping os.ErrNotExist.
func ReadContents(path string) (Contents, error) {
	f, err := os.Open(path)
	if err != nil {
		return Contents{}, fmt.Errorf("open the journal: %w", err)
	}
	defer f.Close()
	return readFrom(f)
}

func readFrom(r io.Reader) (Contents, error) {
	var c Contents
	br := bufio.NewReaderSize(r, maxLine)
	for {
		line, tooLong, err := readLine(br)
		if err != nil && !errors.Is(err, io.EOF) {
			return c, fmt.Errorf("read the journal: %w", err)
		}
		if trimmed := bytes.TrimSpace(line); len(trimmed) > 0 || tooLong {
			var e Entry
			if tooLong || json.Unmarshal(trimmed, &e) != nil {
				c.Skipped++
			} else {
				c.Entries = append(c.Entries, e)
			}
		}
		if errors.Is(err, io.EOF) {
			return c, nil
		}
	}
}

// readLine returns the next line without its newline. A line longer than the
// reader's buffer is consumed and reported as tooLong instead of being
// returned.
func readLine(br *bufio.Reader) (line []byte, tooLong bool, err error) {
	line, err = br.ReadSlice('\n')
	if !errors.Is(err, bufio.ErrBufferFull) {
		return bytes.TrimSuffix(line, []byte{'\n'}), false, err
	}
	for errors.Is(err, bufio.ErrBufferFull) {
		_, err = br.ReadSlice('\n')
	}
	return nil, true, err
}
