package camsim_test

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/icholy/digest"

	"github.com/openipu/openipu/core/camsim"
)

// Short lifecycle durations so reset tests take well under a second each.
const (
	testDowntime   = 300 * time.Millisecond
	testGoDown     = 50 * time.Millisecond
	requestTimeout = 5 * time.Second
)

// startCam starts a camera with test-friendly durations and closes it at the
// end of the test.
func startCam(t *testing.T, cfg camsim.Config) *camsim.Camera {
	t.Helper()
	if cfg.ResetDowntime == 0 {
		cfg.ResetDowntime = testDowntime
	}
	if cfg.GoDownAfter == 0 {
		cfg.GoDownAfter = testGoDown
	}
	if cfg.BootingFor == 0 {
		cfg.BootingFor = -1
	}
	cam, err := camsim.New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if err := cam.Start(); err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := cam.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return cam
}

// insecureTransport accepts the camera's self-signed certificate, as a
// first contact must. Each client gets its own, so no connection or digest
// challenge is shared between cameras.
func insecureTransport() *http.Transport {
	return &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, //nolint:gosec // self-signed camera certificate, test only
	}
}

func plainClient() *http.Client {
	return &http.Client{Transport: insecureTransport(), Timeout: requestTimeout}
}

// digestClient logs in the way the OpenIPU client will: github.com/icholy/digest.
func digestClient(user, password string) *http.Client {
	return &http.Client{
		Transport: &digest.Transport{Username: user, Password: password, Transport: insecureTransport()},
		Timeout:   requestTimeout,
	}
}

type reply struct {
	status int
	header http.Header
	body   string
}

// call makes one request and reads at most 1 MiB of the reply.
func call(t *testing.T, client *http.Client, method, target, contentType, body string) reply {
	t.Helper()
	r, err := try(client, method, target, contentType, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	return r
}

func try(client *http.Client, method, target, contentType, body string) (reply, error) {
	ctx, cancel := context.WithTimeout(context.Background(), requestTimeout)
	defer cancel()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, target, rd)
	if err != nil {
		return reply{}, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := client.Do(req)
	if err != nil {
		return reply{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil {
		return reply{}, err
	}
	return reply{status: res.StatusCode, header: res.Header, body: string(b)}, nil
}

func postJSON(t *testing.T, client *http.Client, target, body string) reply {
	t.Helper()
	return call(t, client, http.MethodPost, target, "application/json", body)
}

func systemReady(t *testing.T, cam *camsim.Camera) reply {
	t.Helper()
	return postJSON(t, plainClient(), cam.HTTPURL()+"/axis-cgi/systemready.cgi", `{"apiVersion":"1","method":"systemready"}`)
}

// setUp creates the first administrator anonymously, the way every client
// must on a factory-new camera.
func setUp(t *testing.T, cam *camsim.Camera, user, password string) {
	t.Helper()
	q := url.Values{"action": {"add"}, "user": {user}, "pwd": {password}, "grp": {"root"}, "sgrp": {"admin:operator:viewer:ptz"}}
	r := call(t, plainClient(), http.MethodGet, cam.HTTPURL()+"/axis-cgi/pwdgrp.cgi?"+q.Encode(), "", "")
	if r.status != http.StatusOK || !strings.Contains(r.body, "Created account "+user+".") {
		t.Fatalf("creating first account: %d %q", r.status, r.body)
	}
}

// firstUser is the name each generation accepts as first administrator.
func firstUser(g camsim.Generation) string {
	if g == camsim.Gen10 {
		return "root"
	}
	return "installer"
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// refused reports whether nothing listens at the camera's HTTP address.
func refused(cam *camsim.Camera) bool {
	u, _ := url.Parse(cam.HTTPURL())
	conn, err := net.DialTimeout("tcp", u.Host, time.Second)
	if err == nil {
		_ = conn.Close()
		return false
	}
	// Any dial error counts: on loopback a closed port fails at once, and the
	// exact errno differs between operating systems.
	return err != nil
}

// downAndBack opens a connection to the camera and returns a wait for the
// camera to leave the network and answer again from a new boot. Call it
// before whatever takes the camera down: leaving cuts the connection, an
// event the wait sees however late it looks, where the downtime's window
// of refused connections can pass unseen on a loaded machine.
func downAndBack(t *testing.T, cam *camsim.Camera) (wait func()) {
	t.Helper()
	u, _ := url.Parse(cam.HTTPURL())
	conn, err := net.DialTimeout("tcp", u.Host, requestTimeout)
	if err != nil {
		t.Fatalf("connecting to the camera before it goes down: %v", err)
	}
	before := cam.Snapshot().BootID
	return func() {
		t.Helper()
		defer conn.Close()
		// The camera's server would drop the silent connection after its
		// ReadHeaderTimeout (10 s); it must be cut well before.
		_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, err := conn.Read(make([]byte, 1)); err == nil || errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("the camera never left the network: %v", err)
		}
		waitFor(t, "camera to come back", 5*time.Second, func() bool {
			return !refused(cam) && cam.Snapshot().Online && cam.Snapshot().BootID != before
		})
	}
}

// servedFingerprint is the SHA-256 of the certificate the HTTPS port presents.
func servedFingerprint(t *testing.T, cam *camsim.Camera) string {
	t.Helper()
	u, _ := url.Parse(cam.HTTPSURL())
	d := &net.Dialer{Timeout: requestTimeout}
	conn, err := tls.DialWithDialer(d, "tcp", u.Host, &tls.Config{InsecureSkipVerify: true}) //nolint:gosec // reading the self-signed cert is the point
	if err != nil {
		t.Fatalf("TLS dial: %v", err)
	}
	defer conn.Close()
	sum := sha256.Sum256(conn.ConnectionState().PeerCertificates[0].Raw)
	return hex.EncodeToString(sum[:])
}
