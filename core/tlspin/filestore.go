// Package tlspin remembers the HTTPS certificate fingerprint of each camera
// between runs, so a camera that suddenly presents another certificate is
// noticed before any password is sent to it.
package tlspin

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/openipu/openipu/core/macaddr"
)

// fileFormat is the JSON on disk. Version lets a later release change the
// shape without misreading an old file.
type fileFormat struct {
	Version int               `json:"version"`
	Pins    map[string]string `json:"pins"` // serial → SHA-256 hex
}

const formatVersion = 1

// DefaultPath is where the pins live for this user:
// <user config dir>/openipu/certificate-pins.json.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the settings folder: %w", err)
	}
	return filepath.Join(dir, "openipu", "certificate-pins.json"), nil
}

// FileStore is a PinStore (core/vapix) kept in a JSON file. It is safe for
// concurrent use within one process; writes are atomic (temporary file,
// then rename), and each write re-reads the file so that pins saved by
// another OpenIPU window in the meantime are kept.
type FileStore struct {
	path string
	mu   sync.Mutex
	pins map[string]string
}

// Open loads the store at path. A missing file is an empty store; a file
// that cannot be read is an error, because silently starting empty would
// trust every certificate again.
func Open(path string) (*FileStore, error) {
	s := &FileStore{path: path}
	pins, err := s.load()
	if err != nil {
		return nil, err
	}
	s.pins = pins
	return s, nil
}

// Path is the file the store lives in.
func (s *FileStore) Path() string { return s.path }

// Pin returns the fingerprint stored for serial.
func (s *FileStore) Pin(serial string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fp, ok := s.pins[normalize(serial)]
	return fp, ok
}

// SetPin stores fingerprint for serial and writes the file.
func (s *FileStore) SetPin(serial, fingerprint string) error {
	key := normalize(serial)
	if key == "" {
		return errors.New("certificate pin without a serial number")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	pins, err := s.load()
	if err != nil {
		return err
	}
	pins[key] = strings.ToLower(fingerprint)
	if err := s.write(pins); err != nil {
		return err
	}
	s.pins = pins
	return nil
}

func (s *FileStore) load() (map[string]string, error) {
	data, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the certificate list %s: %w", s.path, err)
	}
	var f fileFormat
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("read the certificate list %s: %w", s.path, err)
	}
	if f.Version != formatVersion {
		return nil, fmt.Errorf("read the certificate list %s: unknown version %d", s.path, f.Version)
	}
	pins := make(map[string]string, len(f.Pins))
	for k, v := range f.Pins {
		pins[normalize(k)] = strings.ToLower(v)
	}
	return pins, nil
}

func (s *FileStore) write(pins map[string]string) error {
	data, err := json.MarshalIndent(fileFormat{Version: formatVersion, Pins: pins}, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(s.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create the settings folder %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, ".certificate-pins-*.tmp")
	if err != nil {
		return fmt.Errorf("save the certificate list: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("save the certificate list: %w", err)
	}
	// Synced before the rename, so a crash leaves the old file or the new
	// one, never a torn one.
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("save the certificate list: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save the certificate list: %w", err)
	}
	if err := os.Rename(tmp.Name(), s.path); err != nil {
		return fmt.Errorf("save the certificate list: %w", err)
	}
	return nil
}

// normalize keys serials as vapix.NormalizeSerial does, without importing
// vapix: a MAC as 12 uppercase hex digits, anything else without separators
// and in capitals.
func normalize(serial string) string {
	if m := macaddr.Normalize(serial); m != "" {
		return m
	}
	r := strings.NewReplacer(":", "", "-", "", ".", "", " ", "")
	return strings.ToUpper(r.Replace(strings.TrimSpace(serial)))
}
