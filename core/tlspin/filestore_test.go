package tlspin_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/openipu/openipu/core/tlspin"
	"github.com/openipu/openipu/core/vapix"
)

var _ vapix.PinStore = (*tlspin.FileStore)(nil)

func TestPinsSurviveReopening(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "pins.json")
	s, err := tlspin.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Pin("ACCC8E270AD8"); ok {
		t.Fatal("a new store already has a pin")
	}
	if err := s.SetPin("ac:cc:8e:27:0a:d8", "ABCDEF"); err != nil {
		t.Fatal(err)
	}
	again, err := tlspin.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	fp, ok := again.Pin("ACCC8E270AD8")
	if !ok || fp != "abcdef" {
		t.Fatalf("reopened pin = %q, %v; want the lowercase fingerprint under the normalised serial", fp, ok)
	}
}

func TestSetPinReplacesAndLeavesNoTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pins.json")
	s, err := tlspin.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, fp := range []string{"aa", "bb"} {
		if err := s.SetPin("00408C123456", fp); err != nil {
			t.Fatal(err)
		}
	}
	if fp, _ := s.Pin("00408C123456"); fp != "bb" {
		t.Fatalf("pin = %q after replacing, want bb", fp)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "pins.json" {
		names := []string{}
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("folder holds %v, want only pins.json", names)
	}
	if info, err := os.Stat(path); err == nil && info.Mode().Perm()&0o077 != 0 && os.PathSeparator == '/' {
		t.Fatalf("pin file mode %v is readable by others", info.Mode().Perm())
	}
}

func TestCorruptFileIsRefusedNotTreatedAsEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pins.json")
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := tlspin.Open(path); err == nil {
		t.Fatal("Open accepted a corrupt pin file; it would trust every certificate again")
	}
}

func TestPinsWrittenByAnotherStoreAreKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pins.json")
	a, _ := tlspin.Open(path)
	b, _ := tlspin.Open(path)
	if err := a.SetPin("B8A44F000001", "01"); err != nil {
		t.Fatal(err)
	}
	if err := b.SetPin("B8A44F000002", "02"); err != nil {
		t.Fatal(err)
	}
	c, err := tlspin.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for serial, want := range map[string]string{"B8A44F000001": "01", "B8A44F000002": "02"} {
		if fp, ok := c.Pin(serial); !ok || fp != want {
			t.Errorf("pin for %s = %q, %v; want %q", serial, fp, ok, want)
		}
	}
}

func TestConcurrentSetPinKeepsEveryPin(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pins.json")
	s, _ := tlspin.Open(path)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.SetPin(fmt.Sprintf("E82725%06X", i), fmt.Sprintf("%02x", i)); err != nil {
				t.Error(err)
			}
			s.Pin("E82725000000")
		}()
	}
	wg.Wait()
	reopened, _ := tlspin.Open(path)
	for i := range 20 {
		if fp, ok := reopened.Pin(fmt.Sprintf("E82725%06X", i)); !ok || fp != fmt.Sprintf("%02x", i) {
			t.Errorf("pin %d = %q, %v after concurrent writes", i, fp, ok)
		}
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
