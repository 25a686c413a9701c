package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/openipu/openipu/core/devtext"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/handover"
	"github.com/openipu/openipu/core/netif"
)

// started is when the process began; --watch reports event times from it,
// which is what the discovery benchmark measures.
var started = time.Now()

var discoverCommand = &command{
	name:    "discover",
	args:    "[--timeout D] [--scan CIDR]... [--add HOST]... [--interface NAME]... [--only mdns|ssdp] [--watch] [--json]",
	summary: "Find the Axis cameras on this computer's networks and say which need a password.",
	help: `Listens and asks on every network connection of this computer at once, with
mDNS/Bonjour and SSDP, then asks each camera found (without logging in) what
it is. Cameras that announcements do not reach (behind a router, or where
switches filter multicast) can be added by address (--add) or found by
scanning an address range (--scan 192.168.1.0/24; at most a /22).

A camera that is found but cannot be opened is shown with the reason and what
to do, for example when it is on the factory address 192.168.0.90 and this
computer is on another network.`,
	flags: func() *flagSet { return new(discoverFlags).flagSet() },
	run:   runDiscover,
}

// searchTime is how long discover searches: long enough for every camera
// on the network to answer mDNS and SSDP, short enough for a script.
const searchTime = 3 * time.Second

// defaultLiveness is the discovery engine's own default pace, repeated so
// that help can show it.
const defaultLiveness = 10 * time.Second

// deviceRecord is one camera in JSON output.
type deviceRecord struct {
	MAC        string   `json:"mac"`
	Serial     string   `json:"serial"`
	Model      string   `json:"model"`
	FullName   string   `json:"full_name,omitempty"`
	Firmware   string   `json:"firmware"`
	Name       string   `json:"name,omitempty"`
	Addresses  []string `json:"addresses"`
	HTTPURL    string   `json:"http_url"`
	NeedsSetup *bool    `json:"needs_setup"` // null while unknown
	Sources    []string `json:"sources"`
	Interface  string   `json:"interface"`
	Interfaces []string `json:"interfaces"`
	// AnnouncedBy is the mDNS gateway that answered for the camera.
	AnnouncedBy string `json:"announced_by,omitempty"`
	Lost        bool   `json:"lost"`
	LastSeen    string `json:"last_seen"`
	Enriched    bool   `json:"enriched"`
	Reach       string `json:"reach"`
	Diagnosis   string `json:"diagnosis"`
	NextStep    string `json:"next_step"`
}

// shown is d with every text it holds from a camera cleaned once more, at
// the point of printing: discovery cleans them where they are read, and
// this keeps a field added later from reaching the terminal raw.
func shown(d discovery.Device) discovery.Device {
	for _, f := range []*string{&d.MAC, &d.Serial, &d.Model, &d.FullName, &d.Firmware, &d.Name, &d.HTTPURL} {
		*f = devtext.Clean(*f)
	}
	return d
}

func recordOf(d discovery.Device) deviceRecord {
	d = shown(d)
	r := deviceRecord{
		MAC: d.MAC, Serial: d.Serial, Model: d.Model, FullName: d.FullName, Firmware: d.Firmware, Name: d.Name,
		HTTPURL: d.HTTPURL, Lost: d.Lost, Enriched: d.Enriched, Interfaces: d.Interfaces,
		LastSeen: d.LastSeen.UTC().Format(time.RFC3339),
		Reach:    d.Diagnosis.Reach.String(), Diagnosis: d.Diagnosis.What.String(), NextStep: nextStep(d),
		Addresses: []string{}, Sources: []string{},
	}
	if r.Serial == "" {
		r.Serial = d.MAC // on Axis the serial number is the MAC
	}
	for _, a := range d.Addresses {
		r.Addresses = append(r.Addresses, a.String())
	}
	for _, s := range d.Sources {
		r.Sources = append(r.Sources, string(s))
	}
	if len(d.Interfaces) > 0 {
		r.Interface = d.Interfaces[0]
	}
	if d.AnnouncedBy.IsValid() {
		r.AnnouncedBy = d.AnnouncedBy.String()
	}
	if r.Interfaces == nil {
		r.Interfaces = []string{}
	}
	if d.Setup != discovery.SetupUnknown {
		v := d.Setup == discovery.SetupNeeded
		r.NeedsSetup = &v
	}
	return r
}

