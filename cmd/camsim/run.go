package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/openipu/openipu/core/camsim"
)

// run starts the cameras, prints "<MAC> <http URL> <https URL> <firmware>"
// per camera once all are listening, and serves until ctx ends. It returns
// the exit code: 0 after a clean shutdown, 1 when the cameras cannot run,
// 2 for bad flags.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("camsim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	count := fs.Int("count", 1, "number of cameras (with --ips: one per address)")
	firmware := fs.String("firmware", "mixed", "10.12, 11.11, 12.9, or mixed (round-robin)")
	ips := fs.String("ips", "", "address range FIRST-LAST; camera i binds the i-th address (default: all on 127.0.0.1, one port pair each)")
	httpPort := fs.Int("http-port", -1, "HTTP port (default 80 with --ips, ephemeral without)")
	httpsPort := fs.Int("https-port", -1, "HTTPS port (default 443 with --ips, ephemeral without)")
	downtime := fs.Duration("reset-downtime", camsim.DefaultResetDowntime, "how long a camera stays off the network after a reset or restart")
	latency := fs.String("latency", "", "delay every answer by a random duration in MIN-MAX (e.g. 20ms-60ms), drawn per request, or by a fixed one (e.g. 40ms), as cameras on a site network answer; empty or 0: none")
	var df discoveryFlags
	fs.StringVar(&df.mdns, "mdns", "auto", "announce the cameras over mDNS/Bonjour: auto (on with --ips), on or off")
	fs.StringVar(&df.ssdp, "ssdp", "auto", "answer SSDP: auto (with --ips: 10.12 and 11.11, off on 12.9 as AXIS OS 12 ships), on (12.9 too) or off")
	fs.StringVar(&df.hostile, "hostile", "", "add one misbehaving device per kind, for hostile-network tests: "+strings.Join(hostileKinds, ","))
	var pf physicalFlags
	fs.StringVar(&pf.dhcp, "dhcp", "on", "on: a DHCP server gives each camera its --ips address back after a reset; off: a hard reset drops it to 192.168.0.90 + link-local (10.12, 11.11) or link-local only (12.9)")
	fs.StringVar(&pf.move, "move", "auto", "let cameras change address on this computer (resets, new settings, ARP/Ping): auto (on as root inside a network namespace with --dhcp off or --arpping on), on or off; Linux only")
	fs.StringVar(&pf.arpping, "arpping", "off", "on: each camera gets its own MAC on the wire (a macvlan interface) and takes the address of a 408-byte ping sent to that MAC within --arpping-window after boot; Linux, root, --ips")
	fs.DurationVar(&pf.arppingWindow, "arpping-window", camsim.DefaultARPPingWindow, "how long after boot a camera accepts ARP/Ping")
	fs.StringVar(&pf.iface, "interface", "", "the interface the cameras' addresses go on when they move (default: the one holding the first --ips address)")
	fs.StringVar(&pf.control, "control", "", "serve the control endpoint (power cycle, unplug, plug, list) on ADDR: host:port on loopback, or unix:/path")
	fs.BoolVar(&pf.passwordLost, "password-lost", false, "start every camera set up, with an administrator password nobody knows: the case a physical reset is for")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	cfg, err := fleetConfig(fs, *count, *firmware, *ips, *httpPort, *httpsPort, *downtime, *latency)
	if err != nil {
		fmt.Fprintln(stderr, "camsim:", err)
		fs.Usage()
		return 2
	}
	hostile, err := df.check(*ips != "")
	if err != nil {
		fmt.Fprintln(stderr, "camsim:", err)
		return 2
	}
	moveOn, err := pf.check(*ips != "", canMoveHere())
	if err != nil {
		fmt.Fprintln(stderr, "camsim:", err)
		return 2
	}
	if pf.dhcp == "off" && !moveOn {
		fmt.Fprintln(stderr, "camsim: note: without --move the cameras stay on their addresses after a reset; their settings still show the fallback address")
	}
	if err := pf.apply(&cfg.Template); err != nil {
		fmt.Fprintln(stderr, "camsim:", err)
		return 1
	}
	if len(hostile) > 0 {
		if len(cfg.IPs) == 0 {
			fmt.Fprintln(stderr, "camsim: --hostile needs --ips with an address for every camera and hostile device")
			return 2
		}
		all, err := camsim.ParseIPRange(*ips)
		if err != nil || len(all) < cfg.Count+len(hostile) {
			fmt.Fprintf(stderr, "camsim: --ips must have %d addresses: the cameras, then one per hostile device\n", cfg.Count+len(hostile))
			return 2
		}
		cfg.IPs = all[:cfg.Count+len(hostile)]
		cfg.Count += len(hostile)
	}
	// The responders outlive ctx: the cameras say goodbye through them while
	// shutting down, after ctx has ended.
	resp, announcers, err := df.start(context.Background())
	if err != nil {
		fmt.Fprintln(stderr, "camsim:", err)
		return 1
	}
	defer resp.close()
	cfg.Template.Announcers = announcers
	var host hostAddrs
	if moveOn {
		host, err = newHostAddrs(hostOptions{
			iface: pf.iface, first: cfg.IPs[0], macvlan: pf.arpping == "on",
			logf: func(format string, args ...any) { fmt.Fprintf(stderr, format+"\n", args...) },
		})
		if err != nil {
			fmt.Fprintln(stderr, "camsim:", err)
			return 2
		}
		// After the cameras (deferred later, run earlier) have let go.
		defer host.close()
		cfg.Template.AddrHook = host.hook
	}
	var controlLn net.Listener
	if pf.control != "" {
		var where string
		if controlLn, where, err = listenControl(pf.control); err != nil {
			fmt.Fprintln(stderr, "camsim:", err)
			return 1
		}
		defer controlLn.Close()
		fmt.Fprintln(stderr, "camsim: control endpoint on", where)
	}
	cams, err := camsim.NewFleet(cfg)
	if err != nil {
		fmt.Fprintln(stderr, "camsim:", err)
		return 2
	}
	if host != nil {
		for _, c := range cams {
			host.register(c)
		}
	}
	normal := len(cams) - len(hostile)
	for i, kind := range hostile {
		resp.misbehave(cams[normal+i].MAC(), kind, httpAddr(cams[0]))
	}
	if err := camsim.StartAll(cams); err != nil {
		fmt.Fprintln(stderr, "camsim:", err)
		return 1
	}
	// Both are ready before the ready lines, which is when a test or a demo
	// starts to use them.
	if controlLn != nil {
		stop := serveControl(controlLn, cams)
		defer stop()
	}
	stopSignals := onResetSignal(cams)
	defer stopSignals()
	for i, c := range cams {
		line := fmt.Sprintf("%s %s %s %s", c.MAC(), c.HTTPURL(), c.HTTPSURL(), c.Generation().FirmwareVersion())
		if i >= normal {
			line += " hostile=" + hostile[i-normal]
		}
		fmt.Fprintln(stdout, line)
	}
	<-ctx.Done()
	if err := camsim.CloseAll(cams); err != nil {
		fmt.Fprintln(stderr, "camsim: shutting down:", err)
		return 1
	}
	return 0
}

