//go:build linux

package window

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// demoFlows are the tests that take the simulated office through every
// feature that could reach a network: the search, the "already answers"
// check, ARP/Ping, the second address, set password, the address change and
// its follow, the guided reset.
const demoFlows = "^(TestTheFactoryAddressCamera.*|TestWithoutRightsTheWizard.*|TestDemoWizard.*|TestTryWithSimulatedCameras.*|TestAnAddressAssignedInTheDemo.*)$"

var (
	// strace writes each address as {sa_family=AF_INET, sin_port=…,
	// sin_addr=inet_addr("10.0.4.5")}.
	traceFamily = regexp.MustCompile(`sa_family=(AF_[A-Z0-9]+)`)
	traceV4     = regexp.MustCompile(`inet_addr\("([^"]+)"\)`)
	traceV6     = regexp.MustCompile(`inet_pton\(AF_INET6, "([^"]+)"`)
)

// TestTheDemoOpensNoSocketBeyondItsOwnLoopback runs the demo flows again
// under strace and reads every address the process connected or sent to:
// the simulated office must stay on 127.0.0.1 (and ::1), whatever made-up
// address a camera has, so that nothing a newcomer tries reaches the real
// network.
func TestTheDemoOpensNoSocketBeyondItsOwnLoopback(t *testing.T) {
	if os.Getenv("OPENIPU_SANDBOX_TRACED") != "" {
		t.Skip("this is the traced run")
	}
	if testing.Short() {
		t.Skip("runs the demo flows a second time")
	}
	strace, err := exec.LookPath("strace")
	if err != nil {
		t.Skip("needs strace (make deps installs it)")
	}
	if err := exec.Command(strace, "-qq", "-o", os.DevNull, "true").Run(); err != nil {
		t.Skipf("strace cannot trace here (%v): tracing may be forbidden in this container", err)
	}
	trace := filepath.Join(t.TempDir(), "trace")
	cmd := exec.Command(strace, "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", trace,
		os.Args[0], "-test.run", demoFlows, "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), "OPENIPU_SANDBOX_TRACED=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the traced demo flows failed: %v\n%s", err, out)
	}
	if n := strings.Count(string(out), "--- PASS"); n < 4 {
		t.Fatalf("only %d demo flows ran under strace:\n%s", n, out)
	}
	data, err := os.ReadFile(trace)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, line := range strings.Split(string(data), "\n") {
		m := traceFamily.FindStringSubmatch(line)
		if m == nil {
			continue // a connected socket's send names no address
		}
		seen++
		switch m[1] {
		case "AF_NETLINK", "AF_UNIX":
			// Reading this computer's interfaces, asking the local name
			// service cache for the user: nothing leaves the computer.
		case "AF_INET":
			if a := traceV4.FindStringSubmatch(line); a == nil || !strings.HasPrefix(a[1], "127.") {
				t.Errorf("the demo reached past loopback: %s", line)
			}
		case "AF_INET6":
			if a := traceV6.FindStringSubmatch(line); a == nil || a[1] != "::1" {
				t.Errorf("the demo reached past loopback: %s", line)
			}
		default:
			t.Errorf("the demo opened a %s socket: %s", m[1], line)
		}
	}
	if seen == 0 {
		t.Fatal("strace saw no connection at all: the trace did not work")
	}
}
