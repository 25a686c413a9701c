package tlspin_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openipu/openipu/core/internal/wine"
	"github.com/openipu/openipu/core/owneronly"

	"github.com/openipu/openipu/core/testdir"

	"github.com/openipu/openipu/core/tlspin"
	"github.com/openipu/openipu/core/usermsg"
)

// fp makes a distinct, valid SHA-256 fingerprint.
func fp(i int) string { return fmt.Sprintf("%064x", i) }

// Environment of a child process started by
// TestTwoProcessesWritingAHundredPinsEachKeepAllTwoHundred.
const (
	envWriterPath   = "TLSPIN_TEST_WRITER_PATH"
	envWriterPrefix = "TLSPIN_TEST_WRITER_PREFIX"
	envWriterFresh  = "TLSPIN_TEST_WRITER_FRESH"
)

func TestMain(m *testing.M) {
	if path := os.Getenv(envWriterPath); path != "" {
		os.Exit(writerProcess(path, os.Getenv(envWriterPrefix), os.Getenv(envWriterFresh) != ""))
	}
	os.Exit(m.Run())
}

// writerProcess is the child: it opens its own store, says "ready", waits
// for its standard input to close so that both children start writing at
// once, and then pins 100 cameras. With fresh, every pin goes through a
// store opened for it alone, as 100 command-line runs would.
func writerProcess(path, prefix string, fresh bool) int {
	s, err := tlspin.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("ready")
	if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err == nil {
		fmt.Fprintln(os.Stderr, "expected standard input to close")
		return 1
	}
	for i := range 100 {
		if fresh {
			if s, err = tlspin.Open(path); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 1
			}
		}
		if err := s.SetPin(fmt.Sprintf("%s%06X", prefix, i), fp(i)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	return 0
}

func TestTwoProcessesWritingAHundredPinsEachKeepAllTwoHundred(t *testing.T) {
	// A store that lives through all 100 pins writes back every pin it
	// made, which hides most lost updates; a store per pin hides none.
	t.Run("one store per process", func(t *testing.T) { twoWriters(t, false) })
	t.Run("one store per pin", func(t *testing.T) { twoWriters(t, true) })
}

func twoWriters(t *testing.T, fresh bool) {
	path := filepath.Join(testdir.New(t), "pins.json")
	prefixes := []string{"E82725", "B8A44F"}
	type child struct {
		cmd    *exec.Cmd
		stdin  interface{ Close() error }
		stderr bytes.Buffer
	}
	children := make([]*child, len(prefixes))
	for i, prefix := range prefixes {
		c := &child{cmd: exec.Command(os.Args[0])}
		c.cmd.Env = append(os.Environ(), envWriterPath+"="+path, envWriterPrefix+"="+prefix)
		if fresh {
			c.cmd.Env = append(c.cmd.Env, envWriterFresh+"=1")
		}
		c.cmd.Stderr = &c.stderr
		stdin, err := c.cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		stdout, err := c.cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := c.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.cmd.Process.Kill(); c.cmd.Wait() })
		c.stdin = stdin
		line, err := bufio.NewReader(stdout).ReadString('\n')
		if strings.TrimSpace(line) != "ready" {
			t.Fatalf("writer %s: said %q (%v) instead of ready", prefix, line, err)
		}
		children[i] = c
	}
	for _, c := range children {
		c.stdin.Close()
	}
	for i, c := range children {
		if err := c.cmd.Wait(); err != nil {
			t.Fatalf("writer %s: %v: %s", prefixes[i], err, c.stderr.String())
		}
	}
	s, err := tlspin.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	kept := 0
	for _, prefix := range prefixes {
		for i := range 100 {
			if got, ok := s.Pin(fmt.Sprintf("%s%06X", prefix, i)); ok && got == fp(i) {
				kept++
			}
		}
	}
	if kept != 200 {
		t.Fatalf("%d of 200 pins kept after two processes wrote 100 each", kept)
	}
}

func TestPinsSurviveReopening(t *testing.T) {
	path := filepath.Join(testdir.New(t), "sub", "pins.json")
	s, err := tlspin.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Pin("ACCC8E270AD8"); ok {
		t.Fatal("a new store already has a pin")
	}
	if err := s.SetPin("ac:cc:8e:27:0a:d8", strings.ToUpper(fp(0xabcdef))); err != nil {
		t.Fatal(err)
	}
	again, err := tlspin.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := again.Pin("accc.8e27.0ad8")
	if !ok || got != fp(0xabcdef) {
		t.Fatalf("reopened pin = %q, %v; want the lowercase fingerprint under the normalised MAC", got, ok)
	}
}