type discoverFlags struct {
	json       bool
	watch      bool
	timeout    time.Duration
	scans      stringList
	adds       stringList
	interfaces stringList
	only       string
	liveness   time.Duration
	verbose    bool
	session    string
}

func (f *discoverFlags) flagSet() *flagSet {
	fs := newCommandFlags("discover")
	fs.DurationVar(&f.timeout, "timeout", searchTime, "How long to search.")
	fs.Var(&f.scans, "scan", "Also try every address of the range `CIDR`, such as 192.168.1.0/24 (at most a /22). Repeatable.")
	fs.Var(&f.adds, "add", "Also ask `HOST`, an address or host name. Repeatable.")
	fs.Var(&f.interfaces, "interface", "Search only the network connection `NAME`. Repeatable.")
	fs.StringVar(&f.only, "only", "", "Search with one `PROTOCOL` only, mdns or ssdp (for troubleshooting).")
	fs.DurationVar(&f.liveness, "liveness", defaultLiveness, "How often the cameras found are checked again.")
	fs.BoolVar(&f.verbose, "verbose", false, "Say on standard error what the search runs into (network "+
		"connections skipped, unreadable answers).")
	fs.BoolVar(&f.watch, "watch", false, "Keep running and print cameras, and network connections, as they come and go, until Ctrl-C "+
		"or, when --timeout is given, for that long.")
	fs.BoolVar(&f.json, "json", false, "Print a JSON array of cameras (with --watch: one JSON event per line).")
	fs.StringVar(&f.session, "session", "", "Add the cameras found to the handover session `NAME` (see \"openipu-cli session\").")
	return fs
}

func runDiscover(ctx context.Context, c *cli, args []string) error {
	var f discoverFlags
	fs := f.flagSet()
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	c.json = f.json
	if len(pos) > 0 {
		// Not repeated back: a word typed here may be a password.
		return usageErrorf("discover takes no address; use --add ADDRESS to ask one camera")
	}
	if f.watch && !isSet(fs, "timeout") {
		f.timeout = 0
	}
	if f.timeout < 0 || f.timeout == 0 && !f.watch {
		return usageErrorf("--timeout must be a positive duration such as 3s")
	}
	opts := discovery.Options{Interfaces: f.interfaces, Liveness: f.liveness}
	if f.verbose {
		opts.Logf = func(format string, args ...any) { c.progress("discovery: "+format, args...) }
	}
	switch f.only {
	case "":
	case "mdns":
		opts.DisableSSDP = true
	case "ssdp":
		opts.DisableMDNS = true
	default:
		return usageErrorf("--only takes mdns or ssdp, not %q", f.only)
	}
	if f.liveness < 0 {
		return usageErrorf("--liveness must be a positive duration such as 10s")
	}
	var prefixes []netip.Prefix
	for _, s := range f.scans {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return usageErrorf("--scan %s is not an address range; write it like 192.168.1.0/24", s)
		}
		if _, err := discovery.ScanAddresses(p); err != nil {
			return usageErrorf("--scan %s: %v", s, err)
		}
		prefixes = append(prefixes, p)
	}
	for _, h := range f.adds {
		// Each address is repeated on its own line of progress: one
		// that is refused must stop here, before it is shown.
		if _, err := parseAddress(h); err != nil {
			return err
		}
	}

	var live *handover.Live
	if f.session != "" {
		if live, err = c.openHandover(f.session); err != nil {
			return &badInput{err: err}
		}
	}

	runCtx := ctx
	if f.timeout > 0 {
		var cancel context.CancelFunc
		runCtx, cancel = context.WithTimeout(ctx, f.timeout)
		defer cancel()
	}
	// The engine outlives the search window a little so that probes of
	// cameras heard at the last moment can finish.
	engCtx, stopEngine := context.WithCancel(ctx)
	defer stopEngine()
	eng := discovery.New(opts)
	events, err := eng.Run(engCtx)
	if err != nil {
		return &badInput{err: err}
	}
	if !f.json {
		c.progress("Searching for cameras on %s…", interfaceNames(eng))
	}
	searched := eng.Status().Interfaces

	var wg sync.WaitGroup
	for _, h := range f.adds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := eng.AddHost(runCtx, h); err != nil && runCtx.Err() == nil {
				p := problem(runCtx, err)
				c.progress("%s: %s %s", h, p.What.String(), p.Next.String())
			}
		}()
	}
	for _, p := range prefixes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, _ := eng.Scan(runCtx, p, nil)
			if !f.json && runCtx.Err() == nil {
				c.progress("Scanned %s: %s answered.", p, counted(n, "camera", "cameras"))
			}
		}()
	}

	if f.watch {
		watch(c, f.json, eng, searched, events, runCtx.Done())
		stopEngine()
		wg.Wait()
		if err := addToHandover(c, live, eng.Devices()); err != nil {
			return err
		}
		if f.json {
			st := eng.Stats()
			_ = json.NewEncoder(c.stdout).Encode(map[string]any{
				"event": "stats", "t_ms": sinceStart(), "devices": st.Devices,
				"datagrams_sent": st.DatagramsSent, "datagrams_received": st.DatagramsReceived,
				"datagrams_dropped": st.DatagramsDropped, "http_requests": st.HTTPRequests,
				"mdns_answers": st.MDNSAnswers,
			})
		}
		return nil
	}

	go func() {
		for range events { // the snapshot at the end is what is printed
		}
	}()
	<-runCtx.Done()
	wg.Wait()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	settle(eng)
	devices := eng.Devices()
	stopEngine()
	if err := addToHandover(c, live, devices); err != nil {
		return err
	}
	if f.json {
		recs := make([]deviceRecord, 0, len(devices))
		for _, d := range devices {
			recs = append(recs, recordOf(d))
		}
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(recs)
	}
	printDevices(c, devices, eng.Status())
	return nil
}

