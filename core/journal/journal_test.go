package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openipu/openipu/core/internal/wine"
	"github.com/openipu/openipu/core/owneronly"

	"github.com/openipu/openipu/core/testdir"
)

func sampleEntry(i int) Entry {
	return Entry{
		Time:    time.Date(2026, 11, 26, 17, 0, i%60, 0, time.UTC),
		Action:  FactoryDefault,
		Camera:  Camera{MAC: "ACCC8E270AD8", Serial: "ACCC8E270AD8", Model: "AXIS M1075-L", Firmware: "12.9.57", Host: "10.0.0.5"},
		Outcome: Done,
		User:    "admin",
		Detail:  fmt.Sprintf("hard #%d", i),
	}
}

func openTemp(t *testing.T) (*Journal, string) {
	t.Helper()
	path := filepath.Join(testdir.New(t), "sub", "journal.jsonl")
	j, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	return j, path
}

func TestAppendThenReadReturnsEveryFieldInOrder(t *testing.T) {
	j, path := openTemp(t)
	want := []Entry{sampleEntry(1), sampleEntry(2)}
	want[1].Action, want[1].Outcome, want[1].ErrorKey = SetPassword, Failed, "vapix.wrong_password"
	for _, e := range want {
		if err := j.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("read %d entries, want %d", len(got), len(want))
	}
	for i := range want {
		if !got[i].Time.Equal(want[i].Time) {
			t.Errorf("entry %d time %v, want %v", i, got[i].Time, want[i].Time)
		}
		got[i].Time = want[i].Time
		if got[i] != want[i] {
			t.Errorf("entry %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	raw, _ := os.ReadFile(path)
	if n := bytes.Count(raw, []byte{'\n'}); n != 2 {
		t.Errorf("file has %d lines, want one per entry:\n%s", n, raw)
	}
}

func TestAppendFillsInAMissingTime(t *testing.T) {
	j, path := openTemp(t)
	before := time.Now()
	e := sampleEntry(0)
	e.Time = time.Time{}
	if err := j.Append(e); err != nil {
		t.Fatal(err)
	}
	got, err := Read(path)
	if err != nil || len(got) != 1 {
		t.Fatalf("read %v, %v", got, err)
	}
	if got[0].Time.Before(before.Add(-time.Second)) || got[0].Time.After(time.Now().Add(time.Second)) {
		t.Errorf("time %v is not about now", got[0].Time)
	}
}

func TestOpenCreatesFileReadableOnlyByItsOwner(t *testing.T) {
	wine.SkipWithoutFileACLs(t)
	_, path := openTemp(t)
	if err := owneronly.Check(path); err != nil {
		t.Error(err)
	}
}

// tornCopy writes two whole entries and half of a third, as a write cut off
// by a power loss would leave them.
func tornCopy(t *testing.T) string {
	t.Helper()
	path := filepath.Join(testdir.New(t), "journal.jsonl")
	var b bytes.Buffer
	for i := 0; i < 2; i++ {
		line, _ := json.Marshal(sampleEntry(i))
		b.Write(line)
		b.WriteByte('\n')
	}
	line, _ := json.Marshal(sampleEntry(2))
	b.Write(line[:len(line)/2])
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadSkipsAndCountsATornLastLine(t *testing.T) {
	path := tornCopy(t)
	c, err := ReadContents(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Entries) != 2 || c.Skipped != 1 {
		t.Fatalf("got %d entries and %d skipped, want 2 and 1", len(c.Entries), c.Skipped)
	}
	if c.Entries[1].Detail != "hard #1" {
		t.Errorf("second entry detail %q", c.Entries[1].Detail)
	}
}

func TestAppendAfterATornLineStartsOnAFreshLine(t *testing.T) {
	path := tornCopy(t)
	j, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	if err := j.Append(sampleEntry(3)); err != nil {
		t.Fatal(err)
	}
	c, err := ReadContents(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Entries) != 3 || c.Skipped != 1 {
		t.Fatalf("got %d entries and %d skipped, want 3 and 1", len(c.Entries), c.Skipped)
	}
	if c.Entries[2].Detail != "hard #3" {
		t.Errorf("the new entry was not read back: %+v", c.Entries[2])
	}
}

func TestReadSkipsALineLongerThanAnyEntry(t *testing.T) {
	path := filepath.Join(testdir.New(t), "journal.jsonl")
	good, _ := json.Marshal(sampleEntry(1))
	data := append(append(bytes.Repeat([]byte("x"), 3*maxLine), '\n'), good...)
	if err := os.WriteFile(path, append(data, '\n'), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := ReadContents(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Entries) != 1 || c.Skipped != 1 {
		t.Fatalf("got %d entries and %d skipped, want 1 and 1", len(c.Entries), c.Skipped)
	}
}

func TestReadOfAMissingJournalSaysItDoesNotExist(t *testing.T) {
	_, err := Read(filepath.Join(testdir.New(t), "none.jsonl"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("err = %v, want one wrapping os.ErrNotExist", err)
	}
}

// Two Journals on one file stand in for two OpenIPU processes; each writes
// from several goroutines at once.
func TestConcurrentAppendsEachLandWholeOnTheirOwnLine(t *testing.T) {
	j1, path := openTemp(t)
	j2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer j2.Close()

	const writers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := 0; w < writers; w++ {
		j := j1
		if w%2 == 1 {
			j = j2
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				e := sampleEntry(i)
				e.Detail = fmt.Sprintf("w%d-%d", w, i)
				if err := j.Append(e); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	c, err := ReadContents(path)
	if err != nil {
		t.Fatal(err)
	}
	if c.Skipped != 0 || len(c.Entries) != writers*each {
		t.Fatalf("got %d entries and %d skipped, want %d and 0", len(c.Entries), c.Skipped, writers*each)
	}
	seen := map[string]bool{}
	for _, e := range c.Entries {
		if seen[e.Detail] {
			t.Errorf("%s written twice", e.Detail)
		}
		seen[e.Detail] = true
	}
}

func TestAppendRefusesFieldsThatAreNotWhatTheyClaim(t *testing.T) {
	const secret = "Tr0ub4dor&3 horse"
	cases := map[string]func(*Entry){
		"password as user":    func(e *Entry) { e.User = secret },
		"long user":           func(e *Entry) { e.User = "abcdefghijklmno" },
		"unknown action":      func(e *Entry) { e.Action = "set-" + secret },
		"unknown outcome":     func(e *Entry) { e.Outcome = "maybe" },
		"text as error key":   func(e *Entry) { e.ErrorKey = secret },
		"lowercase mac":       func(e *Entry) { e.Camera.MAC = "accc8e270ad8" },
		"blob in the details": func(e *Entry) { e.Detail = strings.Repeat("a", detailMax+1) },
	}
	for name, spoil := range cases {
		t.Run(name, func(t *testing.T) {
			j, path := openTemp(t)
			e := sampleEntry(0)
			spoil(&e)
			err := j.Append(e)
			if err == nil {
				t.Fatal("Append accepted it")
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("the error repeats the refused value: %v", err)
			}
			if raw, _ := os.ReadFile(path); len(raw) != 0 {
				t.Errorf("something was written: %q", raw)
			}
		})
	}
}

// The guarantee that no password can be stored rests on Entry having only
// plain, named fields; this fails if someone adds a map, a slice, a
// pointer or an interface where anything could go.
func TestEntryHasNoFreeFormFields(t *testing.T) {
	var check func(reflect.Type, string)
	check = func(tp reflect.Type, path string) {
		for i := 0; i < tp.NumField(); i++ {
			f := tp.Field(i)
			name := path + f.Name
			if strings.Contains(strings.ToLower(name), "pass") || strings.Contains(strings.ToLower(name), "pwd") {
				t.Errorf("field %s looks like it is meant for a password", name)
			}
			switch {
			case f.Type == reflect.TypeOf(time.Time{}):
			case f.Type.Kind() == reflect.String:
			case f.Type.Kind() == reflect.Int64:
				// A number cannot carry a password.
			case f.Type.Kind() == reflect.Struct:
				check(f.Type, name+".")
			default:
				t.Errorf("field %s has kind %s, which can hold arbitrary data", name, f.Type.Kind())
			}
		}
	}
	check(reflect.TypeOf(Entry{}), "")
}

func TestAppendAfterCloseFails(t *testing.T) {
	j, _ := openTemp(t)
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	if err := j.Append(sampleEntry(0)); err == nil {
		t.Fatal("Append after Close succeeded")
	}
}

func TestDefaultPathIsInTheUserConfigFolder(t *testing.T) {
	dir, err := os.UserConfigDir()
	if err != nil {
		t.Skip("no user config folder here:", err)
	}
	p, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if p != filepath.Join(dir, "openipu", "journal.jsonl") {
		t.Errorf("DefaultPath() = %q", p)
	}
}
