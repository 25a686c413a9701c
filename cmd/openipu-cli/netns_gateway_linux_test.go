//go:build linux

package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openipu/openipu/core/netlab"
)

// avahiConf makes avahi-daemon a pure mDNS gateway: it publishes nothing of
// its own, talks to no D-Bus, and reflects mDNS between its two networks,
// re-sending the cameras' answers from its own address as routers with an
// "mDNS gateway" or "Bonjour reflector" setting do.
const avahiConf = `[server]
use-ipv4=yes
use-ipv6=no
allow-interfaces=eth0,eth1
enable-dbus=no
ratelimit-interval-usec=0
[wide-area]
enable-wide-area=no
[publish]
disable-publishing=yes
disable-user-service-publishing=yes
publish-hinfo=no
publish-workstation=no
[reflector]
enable-reflector=yes
`

// startReflector runs Debian's avahi-daemon as the router's mDNS gateway: a
// reflector not written here, so that discovery is tested against what
// sites run. Each daemon gets a /run of its own (a private mount
// namespace), since avahi keeps its pid file and socket at a fixed place.
func startReflector(t *testing.T, router *netlab.Host) {
	t.Helper()
	daemon, err := exec.LookPath("avahi-daemon")
	if err != nil {
		msg := "mDNS gateway test skipped: avahi-daemon is missing (make deps installs it)"
		if os.Getenv("CI") != "" {
			t.Fatal(msg + "; CI must not skip it")
		}
		t.Skip(msg)
	}
	dir := t.TempDir()
	conf := filepath.Join(dir, "avahi-daemon.conf")
	if err := os.WriteFile(conf, []byte(avahiConf), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	script := "mount -t tmpfs tmpfs /run && mkdir -p /run/avahi-daemon && exec " + daemon +
		" -f " + conf + " --no-drop-root --no-chroot --no-rlimits --no-proc-title"
	cmd := router.Command(ctx, "unshare", "--mount", "--propagation", "private", "sh", "-c", script)
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatal(err)
	}
	// Its log is read line by line as it comes: ready when it says so.
	var (
		mu  sync.Mutex
		log strings.Builder
	)
	ready, exited := make(chan struct{}), make(chan struct{})
	go func() {
		sc := bufio.NewScanner(pr)
		started := false
		for sc.Scan() {
			mu.Lock()
			log.WriteString(sc.Text() + "\n")
			mu.Unlock()
			if !started && strings.Contains(sc.Text(), "Server startup complete") {
				started = true
				close(ready)
			}
		}
	}()
	go func() { _ = cmd.Wait(); pw.Close(); close(exited) }()
	said := func() string {
		mu.Lock()
		defer mu.Unlock()
		return log.String()
	}
	t.Cleanup(func() {
		cancel()
		<-exited
		if t.Failed() {
			t.Logf("avahi-daemon said:\n%s", said())
		}
	})
	select {
	case <-ready:
	case <-exited:
		t.Fatalf("avahi-daemon exited:\n%s", said())
	case <-time.After(30 * time.Second):
		t.Fatalf("avahi-daemon did not start:\n%s", said())
	}
}

// A managed site: the cameras on their own network (10.81.2.0/24), the
// laptop on the staff network (10.81.1.0/24), a router between them that
// routes and runs an mDNS gateway. Every answer reaches the laptop from
// the router's address; AXIS OS 12 answers no SSDP, so only the address
// records inside the gateway's answers can lead to those cameras.
func TestDiscoverBehindAnMDNSGatewayEnrichesEveryCameraAtItsOwnAddress(t *testing.T) {
	camNet, staffNet := netlab.New(t), netlab.New(t)
	router := staffNet.Host("router", "10.81.1.1/24")
	router.Attach(camNet, "eth1", "10.81.2.1/24")
	if out, err := router.Run("sysctl", "-qw", "net.ipv4.ip_forward=1"); err != nil {
		t.Fatalf("forwarding: %v\n%s", err, out)
	}
	cams := camNet.Host("cams", "10.81.2.10/24")
	cams.AddAddrs(netlab.Range("10.81.2.11", 5, 24)...)
	cams.Route("default via 10.81.2.1")
	client := staffNet.Host("client", "10.81.1.50/24")
	client.Route("10.81.2.0/24 via 10.81.1.1")
	startReflector(t, router)
	f := startFleet(t, cams, 6, "--count", "6", "--firmware", "mixed", "--ips", "10.81.2.10-10.81.2.15")
	want := f.byMAC()

	run := runWatch(t, client, 60*time.Second, "--timeout", "8s")
	last := run.lastByMAC()
	for mac, c := range want {
		r, ok := last[mac]
		if !ok {
			t.Errorf("%s (%s) behind the gateway was not found", mac, c.Firmware)
			continue
		}
		if !r.Enriched || r.Firmware != c.Firmware || r.Reach != "ok" {
			t.Errorf("%s (%s): enriched %v, firmware %q, reach %q (%s); want it enriched through the gateway", mac, c.Firmware, r.Enriched, r.Firmware, r.Reach, r.Diagnosis)
		}
		if !contains(r.Addresses, ipOf(c.HTTP)) || contains(r.Addresses, "10.81.1.1") {
			t.Errorf("%s: addresses %v; want its own %s, never the router's", mac, r.Addresses, ipOf(c.HTTP))
		}
		if strings.HasPrefix(c.Firmware, "12.") && r.AnnouncedBy != "10.81.1.1" {
			t.Errorf("%s (%s): announced by %q; want the gateway 10.81.1.1", mac, c.Firmware, r.AnnouncedBy)
		}
	}
	for mac, r := range last {
		if _, ok := want[mac]; !ok {
			t.Errorf("a device nobody announced appeared: %+v", r)
		}
	}
}