// addToHandover adds the cameras found to the --session handover. A
// camera not heard from at the end, or whose MAC is unknown, is left out:
// the checklist is of the cameras that are there.
func addToHandover(c *cli, live *handover.Live, devices []discovery.Device) error {
	if live == nil {
		return nil
	}
	n := 0
	for _, d := range devices {
		if d.Lost || d.MAC == "" {
			continue
		}
		if err := live.Found(handover.SightingOf(d)); err != nil {
			return err
		}
		n++
	}
	c.progress("Added %s to the handover %q.", counted(n, "camera", "cameras"), live.Session().Site)
	return nil
}

// settle waits briefly for the anonymous probes of the cameras heard last,
// so the list says model and password state rather than "unknown".
func settle(eng *discovery.Engine) {
	deadline := time.Now().Add(4 * time.Second)
	for time.Now().Before(deadline) {
		waiting := false
		for _, d := range eng.Devices() {
			if !d.Lost && !d.Enriched && d.Diagnosis.Reach == discovery.ReachUnknown {
				waiting = true
				break
			}
		}
		if !waiting {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func sinceStart() int64 { return time.Since(started).Milliseconds() }

func interfaceNames(eng *discovery.Engine) string {
	var names []string
	for _, it := range eng.Status().Interfaces {
		names = append(names, it.Name)
	}
	if len(names) == 0 {
		return "no network connection (only addresses given with --add or --scan will be asked)"
	}
	return strings.Join(names, ", ")
}

// watch prints the cameras as they come and go, and the network
// connections too: a camera that appears just after a cable was plugged
// in is explained by the line before it.
func watch(c *cli, asJSON bool, eng *discovery.Engine, searched []netif.Interface, events <-chan discovery.Event, stop <-chan struct{}) {
	// A large site's start is thousands of events in a second: written in
	// batches, flushed whenever no event is waiting, so a reader still sees
	// each one at once.
	out := bufio.NewWriterSize(c.stdout, 64<<10)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for {
		if len(events) == 0 {
			out.Flush()
		}
		select {
		case <-stop:
			return
		case <-eng.StatusChanged():
			now := eng.Status().Interfaces
			added, removed := connectionChanges(searched, now)
			searched = now
			for _, name := range added {
				if asJSON {
					_ = enc.Encode(map[string]any{"event": "connection_added", "t_ms": sinceStart(), "interface": name})
					continue
				}
				out.Flush()
				c.progress("%s", discovery.MsgJoining.With("Name", name).String())
			}
			for _, name := range removed {
				if asJSON {
					_ = enc.Encode(map[string]any{"event": "connection_removed", "t_ms": sinceStart(), "interface": name})
					continue
				}
				out.Flush()
				c.progress("The connection %s is gone: no longer searched.", name)
			}
		case ev, ok := <-events:
			if !ok {
				return
			}
			if asJSON {
				_ = enc.Encode(map[string]any{"event": ev.Kind.String(), "t_ms": sinceStart(), "device": recordOf(ev.Device)})
				continue
			}
			d := shown(ev.Device)
			fmt.Fprintf(out, "%-8s %-22s %-16s %s  %s\n", ev.Kind, orDash(d.Model), firstAddr(d), d.MAC, stateText(d, time.Now()))
		}
	}
}

// connectionChanges names the connections searched now that were not
// before, and those no longer searched.
func connectionChanges(before, now []netif.Interface) (added, removed []string) {
	had := map[string]bool{}
	for _, it := range before {
		had[it.Name] = true
	}
	for _, it := range now {
		if !had[it.Name] {
			added = append(added, it.Name)
		}
		delete(had, it.Name)
	}
	for _, it := range before {
		if had[it.Name] {
			removed = append(removed, it.Name)
		}
	}
	return added, removed
}

func printDevices(c *cli, devices []discovery.Device, st discovery.Status) {
	if len(devices) == 0 {
		c.say("No cameras found.")
		if st.NothingHeard {
			c.say("%s", st.What.String())
			c.say("%s", st.Next.String())
		} else {
			c.say("Check that the cameras have power and are on the same network as this computer, or try --scan with your network's address range.")
		}
		return
	}
	c.say("%-22s %-16s %-13s %-10s %s", "MODEL", "IP ADDRESS", "MAC", "FIRMWARE", "STATE")
	need, unreachable := 0, 0
	now := time.Now()
	for _, d := range devices {
		d = shown(d)
		st := discovery.StateOf(d)
		c.say("%-22s %-16s %-13s %-10s %s", orDash(d.Model), firstAddr(d), d.MAC, orDash(d.Firmware), stateText(d, now))
		switch st {
		case discovery.StateNeedsPassword:
			need++
		case discovery.StateUnreachable:
			unreachable++
		}
		if r := d.Diagnosis.Reach; r != discovery.ReachOK && r != discovery.ReachUnknown {
			c.say("    %s", d.Diagnosis.What.String())
			c.say("    %s", nextStep(d))
		}
	}
	c.say("")
	c.say("%s · %d %s a password · %d cannot be reached", counted(len(devices), "camera", "cameras"), need, plural(need, "needs", "need"), unreachable)
}

func firstAddr(d discovery.Device) string {
	if len(d.Addresses) == 0 {
		return "-"
	}
	return d.Addresses[0].String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// nextStep is the diagnosis's next step, in this program's terms where the
// window's differ: the window offers "Give this camera an address", here
// it is assign-ip-by-mac, with the camera's own MAC filled in.
func nextStep(d discovery.Device) string {
	switch d.Diagnosis.Reach {
	case discovery.ReachFactoryAddress, discovery.ReachLinkLocalOnly:
		return "Give it an address on your network within two minutes of switching it on: " +
			"openipu-cli assign-ip-by-mac --mac " + d.MAC + " --ip ADDRESS --interface NAME " +
			"(as administrator). Or give this computer a second address on the camera's network for a while."
	}
	return d.Diagnosis.Next.String()
}

// counted is "1 camera", "3 cameras".
func counted(n int, one, other string) string { return fmt.Sprintf("%d %s", n, plural(n, one, other)) }

func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}
