package handover

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/testdir"
)

func TestListingAStoreThatDoesNotExistSaysThereIsNoneAndCreatesNothing(t *testing.T) {
	dir := filepath.Join(testdir.New(t), "never")
	st := NewStore(dir)
	list, problems, err := st.List()
	if err != nil || len(list) != 0 || len(problems) != 0 {
		t.Fatalf("list %v problems %v err %v", list, problems, err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Error("listing created the folder")
	}
	if st.Current() != "" {
		t.Error("a current session where there is none")
	}
}

func TestSessionsAreKeptSwitchableAndFoundByNameOrID(t *testing.T) {
	st := newStore(t)
	a, err := st.Create("Östra Hamngatan 7, block B")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := st.Create("Östra Hamngatan 7, block B")
	c, _ := st.Create("Łódź warehouse")
	if a.ID() != "ostra-hamngatan-7-block-b" || b.ID() != "ostra-hamngatan-7-block-b-2" || c.ID() != "lodz-warehouse" {
		t.Errorf("IDs %q %q %q", a.ID(), b.ID(), c.ID())
	}
	if st.Current() != c.ID() {
		t.Errorf("current %q, want the newest", st.Current())
	}
	list, _, _ := st.List()
	if len(list) != 3 || list[0].ID != c.ID() || !list[0].CurrentlyUsed {
		t.Errorf("list %+v", list)
	}
	if id, err := st.Find("lodz WAREHOUSE"); err != nil || id != c.ID() {
		t.Errorf("find by name without accents: %q %v", id, err)
	}
	if _, err := st.Find("Östra Hamngatan 7, block B"); !errors.Is(err, Ambiguous) {
		t.Errorf("two sessions of one name: %v", err)
	}
	if id, _ := st.Find(b.ID()); id != b.ID() {
		t.Errorf("find by ID %q", id)
	}
	if _, err := st.Find("nowhere"); !errors.Is(err, NotFound) {
		t.Errorf("unknown name: %v", err)
	}
	st.SetCurrent(a.ID())
	if st.Current() != a.ID() {
		t.Error("switching did not stick")
	}
	if err := a.SetPeople("Östra Hamngatan 7, block B (east)", "Anna Müller, Fastighets AB", "Jan Kowalski"); err != nil {
		t.Fatal(err)
	}
	again, _ := st.Open(a.ID())
	if s := again.Session(); s.Site != "Östra Hamngatan 7, block B (east)" || s.ReceivedBy != "Jan Kowalski" {
		t.Errorf("rename not saved: %+v", s)
	}
}

func TestADamagedSessionIsSetAsideWithAMessageAndNeverOverwritten(t *testing.T) {
	st := newStore(t)
	good, _ := st.Create("Good site")
	bad, _ := st.Create("Bad site")
	path := st.path(bad.ID())
	damaged := []byte(`{"format":1,"id":"bad-site","site":"Bad site","cameras":[{"mac":`)
	os.WriteFile(path, damaged, 0o600)
	list, problems, err := st.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].ID != good.ID() {
		t.Errorf("the good session is not listed alone: %+v", list)
	}
	var he *Error
	if len(problems) != 1 || !errors.As(problems[0], &he) || he.Kind != Corrupt || he.SetAside == "" {
		t.Fatalf("problems %v", problems)
	}
	if kept, _ := os.ReadFile(he.SetAside); string(kept) != string(damaged) {
		t.Error("the set-aside file is not the damaged one, unchanged")
	}
	p := he.Explain()
	if p.What.Key != "handover.corrupt" || !strings.Contains(p.What.String(), he.SetAside) {
		t.Errorf("message %q", p.What.String())
	}
	// A new session of that name does not land on the set-aside file.
	again, err := st.Create("Bad site")
	if err != nil {
		t.Fatal(err)
	}
	if kept, _ := os.ReadFile(he.SetAside); string(kept) != string(damaged) || again.ID() != "bad-site" {
		t.Error("the set-aside file was touched")
	}
}

