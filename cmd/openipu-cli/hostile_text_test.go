package main

import (
	"os"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/devtext/devtexttest"
)

// wantNoControlSequences fails for output of a run that a terminal would act
// on: an escape, another control character but newline, a bidi control.
func wantNoControlSequences(t *testing.T, what string, out string) {
	t.Helper()
	if u := devtexttest.Unsafe([]byte(out), false); u != "" {
		t.Errorf("%s: %s in\n%q", what, u, out)
	}
}

func TestInfoOfADeviceWithEscapeSequencesInEveryFieldPrintsNoneOfThem(t *testing.T) {
	cam := devtexttest.Camera()
	defer cam.Close()
	h := newHarness(t)
	for _, args := range [][]string{{"info", cam.URL}, {"info", "--json", cam.URL}} {
		r := h.run(args...)
		if r.code != exitOK {
			t.Fatalf("%v: exit %d", args, r.code)
		}
		wantNoControlSequences(t, strings.Join(args, " ")+" stdout", r.stdout)
		wantNoControlSequences(t, strings.Join(args, " ")+" stderr", r.stderr)
		if !strings.Contains(r.stdout, devtexttest.MAC) || !strings.Contains(r.stdout, "M1075-L") {
			t.Errorf("%v: the camera's MAC and model are not shown:\n%s", args, r.stdout)
		}
	}
}

func TestDiscoverOfADeviceWithEscapeSequencesInEveryFieldPrintsNoneOfThem(t *testing.T) {
	cam := devtexttest.Camera()
	defer cam.Close()
	host := strings.TrimPrefix(cam.URL, "http://")
	h := newHarness(t)
	for _, args := range [][]string{
		{"discover", "--add", host, "--timeout", "2s"},
		{"discover", "--json", "--add", host, "--timeout", "2s"},
		{"discover", "--watch", "--add", host, "--timeout", "2s"},
	} {
		r := h.run(args...)
		if r.code != exitOK {
			t.Fatalf("%v: exit %d", args, r.code)
		}
		wantNoControlSequences(t, strings.Join(args, " ")+" stdout", r.stdout)
		wantNoControlSequences(t, strings.Join(args, " ")+" stderr", r.stderr)
		if !strings.Contains(r.stdout, devtexttest.MAC) || !strings.Contains(r.stdout, "M1075-L") {
			t.Errorf("%v: the camera's MAC and model are not shown:\n%s", args, r.stdout)
		}
	}
}

func TestARefusalFromADeviceWithEscapeSequencesReachesNeitherTerminalNorJournal(t *testing.T) {
	cam := devtexttest.Camera()
	defer cam.Close()
	h := newHarness(t)
	h.stdin = adminPassword + "\n"
	// A device offering only plain HTTP gets the password only with --http.
	r := h.run("set-password", cam.URL, "--user", "root", "--http")
	if r.code == exitOK {
		t.Fatal("a refusal was reported as success")
	}
	wantNoControlSequences(t, "stdout", r.stdout)
	wantNoControlSequences(t, "stderr", r.stderr)
	if !strings.Contains(r.stderr, "refused") {
		t.Errorf("the camera's own words are not shown:\n%s", r.stderr)
	}
	es := h.entries()
	if len(es) == 0 {
		t.Fatal("the attempt is not in the journal")
	}
	if m := es[len(es)-1].Camera.Model; !strings.Contains(m, "M1075-L") {
		t.Errorf("journal model %q", m)
	}
	data, err := os.ReadFile(h.journal)
	if err != nil {
		t.Fatal(err)
	}
	wantNoControlSequences(t, "journal", string(data))
	h.assertSecretNowhere(adminPassword)
}
