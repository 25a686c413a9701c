package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"flag"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
)

var line = regexp.MustCompile(`^([0-9A-F]{12}) (http://127\.0\.0\.\d+:\d+) (https://127\.0\.0\.\d+:\d+) (10\.12\.228|11\.11\.192|12\.9\.57)$`)

type started struct {
	lines  [][]string
	cancel context.CancelFunc
	done   chan int
	stderr *syncBuffer
}

// syncBuffer is a stderr the test can read while run writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start runs camsim in-process and waits for its n camera lines.
func start(t *testing.T, n int, args ...string) *started {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	s := &started{cancel: cancel, done: make(chan int, 1), stderr: &syncBuffer{}}
	go func() {
		s.done <- run(ctx, args, pw, s.stderr)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		<-s.done
	})
	lines := make(chan []string)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			lines <- line.FindStringSubmatch(sc.Text())
		}
		close(lines)
	}()
	for len(s.lines) < n {
		select {
		case m, ok := <-lines:
			if !ok {
				t.Fatalf("camsim ended early; stderr: %s", s.stderr.String())
			}
			if m == nil {
				t.Fatal("a line does not read <MAC> <http URL> <https URL> <firmware>")
			}
			s.lines = append(s.lines, m)
		case <-time.After(10 * time.Second):
			t.Fatalf("timed out; stderr: %s", s.stderr.String())
		}
	}
	go func() {
		for range lines {
		}
	}()
	return s
}

func systemReady(base string) (int, error) {
	c := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, //nolint:gosec // the simulator's self-signed certificate
	}}
	res, err := c.Post(base+"/axis-cgi/systemready.cgi", "application/json", strings.NewReader(`{"apiVersion":"1","method":"systemready"}`))
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 1<<20))
	return res.StatusCode, nil
}

func TestRunPrintsOneLinePerServingCameraAndShutsDownOnCancel(t *testing.T) {
	s := start(t, 3, "--count", "3", "--reset-downtime", "300ms")
	firmware := map[string]bool{}
	for _, m := range s.lines {
		firmware[m[4]] = true
		for _, base := range m[2:4] {
			if st, err := systemReady(base); err != nil || st != http.StatusOK {
				t.Errorf("%s: %d %v", base, st, err)
			}
		}
	}
	if len(firmware) != 3 {
		t.Errorf("mixed firmware by default, got %v", firmware)
	}
	s.cancel()
	select {
	case code := <-s.done:
		s.done <- code
		if code != 0 {
			t.Errorf("exit code %d after cancel; stderr %s", code, s.stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after cancel")
	}
	for _, m := range s.lines {
		u, _ := url.Parse(m[2])
		if conn, err := net.DialTimeout("tcp", u.Host, time.Second); err == nil {
			conn.Close()
			t.Errorf("%s still listening after shutdown", m[2])
		}
	}
}

func TestRunWithOneFirmwareOnly(t *testing.T) {
	s := start(t, 2, "--count", "2", "--firmware", "12.9")
	for _, m := range s.lines {
		if m[4] != "12.9.57" {
			t.Errorf("firmware %s", m[4])
		}
	}
}

func TestRunBindsTheGivenAddresses(t *testing.T) {
	if ln, err := net.Listen("tcp", "127.0.0.3:0"); err != nil {
		t.Skipf("this OS does not route 127.0.0.3 to loopback: %v", err)
	} else {
		ln.Close()
	}
	// Loopback addresses: nothing to announce on the machine's real network.
	s := start(t, 2, "--ips", "127.0.0.2-127.0.0.3", "--http-port", "0", "--https-port", "0", "--mdns", "off", "--ssdp", "off")
	for i, m := range s.lines {
		want := []string{"127.0.0.2", "127.0.0.3"}[i]
		if !strings.HasPrefix(m[2], "http://"+want+":") || !strings.HasPrefix(m[3], "https://"+want+":") {
			t.Errorf("camera %d on %s %s, want %s", i, m[2], m[3], want)
		}
	}
}

func TestRunRejectsBadFlagsWithExitCode2(t *testing.T) {
	for _, args := range [][]string{
		{"--count", "0"},
		{"--count", "99999"},
		{"--firmware", "9.80"},
		{"--ips", "not-an-address"},
		{"--ips", "127.0.0.1-127.0.0.2", "--count", "3"},
		{"--reset-downtime", "soon"},
		{"--reset-downtime", "-1s"},
		{"--count", "2", "--http-port", "8080"},
		{"--http-port", "70000"},
		{"--latency", "60ms-20ms"},
		{"--latency", "abc"},
		{"--latency", "-5ms"},
		{"--latency", "20ms--5ms"},
		{"--no-such-flag"},
		{"extra"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), args, &stdout, &stderr); code != 2 || stderr.Len() == 0 || stdout.Len() != 0 {
			t.Errorf("%q: exit %d, stderr %q, stdout %q", args, code, stderr.String(), stdout.String())
		}
	}
}

func TestRunWithLatencyAnswersNoSoonerThanItsLeast(t *testing.T) {
	s := start(t, 1, "--latency", "30ms-50ms")
	for _, base := range s.lines[0][2:4] {
		began := time.Now()
		if st, err := systemReady(base); err != nil || st != http.StatusOK {
			t.Fatalf("%s: %d %v", base, st, err)
		}
		if took := time.Since(began); took < 30*time.Millisecond {
			t.Errorf("%s answered after %s, sooner than the latency's 30ms", base, took)
		}
	}
}

func TestLatencyFlagTakesARangeAFixedDelayOrNone(t *testing.T) {
	for in, want := range map[string]camsim.LatencyRange{
		"20ms-60ms": {Min: 20 * time.Millisecond, Max: 60 * time.Millisecond},
		"40ms":      {Min: 40 * time.Millisecond, Max: 40 * time.Millisecond},
		"0":         {},
		"":          {},
	} {
		fs := flag.NewFlagSet("camsim", flag.ContinueOnError)
		cfg, err := fleetConfig(fs, 1, "mixed", "", -1, -1, time.Second, in)
		if err != nil || cfg.Latency != want {
			t.Errorf("--latency %q: %v, %v; want %v", in, cfg.Latency, err, want)
		}
	}
}
