package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/testdir"

	"github.com/openipu/openipu/core/usermsg"
)

func entryLine(t *testing.T, i int) []byte {
	t.Helper()
	line, err := json.Marshal(sampleEntry(i))
	if err != nil {
		t.Fatal(err)
	}
	return append(line, '\n')
}

// refused checks that Open refused path as not a journal, explained why,
// and left the file as it was.
func refused(t *testing.T, path string, before []byte) {
	t.Helper()
	j, err := Open(path)
	if err == nil {
		j.Close()
		t.Fatal("Open accepted a file that is not an OpenIPU journal")
	}
	var e *NotJournalError
	if !errors.As(err, &e) || !errors.Is(err, ErrNotJournal) || e.Path != path {
		t.Fatalf("Open = %v, want a NotJournalError for %s", err, path)
	}
	p, ok := usermsg.Explain(err)
	if !ok || p.What.Key != "journal.not_journal" || !strings.Contains(p.What.String(), path) || p.Next.Key != "journal.not_journal.next" {
		t.Fatalf("explained as %q / %q", p.What.String(), p.Next.String())
	}
	if before != nil {
		if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
			t.Fatalf("the refused file was changed:\nbefore %q\nafter  %q", before, after)
		}
	}
}

func TestOpenRefusesAFileThatIsNotAJournalAndLeavesItUntouched(t *testing.T) {
	valid := string(entryLine(t, 1))
	cases := map[string]string{
		"a letter":                        "Dear caretaker,\nthe cameras on floor 2...\n",
		"a letter without a newline":      "Dear caretaker",
		"a shell script":                  "#!/bin/sh\nrm -rf /tmp/x\n",
		"another program's JSON log":      `{"time":"2026-11-26T17:00:00Z","level":"INFO","msg":"started"}` + "\n",
		"an entry with an unknown action": `{"time":"2026-11-26T17:00:00Z","action":"format-disk","camera":{},"outcome":"done"}` + "\n",
		"an entry without a time":         `{"action":"restart","camera":{},"outcome":"done"}` + "\n",
		"an empty object":                 "{}\n",
		"a JSON array":                    "[]\n",
		"binary data":                     "\x00\x01\x02\xff\xfe",
		"a blank first line":              "\n" + valid,
		"only white space":                "  \n\n",
		"a line longer than any entry":    strings.Repeat("x", 2*maxLine) + "\n" + valid,
		"a journal after a foreign line":  "HEADER\n" + valid,
		"many cut-short entries":          strings.Repeat(`{"time":"2026`+"\n", maxTornLines+1) + valid,
	}
	for name, contents := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(testdir.New(t), "notes.txt")
			if err := os.WriteFile(path, []byte(contents), 0o600); err != nil {
				t.Fatal(err)
			}
			refused(t, path, []byte(contents))
		})
	}
}

func TestOpenRefusesAFolder(t *testing.T) {
	refused(t, testdir.New(t), nil)
}

func TestOpenAcceptsAnEmptyFileAndAppendsToIt(t *testing.T) {
	path := filepath.Join(testdir.New(t), "journal.jsonl")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	j, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	if err := j.Append(sampleEntry(1)); err != nil {
		t.Fatal(err)
	}
	if es, err := Read(path); err != nil || len(es) != 1 {
		t.Fatalf("read back %d entries (%v), want 1", len(es), err)
	}
}

func TestOpenAcceptsAJournalWhoseFirstEntriesWereCutShort(t *testing.T) {
	whole := entryLine(t, 1)
	cut := whole[:len(whole)/2]
	cases := map[string][]byte{
		"the only line, cut short":           cut,
		"a repaired cut, then an entry":      append(append(append([]byte{}, cut...), '\n'), whole...),
		"two repaired cuts, then an entry":   bytes.Join([][]byte{cut, cut, whole}, []byte{'\n'}),
		"an entry with Windows line endings": append(bytes.TrimSuffix(whole, []byte{'\n'}), '\r', '\n'),
	}
	for name, contents := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(testdir.New(t), "journal.jsonl")
			if err := os.WriteFile(path, contents, 0o600); err != nil {
				t.Fatal(err)
			}
			before, _ := ReadContents(path)
			j, err := Open(path)
			if err != nil {
				t.Fatalf("Open refused a journal: %v", err)
			}
			defer j.Close()
			if err := j.Append(sampleEntry(5)); err != nil {
				t.Fatal(err)
			}
			c, err := ReadContents(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Entries) != len(before.Entries)+1 || c.Entries[len(c.Entries)-1].Detail != "hard #5" {
				t.Fatalf("after appending: %d entries (last %+v), want %d ending with the new one", len(c.Entries), c.Entries[len(c.Entries)-1], len(before.Entries)+1)
			}
		})
	}
}

func TestEnglishCatalogueHoldsEveryMessageVerbatim(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "assets", "translations", "en.json"))
	if err != nil {
		t.Fatal(err)
	}
	var catalogue map[string]any
	if err := json.Unmarshal(data, &catalogue); err != nil {
		t.Fatal(err)
	}
	for _, m := range Messages() {
		if got, _ := catalogue[m.Key].(string); got != m.Text {
			t.Errorf("en.json has %q for %s, want %q", got, m.Key, m.Text)
		}
	}
}

func FuzzIsJournal(f *testing.F) {
	whole, _ := json.Marshal(sampleEntry(1))
	f.Add(append(whole, '\n'))
	f.Add(whole[:20])
	f.Add([]byte("Dear caretaker,\n"))
	f.Add([]byte(`{"time":"2026-11-26T17:00:00Z","level":"INFO"}` + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ok, err := isJournal(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if ok && !bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
			t.Fatalf("%q taken for a journal", data)
		}
		// Whatever follows a first line that is an entry does not matter.
		withEntry := append(append(append([]byte{}, whole...), '\n'), data...)
		if ok, err := isJournal(bytes.NewReader(withEntry)); !ok || err != nil {
			t.Fatalf("a journal followed by %q not recognised (%v)", data, err)
		}
	})
}