func TestSetPinReplacesAndLeavesOnlyTheListAndItsLock(t *testing.T) {
	dir := testdir.New(t)
	path := filepath.Join(dir, "pins.json")
	s, err := tlspin.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{fp(1), fp(2)} {
		if err := s.SetPin("00408C123456", f); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := s.Pin("00408C123456"); got != fp(2) {
		t.Fatalf("pin = %q after replacing, want %q", got, fp(2))
	}
	if names := filesIn(t, dir); strings.Join(names, " ") != "pins.json pins.json.lock" {
		t.Fatalf("folder holds %v, want only pins.json and its lock", names)
	}
	for _, p := range []string{path, path + ".lock"} {
		if info, err := os.Stat(p); err == nil && info.Mode().Perm()&0o077 != 0 && os.PathSeparator == '/' {
			t.Fatalf("%s has mode %v, readable by others", p, info.Mode().Perm())
		}
	}
	// The lock holds nothing; the list is what others must not read.
	wine.SkipWithoutFileACLs(t)
	if err := owneronly.Check(path); err != nil {
		t.Fatal(err)
	}
}

func filesIn(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func TestInvalidContentsAreRefusedAndSetAsideNeverTreatedAsEmpty(t *testing.T) {
	good := fp(7)
	cases := map[string]string{
		"not JSON":                           `{not json`,
		"null":                               `null`,
		"an array":                           `[]`,
		"null pins":                          `{"version":1,"pins":null}`,
		"no pins":                            `{"version":1}`,
		"pins of the wrong type":             `{"version":1,"pins":[]}`,
		"a fingerprint of the wrong type":    `{"version":1,"pins":{"ACCC8E270AD8":5}}`,
		"a version of the wrong type":        `{"version":"1","pins":{}}`,
		"no version":                         `{"pins":{}}`,
		"version 0":                          `{"version":0,"pins":{}}`,
		"a negative version":                 `{"version":-1,"pins":{}}`,
		"a key that is not a MAC":            `{"version":1,"pins":{"////TMP/PWN":"` + good + `"}}`,
		"a key with escape sequences":        `{"version":1,"pins":{"\u001b]0;pwned\u0007":"` + good + `"}}`,
		"a short fingerprint":                `{"version":1,"pins":{"ACCC8E270AD8":"abcdef"}}`,
		"a fingerprint that is not hex":      `{"version":1,"pins":{"ACCC8E270AD8":"` + strings.Repeat("z", 64) + `"}}`,
		"one camera twice, two fingerprints": `{"version":1,"pins":{"ACCC8E270AD8":"` + good + `","ac:cc:8e:27:0a:d8":"` + fp(8) + `"}}`,
		"text after the list":                `{"version":1,"pins":{}} {}`,
	}
	for name, contents := range cases {
		t.Run(name, func(t *testing.T) {
			dir := testdir.New(t)
			path := filepath.Join(dir, "certificate-pins.json")
			if err := os.WriteFile(path, []byte(contents), 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := tlspin.Open(path)
			if err == nil {
				t.Fatalf("Open accepted %s; pins = %v", contents, s)
			}
			var e *tlspin.Error
			if !errors.As(err, &e) || !errors.Is(err, tlspin.Damaged) {
				t.Fatalf("error %v is not a tlspin.Error of kind Damaged", err)
			}
			if !strings.HasPrefix(filepath.Base(e.SetAside), "certificate-pins.json.bad-") || filepath.Dir(e.SetAside) != dir {
				t.Fatalf("set aside as %q, want certificate-pins.json.bad-<time> beside it", e.SetAside)
			}
			if moved, err := os.ReadFile(e.SetAside); err != nil || string(moved) != contents {
				t.Fatalf("the set-aside file holds %q (%v), want the original contents", moved, err)
			}
			if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
				t.Fatalf("the damaged file is still at %s (%v)", path, err)
			}
			if strings.ContainsAny(err.Error(), "\x1b\x07") {
				t.Fatalf("the error repeats control characters from the file: %q", err.Error())
			}
			p, ok := usermsg.Explain(err)
			if !ok || p.What.Key != "tlspin.damaged" || !strings.Contains(p.What.String(), e.SetAside) || p.Next.Key != "tlspin.damaged.next" {
				t.Fatalf("explained as %q / %q, want where the file went and what to do", p.What.String(), p.Next.String())
			}
			again, err := tlspin.Open(path)
			if err != nil {
				t.Fatalf("after setting the file aside, Open still fails: %v", err)
			}
			if _, ok := again.Pin("ACCC8E270AD8"); ok {
				t.Fatal("a pin from the damaged file survived")
			}
		})
	}
}

func TestAListFromANewerVersionIsRefusedAndLeftInPlace(t *testing.T) {
	path := filepath.Join(testdir.New(t), "pins.json")
	contents := `{"version":2,"cameras":{"ACCC8E270AD8":{"sha256":"` + fp(1) + `"}}}`
	if err := os.WriteFile(path, []byte(contents), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := tlspin.Open(path)
	if !errors.Is(err, tlspin.Newer) {
		t.Fatalf("Open = %v, want Newer", err)
	}
	if got, _ := os.ReadFile(path); string(got) != contents {
		t.Fatalf("the newer list was changed to %q", got)
	}
	if p, _ := usermsg.Explain(err); p.What.Key != "tlspin.newer" {
		t.Fatalf("explained as %q", p.What.Key)
	}
}

func TestAFileThatCannotBeReadIsAnErrorNotAnEmptyList(t *testing.T) {
	path := filepath.Join(testdir.New(t), "pins.json")
	// A folder where the file should be: opening works, reading fails, on
	// every system and for every user, root included.
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	_, err := tlspin.Open(path)
	if !errors.Is(err, tlspin.CannotRead) {
		t.Fatalf("Open = %v, want CannotRead", err)
	}
	if p, _ := usermsg.Explain(err); p.What.Key != "tlspin.cannot_read" || !strings.Contains(p.What.String(), path) {
		t.Fatalf("explained as %q", p.What.String())
	}
}

func TestSetPinRefusesASerialThatIsNotAMAC(t *testing.T) {
	dir := testdir.New(t)
	path := filepath.Join(dir, "pins.json")
	s, err := tlspin.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, serial := range []string{"////TMP/PWN", "", "ACCC8E270AD", "ACCC8E270AD8X", "\x1b[2J"} {
		err := s.SetPin(serial, fp(1))
		if !errors.Is(err, tlspin.NotMAC) {
			t.Fatalf("SetPin(%q) = %v, want NotMAC", serial, err)
		}
		if p, _ := usermsg.Explain(err); p.What.Key != "tlspin.not_mac" {
			t.Fatalf("explained as %q", p.What.Key)
		}
		if strings.Contains(err.Error(), "\x1b") {
			t.Fatalf("the error repeats an escape sequence: %q", err.Error())
		}
		if _, ok := s.Pin(serial); ok {
			t.Fatalf("Pin(%q) found a pin", serial)
		}
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("refused pins wrote the file (%v)", err)
	}
}

func TestSetPinRefusesAFingerprintThatIsNotSHA256(t *testing.T) {
	s, err := tlspin.Open(filepath.Join(testdir.New(t), "pins.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"", "abcdef", strings.Repeat("g", 64), fp(1) + "00"} {
		if err := s.SetPin("ACCC8E270AD8", f); err == nil {
			t.Fatalf("SetPin accepted the fingerprint %q", f)
		}
	}
}

func TestAFileDamagedAfterOpenIsSetAsideBySetPinAndTheKnownPinsAreWrittenAgain(t *testing.T) {
	path := filepath.Join(testdir.New(t), "pins.json")
	s, err := tlspin.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetPin("B8A44F000001", fp(1)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(`{"version":1,"pins":null}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPin("B8A44F000002", fp(2)); !errors.Is(err, tlspin.Damaged) {
		t.Fatalf("SetPin over a damaged file = %v, want Damaged", err)
	}
	if got, ok := s.Pin("B8A44F000001"); !ok || got != fp(1) {
		t.Fatalf("the pin trusted before the damage was forgotten: %q, %v", got, ok)
	}
	if err := s.SetPin("B8A44F000002", fp(2)); err != nil {
		t.Fatal(err)
	}
	reopened, err := tlspin.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, serial := range []string{"B8A44F000001", "B8A44F000002"} {
		if got, ok := reopened.Pin(serial); !ok || got != fp(i+1) {
			t.Errorf("pin for %s = %q, %v after the new list was written", serial, got, ok)
		}
	}
}

func TestPinsWrittenByAnotherStoreAreKept(t *testing.T) {
	path := filepath.Join(testdir.New(t), "pins.json")
	a, err := tlspin.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := tlspin.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.SetPin("B8A44F000001", fp(1)); err != nil {
		t.Fatal(err)
	}
	if err := b.SetPin("B8A44F000002", fp(2)); err != nil {
		t.Fatal(err)
	}
	c, err := tlspin.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, serial := range []string{"B8A44F000001", "B8A44F000002"} {
		if got, ok := c.Pin(serial); !ok || got != fp(i+1) {
			t.Errorf("pin for %s = %q, %v", serial, got, ok)
		}
	}
}

func TestPinFindsAPinAnotherStoreSavedAfterOpening(t *testing.T) {
	path := filepath.Join(testdir.New(t), "pins.json")
	window, err := tlspin.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	cli, err := tlspin.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		serial := fmt.Sprintf("B8A44F00000%d", i)
		if _, ok := window.Pin(serial); ok {
			t.Fatalf("%s pinned before anyone pinned it", serial)
		}
		if err := cli.SetPin(serial, fp(i)); err != nil {
			t.Fatal(err)
		}
		if got, ok := window.Pin(serial); !ok || got != fp(i) {
			t.Fatalf("the other store does not see the pin for %s: %q, %v", serial, got, ok)
		}
	}
	// A pin the other store replaced is seen replaced.
	if err := cli.SetPin("B8A44F000000", fp(9)); err != nil {
		t.Fatal(err)
	}
	if got, _ := window.Pin("B8A44F000000"); got != fp(9) {
		t.Fatalf("the other store still sees %q after the pin was replaced", got)
	}
}

func TestConcurrentSetPinKeepsEveryPin(t *testing.T) {
	path := filepath.Join(testdir.New(t), "pins.json")
	stores := make([]*tlspin.FileStore, 3)
	for i := range stores {
		s, err := tlspin.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		stores[i] = s
	}
	var wg sync.WaitGroup
	for i := range 30 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := stores[i%len(stores)]
			if err := s.SetPin(fmt.Sprintf("E82725%06X", i), fp(i)); err != nil {
				t.Error(err)
			}
			s.Pin("E82725000000")
		}()
	}
	wg.Wait()
	reopened, err := tlspin.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		if got, ok := reopened.Pin(fmt.Sprintf("E82725%06X", i)); !ok || got != fp(i) {
			t.Errorf("pin %d = %q, %v after concurrent writes", i, got, ok)
		}
	}
}

func TestOpenRemovesStaleTemporaryFilesAndKeepsFreshOnes(t *testing.T) {
	dir := testdir.New(t)
	path := filepath.Join(dir, "certificate-pins.json")
	stale := filepath.Join(dir, ".certificate-pins-123.tmp")
	fresh := filepath.Join(dir, ".certificate-pins-456.tmp")
	other := filepath.Join(dir, ".unrelated-789.tmp")
	for _, p := range []string{stale, fresh, other} {
		if err := os.WriteFile(p, []byte("{"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-2 * time.Minute)
	for _, p := range []string{stale, other} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tlspin.Open(path); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a temporary file two minutes old is still there (%v)", err)
	}
	for _, p := range []string{fresh, other} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
}

func TestEveryKindExplainsItselfWithAListedMessage(t *testing.T) {
	listed := map[string]bool{}
	for _, m := range tlspin.Messages() {
		listed[m.Key] = true
	}
	for k := tlspin.CannotRead; k <= tlspin.NotMAC; k++ {
		p, ok := usermsg.Explain(&tlspin.Error{Kind: k, Path: "/x/pins.json", SetAside: "/x/pins.json.bad-1"})
		if !ok || !listed[p.What.Key] || !listed[p.Next.Key] || p.What.Key == p.Next.Key {
			t.Errorf("kind %v: %q / %q not both in Messages()", k, p.What.Key, p.Next.Key)
		}
		if strings.Contains(p.What.String(), "{{") || strings.Contains(p.Next.String(), "{{") {
			t.Errorf("kind %v renders a template field: %q %q", k, p.What.String(), p.Next.String())
		}
	}
	if len(listed) != 2*int(tlspin.NotMAC+1) {
		t.Errorf("Messages() has %d keys, want two per kind", len(listed))
	}
}

func TestDefaultPathIsInTheUserConfigFolder(t *testing.T) {
	p, err := tlspin.DefaultPath()
	if err != nil {
		t.Skip("no user config folder here:", err)
	}
	dir, _ := os.UserConfigDir()
	if !strings.HasPrefix(p, dir) || filepath.Base(p) != "certificate-pins.json" || filepath.Base(filepath.Dir(p)) != "openipu" {
		t.Fatalf("DefaultPath = %q, want %s/openipu/certificate-pins.json", p, dir)
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
	for _, m := range tlspin.Messages() {
		if got, _ := catalogue[m.Key].(string); got != m.Text {
			t.Errorf("en.json has %q for %s, want %q", got, m.Key, m.Text)
		}
	}
}
