//go:build linux

package hostaddr

import (
	"context"
	"errors"
	"net/netip"
	"os/exec"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/netlab"
)

// inHost runs the system's tools inside a lab host's namespace, as the
// program runs them on the computer.
func inHost(h *netlab.Host, prefix ...string) System {
	return System{GOOS: "linux", Run: func(ctx context.Context, name string, args ...string) ([]byte, error) {
		argv := append(append(append([]string(nil), prefix...), name), args...)
		return h.Command(ctx, argv[0], argv[1:]...).CombinedOutput()
	}}
}

func addrsOf(t *testing.T, h *netlab.Host) string {
	t.Helper()
	out, err := h.Run("ip", "-o", "address", "show", "dev", "eth0")
	if err != nil {
		t.Fatalf("ip address show: %v: %s", err, out)
	}
	return out
}

func TestSystemAddsASecondAddressBesideTheComputersOwnAndRemovesIt(t *testing.T) {
	lab := netlab.New(t)
	pc := lab.Host("pc", "10.0.4.17/24")
	p := netip.MustParsePrefix("192.168.0.213/24")

	a, err := inHost(pc).Add(context.Background(), "eth0", p)
	if err != nil {
		t.Fatalf("Add: %v", err)
	}
	got := addrsOf(t, pc)
	if !strings.Contains(got, "192.168.0.213/24") || !strings.Contains(got, "10.0.4.17/24") {
		t.Fatalf("after Add the connection has:\n%s\nwant both its own address and 192.168.0.213/24", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // removal must happen even when the window's work has ended
	if err := a.Remove(ctx); err != nil {
		t.Fatalf("Remove: %v", err)
	}
	if err := a.Remove(context.Background()); err != nil {
		t.Fatalf("second Remove: %v", err)
	}
	if got := addrsOf(t, pc); strings.Contains(got, "192.168.0.213") || !strings.Contains(got, "10.0.4.17/24") {
		t.Fatalf("after Remove the connection has:\n%s\nwant only its own address", got)
	}
}

func TestSystemWithoutRightsSaysAdministratorRightsAreNeeded(t *testing.T) {
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("needs util-linux's setpriv to drop rights")
	}
	lab := netlab.New(t)
	pc := lab.Host("pc", "10.0.4.17/24")
	nobody := inHost(pc, setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all")
	_, err = nobody.Add(context.Background(), "eth0", netip.MustParsePrefix("192.168.0.213/24"))
	if !errors.Is(err, NeedsAdmin) {
		t.Fatalf("Add without rights: %v, want NeedsAdmin", err)
	}
	if got := addrsOf(t, pc); strings.Contains(got, "192.168.0.213") {
		t.Fatalf("the address was added although the tool refused:\n%s", got)
	}
}

func TestSystemOnAConnectionThatDoesNotExistSaysItIsNotPossible(t *testing.T) {
	lab := netlab.New(t)
	pc := lab.Host("pc", "10.0.4.17/24")
	_, err := inHost(pc).Add(context.Background(), "eth9", netip.MustParsePrefix("192.168.0.213/24"))
	if !errors.Is(err, NotPossible) {
		t.Fatalf("Add on eth9: %v, want NotPossible", err)
	}
}