func TestASessionFromANewerOpenIPUIsSetAsideNotRead(t *testing.T) {
	st := newStore(t)
	l, _ := st.Create("Site")
	path := st.path(l.ID())
	newer := []byte(`{"format":2,"id":"site","site":"Site","cameras":{"a":"new shape"}}`)
	os.WriteFile(path, newer, 0o600)
	_, err := st.Open(l.ID())
	var he *Error
	if !errors.As(err, &he) || he.Kind != Newer {
		t.Fatalf("open: %v", err)
	}
	if kept, _ := os.ReadFile(he.SetAside); string(kept) != string(newer) {
		t.Error("the newer file was not kept as it was")
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Error("the newer file is still where a save would overwrite it")
	}
}

func TestASessionUnderAnotherFileNameIsNotBelieved(t *testing.T) {
	st := newStore(t)
	a, _ := st.Create("Alpha")
	raw, _ := os.ReadFile(st.path(a.ID()))
	os.WriteFile(filepath.Join(st.Dir(), "beta.json"), raw, 0o600)
	if _, err := st.Open("beta"); !errors.Is(err, Corrupt) {
		t.Errorf("a copy under another name: %v", err)
	}
}

// The child process writes half of a session file and is then killed the
// hard way (SIGKILL, as a crash or a power cut would stop it): the session
// as last saved must be intact.
func TestAKillInTheMiddleOfASaveLeavesTheLastSavedSession(t *testing.T) {
	if dir := os.Getenv("OPENIPU_HANDOVER_CHILD"); dir != "" {
		st := NewStore(dir)
		l, err := st.Open("site")
		if err != nil {
			os.Exit(3)
		}
		writeData = func(f *os.File, raw []byte) error {
			f.Write(raw[:len(raw)/2])
			f.Sync()
			os.WriteFile(filepath.Join(dir, "half-written"), nil, 0o600)
			select {} // killed here
		}
		l.Append(entry("00408C000002", journal.SetPassword, journal.Done))
		os.Exit(4)
	}
	st := newStore(t)
	l, _ := st.Create("Site")
	l.Append(entry("00408C000001", journal.SetPassword, journal.Done))
	before, _ := os.ReadFile(st.path(l.ID()))

	cmd := exec.Command(os.Args[0], "-test.run", "^TestAKillInTheMiddleOfASaveLeavesTheLastSavedSession$")
	cmd.Env = append(os.Environ(), "OPENIPU_HANDOVER_CHILD="+st.Dir())
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	dead := make(chan error, 1)
	go func() { dead <- cmd.Wait() }()
	waitFor(t, filepath.Join(st.Dir(), "half-written"), dead)
	cmd.Process.Kill()
	<-dead

	after, _ := os.ReadFile(st.path(l.ID()))
	if string(after) != string(before) {
		t.Fatalf("the session file changed:\n%s", after)
	}
	again, err := st.Open(l.ID())
	if err != nil {
		t.Fatal(err)
	}
	if s := again.Session(); len(s.Cameras) != 1 {
		t.Errorf("cameras %d, want the one saved before the kill", len(s.Cameras))
	}
	// The killed write's temporary file is cleared away by a later save
	// once it is old; it is never taken for a session.
	list, problems, _ := st.List()
	if len(list) != 1 || len(problems) != 0 {
		t.Errorf("list %v problems %v", list, problems)
	}
}

// waitFor waits until the child created path, failing if it exited first.
// Polling a file is the only signal a process that is killed with no
// clean-up can give; the loop ends as soon as it appears.
func waitFor(t *testing.T, path string, dead <-chan error) {
	t.Helper()
	for {
		if _, err := os.Stat(path); err == nil {
			return
		}
		select {
		case err := <-dead:
			t.Fatalf("the child ended before writing half a session: %v", err)
		case <-waitABit():
		}
	}
}
