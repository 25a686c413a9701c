package arpping

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"os/exec"
	"strings"
	"time"

	"github.com/openipu/openipu/core/systool"
)

// commandTimeout bounds one neighbour-table command.
const commandTimeout = 10 * time.Second

// neighbourCommands are the commands that pin addr to mac on iface and
// remove that entry again, for goos; ok is false where no command exists.
// Each is a program and its arguments, run without a shell.
//
//   - Linux: iproute2, a permanent entry (removed at the end).
//   - macOS: arp -s … temp ifscope, which also expires by itself should
//     OpenIPU be killed before removing it.
//   - Windows: netsh, store=active, which a reboot forgets; netsh wants the
//     MAC with dashes (arp -s would need the interface's index, not name).
func neighbourCommands(goos, iface string, addr netip.Addr, mac [6]byte) (add, del [][]string, ok bool) {
	a := addr.String()
	switch goos {
	case "linux":
		return [][]string{{"ip", "neigh", "replace", a, "lladdr", macString(mac, ':'), "dev", iface, "nud", "permanent"}},
			[][]string{{"ip", "neigh", "del", a, "dev", iface}}, true
	case "darwin":
		// arp -s refuses to replace an entry, so an old one goes first.
		del = [][]string{{"arp", "-d", a, "ifscope", iface}}
		return append(del, []string{"arp", "-s", a, macString(mac, ':'), "temp", "ifscope", iface}), del, true
	case "windows":
		del = [][]string{{"netsh", "interface", "ipv4", "delete", "neighbors", iface, a}}
		return append(del, []string{"netsh", "interface", "ipv4", "add", "neighbors", iface, a, macString(mac, '-'), "store=active"}), del, true
	}
	return nil, nil, false
}

func macString(mac [6]byte, sep byte) string {
	var b strings.Builder
	for i, x := range mac {
		if i > 0 {
			b.WriteByte(sep)
		}
		fmt.Fprintf(&b, "%02x", x)
	}
	return b.String()
}

// runner runs one program; tests replace it.
type runner func(ctx context.Context, name string, args ...string) ([]byte, error)

func execRunner(ctx context.Context, name string, args ...string) ([]byte, error) {
	return systool.Run(ctx, commandTimeout, name, args...)
}

// classify turns a failed neighbour command into a Kind from what the OS
// said (iproute2, BSD arp and netsh word it differently).
func classify(out []byte, err error) (Kind, string) {
	if errors.Is(err, exec.ErrNotFound) {
		return NotPossible, "the system command for it is missing: " + err.Error()
	}
	text := strings.TrimSpace(string(out))
	if len(text) > 300 {
		text = text[:300]
	}
	low := strings.ToLower(text)
	switch {
	case strings.Contains(low, "operation not permitted"), strings.Contains(low, "permission denied"),
		strings.Contains(low, "must be root"), strings.Contains(low, "requires elevation"),
		strings.Contains(low, "access is denied"), strings.Contains(low, "run as administrator"):
		return NeedsAdmin, text
	case strings.Contains(low, "cannot find device"), strings.Contains(low, "no such device"),
		strings.Contains(low, "no such interface"), strings.Contains(low, "element not found"),
		strings.Contains(low, "not registered with the router"), strings.Contains(low, "interface not found"):
		return InterfaceNotFound, text
	}
	if text == "" && err != nil {
		text = err.Error()
	}
	return NotPossible, text
}
