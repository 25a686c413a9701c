package main

import (
	"context"
	"encoding/hex"
	"flag"
	"io"
	"net/netip"
	"strings"
	"time"

	"github.com/openipu/openipu/core/arpping"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
)

// hiddenCommands work but are not listed in help: tools for tests and
// support, whose window counterpart is the real interface.
var hiddenCommands = []*command{assignIPByMACCommand}

var assignIPByMACCommand = &command{
	name:    "assign-ip-by-mac",
	args:    "--mac MAC --ip ADDRESS --interface NAME [--window 2m] [--json]",
	summary: "Give a camera this computer cannot reach an address, by its MAC (ARP/Ping).",
	help: `Pins ADDRESS to the camera's MAC on the network connection NAME and sends it
408-byte pings until it answers there. A camera only accepts this within about
2 minutes after it is switched on, so unplug its power, plug it back in, and
run this at once. ADDRESS must be free and on NAME's network. Needs
administrator rights; the temporary entry is removed at the end.`,
	run: runAssignIPByMAC,
}

type assignResult struct {
	OK        bool   `json:"ok"`
	MAC       string `json:"mac"`
	Address   string `json:"address"`
	Interface string `json:"interface"`
	HTTPURL   string `json:"http_url"`
}

func runAssignIPByMAC(ctx context.Context, c *cli, args []string) error {
	var (
		jsonOut            bool
		mac, ip, ifaceName string
		journalFile        string
		window             time.Duration
	)
	fs := flag.NewFlagSet("assign-ip-by-mac", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&jsonOut, "json", false, "")
	fs.StringVar(&mac, "mac", "", "")
	fs.StringVar(&ip, "ip", "", "")
	fs.StringVar(&ifaceName, "interface", "", "")
	fs.DurationVar(&window, "window", arpping.DefaultWindow, "")
	fs.StringVar(&journalFile, "journal", "", "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	c.json = jsonOut
	if len(pos) > 0 {
		return usageErrorf("this command takes no address words; use --mac, --ip and --interface")
	}
	hw, err := arpping.ParseMAC(mac)
	if err != nil {
		return usageErrorf("--mac: give the camera's MAC address, 12 hex digits such as ACCC8E270AD8")
	}
	addr, err := netip.ParseAddr(ip)
	if err != nil || !addr.Is4() {
		return usageErrorf("--ip: give an IPv4 address such as 192.168.1.50")
	}
	if ifaceName == "" {
		return usageErrorf("--interface: name the network connection the camera is on, such as eth0")
	}
	if window <= 0 {
		return usageErrorf("--window must be a positive duration such as 2m")
	}
	macText := strings.ToUpper(hex.EncodeToString(hw[:]))
	path := journalFile
	if path == "" {
		path = c.journalPath
	}
	if path == "" {
		if path, err = journal.DefaultPath(); err != nil {
			return &fileProblem{kind: journalUnavailable, path: "the journal", err: err}
		}
	}
	jr, err := journal.Open(path)
	if err != nil {
		return &fileProblem{kind: journalUnavailable, path: path, err: err}
	}
	defer jr.Close()
	env := workflow.Env{Journal: jr, JournalFailed: func(err error) {
		c.progress("Warning: this was not written to the journal at %s (%v).", path, err)
	}}
	c.progress("Giving camera %s the address %s through %s. If it was switched on more than 2 minutes ago, unplug its power and plug it back in now.", macText, addr, ifaceName)
	req := arpping.Request{MAC: macText, Addr: addr, Interface: ifaceName, Window: window}
	err = workflow.AssignByMAC(ctx, env, workflow.ThisComputer{}, req, func(p arpping.Progress) {
		if p.Step != arpping.StepPing || p.Attempt == 1 || p.Attempt%10 == 0 {
			c.progress("%s", p.Message.String())
		}
	})
	if err != nil {
		return err
	}
	url := vapix.CameraURL(false, addr, 0)
	c.emit(assignResult{OK: true, MAC: macText, Address: addr.String(), Interface: ifaceName, HTTPURL: url})
	c.say("Camera %s now answers at %s. Look at it with: openipu-cli info %s", macText, addr, addr)
	return nil
}
