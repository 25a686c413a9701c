package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openipu/openipu/core/testdir"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
)

// harness runs the whole program in-process, the way a user or a script
// would, with its files in a temporary folder.
type harness struct {
	t          *testing.T
	dir        string
	journal    string
	pins       string
	backups    string
	handovers  string
	stdin      string   // piped standard input, when terminal is false
	terminal   bool     // standard input is a terminal
	typed      []string // what is typed at the password prompts, in order
	prompts    int      // how many prompts were answered
	mu         sync.Mutex
	outputs    []string // every stdout and stderr seen, for secret checks
	cancelWhen string   // cancel the run once stderr contains this
}

func newHarness(t *testing.T) *harness {
	dir := testdir.New(t)
	return &harness{
		t: t, dir: dir,
		journal: filepath.Join(dir, "journal.jsonl"),
		pins:    filepath.Join(dir, "pins.json"),
		backups: filepath.Join(dir, "backups"),
		// Sessions live beside the journal, so assertSecretNowhere
		// reads them too.
		handovers: filepath.Join(dir, "handovers"),
	}
}

type result struct {
	code           int
	stdout, stderr string
}

func (h *harness) run(args ...string) result {
	return h.runContext(context.Background(), args...)
}

func (h *harness) runContext(ctx context.Context, args ...string) result {
	h.t.Helper()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var stdout bytes.Buffer
	stderr := &watchedBuffer{watch: h.cancelWhen, hit: cancel}
	e := env{
		stdin:       strings.NewReader(h.stdin),
		stdout:      &stdout,
		stderr:      stderr,
		isTerminal:  func() bool { return h.terminal },
		journalPath: h.journal,
		pinsPath:    h.pins,
		backupDir:   h.backups,
		handoverDir: h.handovers,
		readPassword: func() ([]byte, error) {
			h.mu.Lock()
			if h.prompts >= len(h.typed) {
				h.mu.Unlock()
				// Nobody types: block like a terminal would until the run ends.
				<-ctx.Done()
				return nil, errors.New("terminal closed")
			}
			s := h.typed[h.prompts]
			h.prompts++
			h.mu.Unlock()
			return []byte(s), nil
		},
	}
	code := run(ctx, args, e)
	r := result{code: code, stdout: stdout.String(), stderr: stderr.String()}
	h.mu.Lock()
	h.outputs = append(h.outputs, r.stdout, r.stderr)
	h.mu.Unlock()
	h.t.Logf("openipu-cli %s → %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	return r
}

// watchedBuffer is stderr; it cancels the run when a given text appears, the
// way a person presses Ctrl-C on seeing a message.
type watchedBuffer struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	watch string
	hit   func()
}

func (w *watchedBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, err := w.buf.Write(p)
	if w.watch != "" && strings.Contains(w.buf.String(), w.watch) {
		w.hit()
	}
	return n, err
}

func (w *watchedBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// entries reads the journal back.
func (h *harness) entries() []journal.Entry {
	h.t.Helper()
	es, err := journal.Read(h.journal)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		h.t.Fatal(err)
	}
	return es
}

// assertSecretNowhere fails if secret appears in any output of any run, in
// the journal, in the pins file or in any backup.
func (h *harness) assertSecretNowhere(secret string) {
	h.t.Helper()
	h.mu.Lock()
	outputs := append([]string(nil), h.outputs...)
	h.mu.Unlock()
	for _, o := range outputs {
		if strings.Contains(o, secret) {
			h.t.Errorf("the password appears in the program's output:\n%s", o)
		}
	}
	err := filepath.WalkDir(h.dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(data, []byte(secret)) {
			h.t.Errorf("the password is written in %s", path)
		}
		return nil
	})
	if err != nil {
		h.t.Fatal(err)
	}
}

// testDowntime is short, to keep tests quick. 10.12 reports neither a boot
// id nor an uptime, so its return can only be recognised by seeing it gone:
// it must stay down longer than the once-a-second poll.
func testDowntime(gen camsim.Generation) time.Duration {
	if gen == camsim.Gen10 {
		return 2500 * time.Millisecond
	}
	return 300 * time.Millisecond
}

func startCamera(t *testing.T, gen camsim.Generation, admin *camsim.Account) *camsim.Camera {
	t.Helper()
	cam, err := camsim.New(camsim.Config{Generation: gen, ResetDowntime: testDowntime(gen), Admin: admin})
	if err != nil {
		t.Fatal(err)
	}
	if err := cam.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cam.Close() })
	return cam
}

// hostOf is the camera's address as a user types it: host:port, no scheme.
// The port is the simulator's HTTPS one, so the program finds HTTPS there
// first, as it does on a real camera.
func hostOf(cam *camsim.Camera) string {
	return strings.TrimPrefix(cam.HTTPSURL(), "https://")
}

// canLogIn proves, with the real client, that the camera accepts user and
// password now.
func canLogIn(t *testing.T, cam *camsim.Camera, user, password string) error {
	t.Helper()
	c, err := vapix.New(cam.HTTPURL(), vapix.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	c.SetCredentials(user, password)
	return c.VerifyLogin(context.Background())
}

const adminPassword = "Quartz-Zebra 42"

func admin() *camsim.Account { return &camsim.Account{User: "root", Password: adminPassword} }
