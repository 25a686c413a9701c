package tlspin

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/testdir"
)

func validFP(i int) string { return fmt.Sprintf("%064x", i) }

// failing swaps one of the file hooks for the length of a test.
func failing[T any](t *testing.T, hook *T, f T) {
	t.Helper()
	orig := *hook
	*hook = f
	t.Cleanup(func() { *hook = orig })
}

// onlyList fails unless dir holds exactly the list and its lock.
func onlyList(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "pins.json pins.json.lock" {
		t.Fatalf("folder holds %v, want only pins.json and its lock", names)
	}
}

func storeWithOnePin(t *testing.T) (*FileStore, string) {
	t.Helper()
	dir := testdir.New(t)
	s, err := Open(filepath.Join(dir, "pins.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetPin("ACCC8E270AD8", validFP(1)); err != nil {
		t.Fatal(err)
	}
	return s, dir
}

func TestAFailedWriteLeavesNoTemporaryFileAndTheOldList(t *testing.T) {
	s, dir := storeWithOnePin(t)
	before, _ := os.ReadFile(s.path)
	failing(t, &writeData, func(*os.File, []byte) error { return errors.New("disk full") })
	if err := s.SetPin("ACCC8E270AD9", validFP(2)); !errors.Is(err, CannotWrite) {
		t.Fatalf("SetPin = %v, want CannotWrite", err)
	}
	onlyList(t, dir)
	if after, _ := os.ReadFile(s.path); string(after) != string(before) {
		t.Fatalf("the list changed after a failed write:\n%s", after)
	}
}

func TestAFailedRenameLeavesNoTemporaryFileAndTheOldList(t *testing.T) {
	s, dir := storeWithOnePin(t)
	before, _ := os.ReadFile(s.path)
	failing(t, &replaceFile, func(string, string) error { return errors.New("sharing violation") })
	if err := s.SetPin("ACCC8E270AD9", validFP(2)); !errors.Is(err, CannotWrite) {
		t.Fatalf("SetPin = %v, want CannotWrite", err)
	}
	onlyList(t, dir)
	if after, _ := os.ReadFile(s.path); string(after) != string(before) {
		t.Fatalf("the list changed after a failed rename:\n%s", after)
	}
	if _, ok := s.Pin("ACCC8E270AD9"); ok {
		t.Fatal("a pin that was not saved is reported as stored")
	}
}

func TestADamagedFileThatCannotBeMovedIsReportedAsStillInPlace(t *testing.T) {
	path := filepath.Join(testdir.New(t), "pins.json")
	if err := os.WriteFile(path, []byte(`{"version":1,"pins":null}`), 0o600); err != nil {
		t.Fatal(err)
	}
	failing(t, &replaceFile, func(string, string) error { return errors.New("access denied") })
	_, err := Open(path)
	var e *Error
	if !errors.As(err, &e) || e.Kind != DamagedKept || e.SetAside != "" {
		t.Fatalf("Open = %v, want DamagedKept with nowhere set aside", err)
	}
	if p := e.Explain(); !strings.Contains(p.What.String(), path) || p.What.Key != "tlspin.damaged_kept" {
		t.Fatalf("explained as %q", p.What.String())
	}
}

func TestTwoDamagedFilesInOneSecondAreBothKept(t *testing.T) {
	at := time.Date(2026, 11, 26, 17, 0, 0, 0, time.UTC)
	failing(t, &now, func() time.Time { return at })
	path := filepath.Join(testdir.New(t), "pins.json")
	var aside []string
	for _, contents := range []string{"first", "second"} {
		if err := os.WriteFile(path, []byte(contents), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Open(path)
		var e *Error
		if !errors.As(err, &e) || e.Kind != Damaged {
			t.Fatalf("Open = %v, want Damaged", err)
		}
		aside = append(aside, e.SetAside)
	}
	if want := path + ".bad-20261126T170000Z"; aside[0] != want || aside[1] != want+"-2" {
		t.Fatalf("set aside as %v, want %s and its -2", aside, want)
	}
	for i, want := range []string{"first", "second"} {
		if got, err := os.ReadFile(aside[i]); err != nil || string(got) != want {
			t.Fatalf("%s holds %q (%v), want %q", aside[i], got, err, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"version":1,"pins":{"ACCC8E270AD8":"` + validFP(1) + `"}}`))
	f.Add([]byte(`{"version":1,"pins":{"ac:cc:8e:27:0a:d8":"` + strings.ToUpper(validFP(1)) + `","accc8e270ad8":"` + validFP(1) + `"}}`))
	f.Add([]byte(`{"version":1,"pins":null}`))
	f.Add([]byte(`{"version":1,"pins":{"////TMP/PWN":"00"}}`))
	f.Add([]byte(`{"version":2}`))
	f.Add([]byte(`{"version":"1","pins":{}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		pins, err := parse(data)
		if err != nil {
			if pins != nil {
				t.Fatal("pins returned with an error")
			}
			if strings.ContainsAny(err.Error(), "\x1b\x07\r\n") {
				t.Fatalf("the error carries control characters: %q", err.Error())
			}
			return
		}
		for k, v := range pins {
			if _, ok := normalizeFingerprint(v); !ok || v != strings.ToLower(v) || len(k) != 12 || strings.ToUpper(k) != k {
				t.Fatalf("accepted pin %q → %q", k, v)
			}
		}
		// What was accepted survives being written and read back.
		s := &FileStore{path: filepath.Join(testdir.New(t), "pins.json")}
		if err := s.write(pins); err != nil {
			t.Fatal(err)
		}
		again, _, err := s.read()
		if err != nil || !reflect.DeepEqual(again, pins) {
			t.Fatalf("read back %v (%v), want %v", again, err, pins)
		}
	})
}
