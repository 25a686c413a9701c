package vapix_test

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/testdir"

	"github.com/openipu/openipu/core/vapix"
)

// The simulator and the client are both written here, so a shared
// misreading of the digest RFC would pass every other test. Apache's
// mod_auth_digest is the independent referee: Axis firmware itself serves
// VAPIX from Apache, and its challenges look exactly like these.

const (
	apacheBinary  = "/usr/sbin/apache2"
	apacheModules = "/usr/lib/apache2/modules"
	interopRealm  = "AXIS_ACCC8E000001"
	interopUser   = "root"
	interopParams = "root.Brand.Brand=AXIS\nroot.Brand.ProdShortName=AXIS Interop\n"
)

type apacheServer struct {
	url       string
	accessLog string
	errorLog  string
}

// requireApache skips without Debian's apache2, except under CI on Linux,
// where a silent skip would hide that the interop check never ran. Windows
// and macOS runners have no Debian apache2 layout, so they skip even in CI.
func requireApache(t *testing.T) {
	t.Helper()
	if runtime.GOOS != "linux" {
		// Checked first: under Wine, /usr/sbin/apache2 is the Linux
		// program on the host's drive Z:, which Stat finds but a Windows
		// program cannot start.
		t.Skipf("the digest interop test starts Debian's Apache httpd (%s), a Linux program; it cannot run on %s", apacheBinary, runtime.GOOS)
	}
	_, err := os.Stat(apacheBinary)
	if err == nil {
		return
	}
	msg := fmt.Sprintf("Apache httpd is not installed (%s: %v); install the apache2 package (make deps) to run the digest interop test", apacheBinary, err)
	if os.Getenv("CI") != "" {
		t.Fatal(msg + "; CI must not skip it")
	}
	t.Skip(msg)
}

func freeLoopbackPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startApache serves interopParams as axis-cgi/param.cgi behind Digest auth
// for interopUser with password, and stops Apache when the test ends.
func startApache(t *testing.T, password string) *apacheServer {
	t.Helper()
	requireApache(t)

	dir := testdir.New(t)
	port := freeLoopbackPort(t)
	docroot := filepath.Join(dir, "htdocs")
	write := func(name, content string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// htdigest's format: user:realm:MD5(user:realm:password). Only the
	// hash reaches the disk.
	ha1 := md5.Sum([]byte(interopUser + ":" + interopRealm + ":" + password))
	write(filepath.Join(dir, "htdigest"), fmt.Sprintf("%s:%s:%s\n", interopUser, interopRealm, hex.EncodeToString(ha1[:])))
	write(filepath.Join(docroot, "axis-cgi", "param.cgi"), interopParams)
	write(filepath.Join(dir, "mime.types"), "text/plain\tcgi\n")

	mpm := "prefork"
	if _, err := os.Stat(filepath.Join(apacheModules, "mod_mpm_prefork.so")); err != nil {
		mpm = "event"
	}
	var conf strings.Builder
	fmt.Fprintf(&conf, "ServerRoot %q\n", dir)
	fmt.Fprintf(&conf, "Listen 127.0.0.1:%d\n", port)
	conf.WriteString("ServerName 127.0.0.1\n")
	// Under -X Apache serves one connection at a time, so one client's idle
	// keep-alive connection would stall the next client until it times out.
	conf.WriteString("KeepAlive Off\n")
	fmt.Fprintf(&conf, "LoadModule mpm_%s_module %q\n", mpm, filepath.Join(apacheModules, "mod_mpm_"+mpm+".so"))
	for _, m := range []string{"authz_core", "authz_user", "authn_core", "authn_file", "auth_digest", "mime", "dir", "alias"} {
		fmt.Fprintf(&conf, "LoadModule %s_module %q\n", m, filepath.Join(apacheModules, "mod_"+m+".so"))
	}
	fmt.Fprintf(&conf, "PidFile %q\n", filepath.Join(dir, "httpd.pid"))
	fmt.Fprintf(&conf, "DefaultRuntimeDir %q\n", dir)
	fmt.Fprintf(&conf, "Mutex file:%s default\n", dir)
	fmt.Fprintf(&conf, "ErrorLog %q\nLogLevel warn\n", filepath.Join(dir, "error.log"))
	// The Authorization header carries digest hashes, never the password;
	// logging it is how the test sees the nonce count the server received.
	fmt.Fprintf(&conf, "LogFormat \"%%>s \\\"%%{Authorization}i\\\"\" interop\nCustomLog %q interop\n", filepath.Join(dir, "access.log"))
	fmt.Fprintf(&conf, "TypesConfig %q\n", filepath.Join(dir, "mime.types"))
	fmt.Fprintf(&conf, "DocumentRoot %q\n", docroot)
	fmt.Fprintf(&conf, "<Directory %q>\n", docroot)
	conf.WriteString("  AuthType Digest\n")
	fmt.Fprintf(&conf, "  AuthName %q\n", interopRealm)
	conf.WriteString("  AuthDigestProvider file\n")
	fmt.Fprintf(&conf, "  AuthUserFile %q\n", filepath.Join(dir, "htdigest"))
	conf.WriteString("  Require valid-user\n</Directory>\n")

	if os.Geteuid() == 0 {
		// Apache refuses to serve as root; its worker drops to an
		// unprivileged account, which must be able to read the files.
		account := "www-data"
		if _, err := user.Lookup(account); err != nil {
			account = "nobody"
		}
		g, err := user.LookupGroupId(mustLookupGID(t, account))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&conf, "User %s\nGroup %s\n", account, g.Name)
		for _, d := range []string{filepath.Dir(dir), dir} {
			if err := os.Chmod(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	confPath := filepath.Join(dir, "httpd.conf")
	write(confPath, conf.String())

	cmd := exec.Command(apacheBinary, "-X", "-f", confPath)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting apache: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	srv := &apacheServer{
		url:       fmt.Sprintf("http://127.0.0.1:%d", port),
		accessLog: filepath.Join(dir, "access.log"),
		errorLog:  filepath.Join(dir, "error.log"),
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
		if t.Failed() {
			t.Logf("apache output: %s\nerror.log:\n%s", out.String(), srv.readFile(srv.errorLog))
		}
	})

	deadline := time.Now().Add(15 * time.Second)
	for {
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("apache exited before listening: %v\n%s\nerror.log:\n%s", err, out.String(), srv.readFile(srv.errorLog))
		default:
		}
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second)
		if err == nil {
			c.Close()
			return srv
		}
		if time.Now().After(deadline) {
			t.Fatalf("apache did not listen on port %d within 15 s: %v", port, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func mustLookupGID(t *testing.T, account string) string {
	t.Helper()
	u, err := user.Lookup(account)
	if err != nil {
		t.Fatalf("no unprivileged account for apache: %v", err)
	}
	return u.Gid
}

func (s *apacheServer) readFile(name string) string {
	b, _ := os.ReadFile(name)
	return string(b)
}

// logLines returns the access-log lines after the first skip, waiting briefly
// for at least want of them: Apache logs a request after sending its reply,
// so the client can be faster than the log.
func (s *apacheServer) logLines(t *testing.T, skip, want int) []string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		var lines []string
		for _, l := range strings.Split(s.readFile(s.accessLog), "\n") {
			if l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) >= skip+want || time.Now().After(deadline) {
			if len(lines) < skip {
				return nil
			}
			return lines[skip:]
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func newInteropClient(t *testing.T, url, password string) *vapix.Client {
	t.Helper()
	c, err := vapix.New(url, vapix.Options{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatalf("vapix.New(%q): %v", url, err)
	}
	c.SetCredentials(interopUser, password)
	return c
}

var (
	ncField    = regexp.MustCompile(`\bnc=([0-9a-fA-F]{8})`)
	nonceField = regexp.MustCompile(`\bnonce=\\?"([^"\\]+)`)
)

func TestApacheModAuthDigestInterop(t *testing.T) {
	const password = "interop pass&word#1"
	srv := startApache(t, password)

	t.Run("ListParamsAuthenticatesAndReusesNonceWithIncreasingCount", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
		defer cancel()
		before := len(srv.logLines(t, 0, 0))
		c := newInteropClient(t, srv.url, password)

		params, raw, err := c.ListParams(ctx)
		if err != nil {
			t.Fatalf("first ListParams through mod_auth_digest: %v", err)
		}
		want := []vapix.Param{{Name: "root.Brand.Brand", Value: "AXIS"}, {Name: "root.Brand.ProdShortName", Value: "AXIS Interop"}}
		if !reflect.DeepEqual(params, want) {
			t.Errorf("params = %#v, want %#v", params, want)
		}
		if string(raw) != interopParams {
			t.Errorf("raw body = %q, want the file Apache served, %q", raw, interopParams)
		}

		if _, _, err := c.ListParams(ctx); err != nil {
			t.Fatalf("second ListParams on the same client: %v", err)
		}

		// One challenge, then two authenticated requests on the same
		// nonce with nc 1 and 2: the second call needed no new 401.
		lines := srv.logLines(t, before, 3)
		var statuses, ncs, nonces []string
		for _, l := range lines {
			statuses = append(statuses, strings.Fields(l)[0])
			if m := ncField.FindStringSubmatch(l); m != nil {
				ncs = append(ncs, m[1])
			}
			if m := nonceField.FindStringSubmatch(l); m != nil {
				nonces = append(nonces, m[1])
			}
		}
		if got := strings.Join(statuses, " "); got != "401 200 200" {
			t.Errorf("Apache saw statuses %q, want \"401 200 200\"; log:\n%s", got, strings.Join(lines, "\n"))
		}
		if got := strings.Join(ncs, " "); got != "00000001 00000002" {
			t.Errorf("Apache saw nonce counts %q, want \"00000001 00000002\"", got)
		}
		if len(nonces) != 2 || nonces[0] != nonces[1] {
			t.Errorf("the second call should reuse the first nonce; saw %q", nonces)
		}
	})

	t.Run("WrongPasswordIsKindWrongPassword", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
		defer cancel()
		c := newInteropClient(t, srv.url, password+"x")

		_, _, err := c.ListParams(ctx)
		if !errors.Is(err, vapix.WrongPassword) {
			t.Fatalf("ListParams with a wrong password: err = %v (kind %v), want kind %v", err, vapix.KindOf(err), vapix.WrongPassword)
		}
		if strings.Contains(err.Error(), password) {
			t.Errorf("the error text contains the password: %v", err)
		}
	})
}
