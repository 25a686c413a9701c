package main

import (
	"context"
	"encoding/hex"
	"net/netip"
	"strings"
	"time"

	"github.com/openipu/openipu/core/arpping"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
)

var assignIPByMACCommand = &command{
	name:    "assign-ip-by-mac",
	args:    "--mac MAC --ip ADDRESS --interface NAME [--window D] [--json] [--journal FILE]",
	summary: "Give a camera this computer cannot reach an address, by its MAC (ARP/Ping).",
	help: `Pins ADDRESS to the camera's MAC on the network connection NAME and sends it
408-byte pings until it answers there. A camera only accepts this within about
2 minutes after it is switched on, so unplug its power, plug it back in, and
run this at once. ADDRESS must be free and on NAME's network. Needs
administrator rights; the temporary entry is removed at the end.`,
	flags: func() *flagSet { return new(assignFlags).flagSet() },
	run:   runAssignIPByMAC,
}

type assignFlags struct {
	json               bool
	mac, ip, ifaceName string
	journal            string
	window             time.Duration
}

func (f *assignFlags) flagSet() *flagSet {
	fs := newCommandFlags("assign-ip-by-mac")
	fs.StringVar(&f.mac, "mac", "", "The camera's `MAC` address (on its label): 12 hex digits such as ACCC8E270AD8.")
	fs.StringVar(&f.ip, "ip", "", "The IPv4 `ADDRESS` to give it: free, and on the network of --interface.")
	fs.StringVar(&f.ifaceName, "interface", "", "The network connection `NAME` the camera is on, such as eth0.")
	fs.DurationVar(&f.window, "window", arpping.DefaultWindow, "How long to keep trying.")
	fs.BoolVar(&f.json, "json", false, jsonUsage)
	fs.StringVar(&f.journal, "journal", "", journalUsage)
	return fs
}

type assignResult struct {
	OK        bool   `json:"ok"`
	MAC       string `json:"mac"`
	Address   string `json:"address"`
	Interface string `json:"interface"`
	HTTPURL   string `json:"http_url"`
}

func runAssignIPByMAC(ctx context.Context, c *cli, args []string) error {
	var f assignFlags
	pos, err := parseArgs(f.flagSet(), args)
	if err != nil {
		return err
	}
	c.json = f.json
	mac, ip, ifaceName, journalFile, window := f.mac, f.ip, f.ifaceName, f.journal, f.window
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