// fleetConfig checks the flags and turns them into a fleet.
func fleetConfig(fs *flag.FlagSet, count int, firmware, ips string, httpPort, httpsPort int, downtime time.Duration, latency string) (camsim.FleetConfig, error) {
	if fs.NArg() > 0 {
		return camsim.FleetConfig{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if firmware != "mixed" {
		if _, err := camsim.ParseGeneration(firmware); err != nil {
			return camsim.FleetConfig{}, err
		}
	}
	if downtime <= 0 {
		return camsim.FleetConfig{}, errors.New("--reset-downtime must be positive")
	}
	lat, err := camsim.ParseLatency(latency)
	if err != nil {
		return camsim.FleetConfig{}, fmt.Errorf("--latency: %w", err)
	}
	for _, p := range []int{httpPort, httpsPort} {
		if p < -1 || p > 65535 {
			return camsim.FleetConfig{}, fmt.Errorf("port %d out of range", p)
		}
	}
	countSet := false
	fs.Visit(func(f *flag.Flag) { countSet = countSet || f.Name == "count" })
	cfg := camsim.FleetConfig{Count: count, Firmware: firmware, ResetDowntime: downtime, Latency: lat}
	if ips == "" {
		if httpPort >= 0 || httpsPort >= 0 {
			// Fixed ports on one address only work for a single camera.
			if count != 1 {
				return cfg, errors.New("--http-port and --https-port without --ips need --count 1")
			}
			cfg.IPs = []netip.Addr{netip.MustParseAddr("127.0.0.1")}
			cfg.HTTPPort, cfg.HTTPSPort = max(httpPort, 0), max(httpsPort, 0)
		}
	} else {
		addrs, err := camsim.ParseIPRange(ips)
		if err != nil {
			return cfg, err
		}
		if !countSet {
			cfg.Count = len(addrs)
		}
		if cfg.Count > len(addrs) {
			return cfg, fmt.Errorf("--count %d but --ips has only %d addresses", cfg.Count, len(addrs))
		}
		cfg.IPs = addrs[:cfg.Count]
		cfg.HTTPPort, cfg.HTTPSPort = 80, 443
		if httpPort >= 0 {
			cfg.HTTPPort = httpPort
		}
		if httpsPort >= 0 {
			cfg.HTTPSPort = httpsPort
		}
	}
	if cfg.Count < 1 || cfg.Count > camsim.MaxFleet {
		return cfg, fmt.Errorf("--count must be 1 to %d", camsim.MaxFleet)
	}
	return cfg, nil
}

// httpAddr is where a camera's web server listens.
func httpAddr(c *camsim.Camera) netip.AddrPort {
	u, err := url.Parse(c.HTTPURL())
	if err != nil {
		return netip.AddrPort{}
	}
	ap, _ := netip.ParseAddrPort(u.Host)
	return ap
}
