//go:build linux

package netlab

import (
	"strings"
	"testing"
)

func TestHostsOnTheBridgeReachEachOther(t *testing.T) {
	lab := New(t)
	a := lab.Host("a", "10.99.0.1/24")
	b := lab.Host("b", "10.99.0.2/24")
	b.AddAddrs(Range("10.99.0.10", 3, 24)...)
	out, err := a.Run("ping", "-c", "1", "-W", "2", "10.99.0.12")
	if err != nil {
		t.Fatalf("ping across the bridge failed: %v\n%s", err, out)
	}
	out, err = b.Run("ip", "-4", "addr", "show", "dev", "eth0")
	if err != nil || !strings.Contains(out, "10.99.0.11/24") {
		t.Fatalf("addresses: %v\n%s", err, out)
	}
	b.SetLink(false)
	if out, err := a.Run("ping", "-c", "1", "-W", "1", "10.99.0.2"); err == nil {
		t.Fatalf("ping worked with the cable pulled:\n%s", out)
	}
}

func TestAnAttachedInterfaceReachesTheOtherLabUntilItIsDetached(t *testing.T) {
	home, site := New(t), New(t)
	laptop := home.Host("laptop", "10.98.0.1/24")
	camera := site.Host("camera", "10.97.0.2/24")
	laptop.Attach(site, "eth1", "10.97.0.1/24")
	if out, err := laptop.Run("ping", "-c", "1", "-W", "2", "10.97.0.2"); err != nil {
		t.Fatalf("ping through the attached interface failed: %v\n%s", err, out)
	}
	laptop.Detach("eth1")
	if out, err := laptop.Run("ip", "link", "show", "dev", "eth1"); err == nil {
		t.Fatalf("eth1 still there after Detach:\n%s", out)
	}
	if out, err := camera.Run("ip", "link", "show", "dev", "eth0"); err != nil {
		t.Fatalf("the other lab's host lost its own interface: %v\n%s", err, out)
	}
}

func TestRange(t *testing.T) {
	got := Range("10.0.0.254", 3, 16)
	if strings.Join(got, ",") != "10.0.0.254/16,10.0.0.255/16,10.0.1.0/16" {
		t.Fatalf("%v", got)
	}
}
