package hostaddr

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/openipu/openipu/core/devtext"
	"github.com/openipu/openipu/core/usermsg"
)

// command is one program run with its arguments. Nothing secret is ever in
// it: an address and a connection name.
type command struct {
	name string
	args []string
}

// commands are the programs each system ships for adding and removing an
// address, for the system goos. ok is false where OpenIPU knows none.
func commands(goos, iface string, p netip.Prefix) (add, remove command, ok bool) {
	addr := p.Addr().String()
	switch goos {
	case "linux":
		cidr := p.String()
		return command{"ip", []string{"address", "add", cidr, "dev", iface}},
			command{"ip", []string{"address", "del", cidr, "dev", iface}}, true
	case "windows":
		// netsh takes the connection's name as one argument, spaces and
		// all ("Ethernet 2"); exec quotes it.
		return command{"netsh", []string{"interface", "ipv4", "add", "address", "name=" + iface, "address=" + addr, "mask=" + Mask(p), "store=active"}},
			command{"netsh", []string{"interface", "ipv4", "delete", "address", "name=" + iface, "address=" + addr}}, true
	case "darwin", "freebsd", "openbsd", "netbsd":
		return command{"ifconfig", []string{iface, "alias", addr, Mask(p)}},
			command{"ifconfig", []string{iface, "-alias", addr}}, true
	}
	return command{}, command{}, false
}

// classify turns what a system's tool printed when it failed into a Kind,
// and the text into one short line for the message. The texts are those of
// iproute2, Windows' netsh and BSD ifconfig; anything else is Unknown with
// the tool's own words.
func classify(output string) (Kind, string) {
	detail := devtext.Clean(firstLine(output))
	low := strings.ToLower(output)
	switch {
	case strings.Contains(low, "operation not permitted"),
		strings.Contains(low, "permission denied"),
		strings.Contains(low, "requires elevation"),
		strings.Contains(low, "run as administrator"),
		strings.Contains(low, "access is denied"):
		return NeedsAdmin, detail
	case strings.Contains(low, "cannot find device"),
		strings.Contains(low, "does not exist"),
		strings.Contains(low, "interface name is not valid"),
		strings.Contains(low, "dhcp is enabled"):
		return NotPossible, detail
	}
	return Unknown, detail
}

func firstLine(s string) string {
	for line := range strings.SplitSeq(s, "\n") {
		if t := strings.TrimSpace(line); t != "" {
			return t
		}
	}
	return ""
}

// What the steps for doing it by hand say, per system.
var (
	msgStepsWindows1 = stepMessage("hostaddr.steps.windows.1", "Open Settings, then Network & internet, then {{.Interface}}, and press Edit next to IP assignment.")
	msgStepsWindows2 = stepMessage("hostaddr.steps.windows.2", "Choose Manual, switch IPv4 on, and type the IP address {{.Addr}} and the subnet mask {{.Mask}}. Leave the gateway empty and press Save.")
	msgStepsWindows3 = stepMessage("hostaddr.steps.windows.3", "This computer leaves its usual network while it has this address. When OpenIPU says the camera has its new address, set IP assignment back to Automatic (DHCP).")
	msgStepsMac1     = stepMessage("hostaddr.steps.mac.1", "Open the Terminal app and type: sudo ifconfig {{.Interface}} alias {{.Addr}} {{.Mask}}")
	msgStepsMac2     = stepMessage("hostaddr.steps.mac.2", "Type your Mac's login password when it asks (nothing shows while you type). This computer keeps its usual address as well.")
	msgStepsMac3     = stepMessage("hostaddr.steps.mac.3", "When OpenIPU says the camera has its new address, remove it again: sudo ifconfig {{.Interface}} -alias {{.Addr}}")
	msgStepsLinux1   = stepMessage("hostaddr.steps.linux.1", "Open a terminal and type: sudo ip address add {{.Prefix}} dev {{.Interface}}")
	msgStepsLinux2   = stepMessage("hostaddr.steps.linux.2", "This computer keeps its usual address as well.")
	msgStepsLinux3   = stepMessage("hostaddr.steps.linux.3", "When OpenIPU says the camera has its new address, remove it again: sudo ip address del {{.Prefix}} dev {{.Interface}}")
)

func stepMessage(key, text string) usermsg.Message { return usermsg.Message{Key: key, Text: text} }

func stepMessages() []usermsg.Message {
	return []usermsg.Message{
		msgStepsWindows1, msgStepsWindows2, msgStepsWindows3,
		msgStepsMac1, msgStepsMac2, msgStepsMac3,
		msgStepsLinux1, msgStepsLinux2, msgStepsLinux3,
	}
}

// Steps are the instructions for giving the connection iface the address p
// by hand on the system goos, each a sentence with its values filled in.
func Steps(goos, iface string, p netip.Prefix) []usermsg.Message {
	var steps []usermsg.Message
	switch goos {
	case "windows":
		steps = []usermsg.Message{msgStepsWindows1, msgStepsWindows2, msgStepsWindows3}
	case "darwin":
		steps = []usermsg.Message{msgStepsMac1, msgStepsMac2, msgStepsMac3}
	default:
		steps = []usermsg.Message{msgStepsLinux1, msgStepsLinux2, msgStepsLinux3}
	}
	args := map[string]any{
		"Interface": iface, "Addr": p.Addr().String(), "Mask": Mask(p),
		"Prefix": p.String(), "Bits": strconv.Itoa(p.Bits()),
	}
	out := make([]usermsg.Message, len(steps))
	for i, m := range steps {
		m.Args = args
		out[i] = m
	}
	return out
}
