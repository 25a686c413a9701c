package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/camsim"
)

func TestAJournalFileThatIsNotAJournalIsRefusedInPlainWordsBeforeTheCameraIsAsked(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, admin())
	h := newHarness(t)
	h.stdin = adminPassword + "\n"
	notes := filepath.Join(h.dir, "notes.txt")
	const text = "Floor 2: camera above the stairs\n"
	if err := os.WriteFile(notes, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	r := h.run("restart", hostOf(cam), "--user", "root", "--journal", notes)
	if r.code == exitOK {
		t.Fatal("the command ran with a journal that is not one")
	}
	for _, want := range []string{notes + " is not a journal written by OpenIPU", "Choose another file for the journal"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, r.stderr)
		}
	}
	if got, _ := os.ReadFile(notes); string(got) != text {
		t.Errorf("the file was changed to %q", got)
	}
	if st := cam.Snapshot(); st.Resets != 0 || st.FailedLogins != 0 {
		t.Errorf("the camera was asked: %+v", st)
	}
}

func TestADamagedCertificateListIsExplainedAndSetAside(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, admin())
	h := newHarness(t)
	if err := os.WriteFile(h.pins, []byte(`{"version":1,"pins":null}`), 0o600); err != nil {
		t.Fatal(err)
	}
	r := h.run("info", cam.HTTPSURL())
	if r.code == exitOK {
		t.Fatal("the command ran with a damaged certificate list")
	}
	if !strings.Contains(r.stderr, h.pins+" is damaged or was not written by OpenIPU") || !strings.Contains(r.stderr, "It was moved to "+h.pins+".bad-") {
		t.Errorf("stderr does not say the list was damaged and where it went:\n%s", r.stderr)
	}
	if _, err := os.Stat(h.pins); !os.IsNotExist(err) {
		t.Errorf("the damaged list is still in place (%v)", err)
	}
}
