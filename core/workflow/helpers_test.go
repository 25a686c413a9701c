package workflow

import (
	"context"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openipu/openipu/core/testdir"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
)

const (
	adminPassword = "Quartz-Zebra 42"
	newPassword   = "Basalt-Heron 77"
)

func admin() *camsim.Account { return &camsim.Account{User: "root", Password: adminPassword} }

// startCamera runs a simulated camera on loopback for the test.
func startCamera(t *testing.T, gen camsim.Generation, admin *camsim.Account) *camsim.Camera {
	t.Helper()
	downtime := 300 * time.Millisecond
	if gen == camsim.Gen10 {
		// 10.12 is recognised as back by its lost administrator, which
		// takes a few polls.
		downtime = 2500 * time.Millisecond
	}
	cam, err := camsim.New(camsim.Config{Generation: gen, ResetDowntime: downtime, Admin: admin})
	if err != nil {
		t.Fatal(err)
	}
	if err := cam.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cam.Close() })
	return cam
}

// targetOf is the camera as discovery would have found it on loopback,
// HTTPS port announced.
func targetOf(t *testing.T, cam *camsim.Camera) Target {
	t.Helper()
	return Target{Host: "127.0.0.1", HTTPPort: portOf(t, cam.HTTPURL()), HTTPSPort: portOf(t, cam.HTTPSURL()), MAC: cam.MAC()}
}

func portOf(t testing.TB, rawURL string) int {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	port, err := strconv.Atoi(u.Port())
	if err != nil {
		t.Fatal(err)
	}
	return port
}

// site is an Env over real loopback sockets with a real journal file.
type site struct {
	t       *testing.T
	env     Env
	journal string
	dir     string
}

func newSite(t *testing.T) *site {
	t.Helper()
	dir := testdir.New(t)
	path := filepath.Join(dir, "journal.jsonl")
	j, err := journal.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	return &site{t: t, journal: path, dir: dir, env: Env{Connect: NewConnector(&vapix.MemoryPins{}, 5*time.Second), Journal: j}}
}

func (s *site) entries() []journal.Entry {
	s.t.Helper()
	es, err := journal.Read(s.journal)
	if err != nil {
		s.t.Fatal(err)
	}
	return es
}

// noSecretsOnDisk fails when any file the site wrote holds a password.
func (s *site) noSecretsOnDisk(secrets ...string) {
	s.t.Helper()
	filepath.WalkDir(s.dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			s.t.Fatal(err)
		}
		for _, secret := range secrets {
			if strings.Contains(string(b), secret) {
				s.t.Errorf("%s holds a password", p)
			}
		}
		return nil
	})
}

// canLogIn proves, with the real client, that the camera accepts user and
// password now.
func canLogIn(t *testing.T, cam *camsim.Camera, user, password string) error {
	t.Helper()
	c, err := vapix.New(cam.HTTPURL(), vapix.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetCredentials(user, password)
	return c.VerifyLogin(context.Background())
}

// movingSite reaches simulated cameras behind made-up addresses, so a test
// can move a camera to a new address as a real network would.
type movingSite struct {
	mu    sync.Mutex
	at    map[netip.Addr]*camsim.Camera
	inner Connector
}

func newMovingSite() *movingSite {
	return &movingSite{at: map[netip.Addr]*camsim.Camera{}, inner: NewConnector(&vapix.MemoryPins{}, 5*time.Second)}
}

func (m *movingSite) put(a string, cam *camsim.Camera) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.at[netip.MustParseAddr(a)] = cam
}

func (m *movingSite) connect(ctx context.Context, t Target, o ConnectOptions) (Client, error) {
	a, err := netip.ParseAddr(t.Host)
	m.mu.Lock()
	cam := m.at[a]
	m.mu.Unlock()
	if err != nil || cam == nil {
		return nil, &vapix.Error{Kind: vapix.NoAnswer, Op: "connect to the camera", Host: t.Host}
	}
	http, _ := url.Parse(cam.HTTPURL())
	https, _ := url.Parse(cam.HTTPSURL())
	hp, _ := strconv.Atoi(http.Port())
	sp, _ := strconv.Atoi(https.Port())
	return m.inner(ctx, Target{Host: http.Hostname(), HTTPPort: hp, HTTPSPort: sp, MAC: t.MAC, Scheme: t.Scheme}, o)
}

// steps collects the progress a workflow reports.
type steps struct {
	mu  sync.Mutex
	all []Progress
}

func (s *steps) add(p Progress) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.all = append(s.all, p)
}

func (s *steps) has(step Step) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.all {
		if p.Step == step {
			return true
		}
	}
	return false
}
