// Package arpping gives an Axis camera an IP address that this computer
// cannot otherwise reach (factory address 192.168.0.90 or link-local on
// another network): the ARP/Ping method of AXIS IP Utility. A static
// neighbour entry sends the chosen address to the camera's MAC, and 408-byte
// pings to that address within about 2 minutes after the camera powered up
// make it take the address (docs/protocol.md, ARP/Ping). It needs
// administrator rights and does not cross routers; Available tells in
// advance.
package arpping

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/openipu/openipu/core/addrprobe"
	"github.com/openipu/openipu/core/macaddr"
	"github.com/openipu/openipu/core/usermsg"
)

// DefaultWindow is how long Assign keeps trying: the camera listens for
// about 2 minutes after boot.
const DefaultWindow = 2 * time.Minute

// Request says which camera gets which address through which connection.
type Request struct {
	// MAC is the camera's MAC (= serial number), with or without separators.
	MAC string
	// Addr is the IPv4 address to give it; it must be free and on the
	// network of Interface.
	Addr netip.Addr
	// Interface is the name of this computer's network connection the
	// camera is on.
	Interface string
	// Window bounds the attempt (default DefaultWindow).
	Window time.Duration
}

// Step is where Assign is.
type Step int

const (
	// StepNeighbour: the static entry Addr → MAC is in place.
	StepNeighbour Step = iota + 1
	// StepPing: one 408-byte ping went out (Progress.Attempt counts them).
	StepPing
	// StepAnswered: the camera answers at Addr.
	StepAnswered
	// StepCleanedUp: the static entry is gone again.
	StepCleanedUp
)

// Progress is reported as Assign works, from the calling goroutine.
type Progress struct {
	Step      Step
	Attempt   int
	Elapsed   time.Duration
	Remaining time.Duration
	Message   usermsg.Message
}

// Assign gives the camera req.MAC the address req.Addr. It returns nil once
// something answers there by addrprobe's rule (identifying the camera is the
// caller's job), or an *Error. The static neighbour entry is always removed
// before it returns. progress may be nil.
func Assign(ctx context.Context, req Request, progress func(Progress)) error {
	return defaultAssigner().assign(ctx, req, progress)
}

// assigner holds what tests replace: the commands, the pings, the knock at
// the address.
type assigner struct {
	goos     string
	run      runner
	ping     func(src netip.Addr) (sender, error)
	interval time.Duration
	probe    addrprobe.Prober
	// iface returns the IPv4 prefixes of a connection, or an error when it
	// does not exist.
	iface func(name string) ([]netip.Prefix, error)
}

// sender sends one ping.
type sender interface {
	send(dst netip.Addr, seq int) error
	close() error
}

func defaultAssigner() *assigner {
	return &assigner{
		goos: runtime.GOOS,
		run:  execRunner,
		ping: func(src netip.Addr) (sender, error) {
			p, err := openPinger(src)
			if err != nil {
				return nil, err
			}
			return p, nil
		},
		interval: time.Second,
		iface:    interfacePrefixes,
	}
}

func (a *assigner) assign(ctx context.Context, req Request, progress func(Progress)) (err error) {
	if progress == nil {
		progress = func(Progress) {}
	}
	mac, macErr := ParseMAC(req.MAC)
	e := &Error{Addr: req.Addr.String(), MAC: hex12(mac), Interface: req.Interface}
	if macErr != nil {
		e.MAC = req.MAC
	}
	fail := func(k Kind, detail string, cause error) error {
		e.Kind, e.Detail, e.Err = k, detail, cause
		return e
	}
	if macErr != nil {
		return fail(InvalidRequest, "", macErr)
	}
	if !usable(req.Addr) {
		return fail(InvalidRequest, "", errors.New("not a usable IPv4 host address"))
	}
	if req.Interface == "" {
		return fail(InterfaceNotFound, "", errors.New("no interface given"))
	}
	addCmds, delCmds, ok := neighbourCommands(a.goos, req.Interface, req.Addr, mac)
	if !ok {
		return fail(NotPossible, "not supported on "+a.goos, nil)
	}
	prefixes, err := a.iface(req.Interface)
	if err != nil {
		return fail(InterfaceNotFound, "", err)
	}
	var src netip.Addr
	for _, p := range prefixes {
		if p.Contains(req.Addr) {
			src = p.Addr()
		}
	}
	if !src.IsValid() {
		return fail(NotOnNetwork, "", nil)
	}
	// A refusal counts: only a host that holds the address can send one.
	if src == req.Addr || a.probe.Answers(ctx, req.Addr) {
		return fail(AddressInUse, "", nil)
	}

	window := req.Window
	if window <= 0 {
		window = DefaultWindow
	}
	start := time.Now()
	deadline := start.Add(window)
	msgArgs := func(m usermsg.Message) usermsg.Message {
		return m.With("Addr", e.Addr).With("MAC", e.MAC)
	}

	for _, cmd := range addCmds[:len(addCmds)-1] {
		_, _ = a.run(ctx, cmd[0], cmd[1:]...) // clearing an old entry that may not exist
	}
	last := addCmds[len(addCmds)-1]
	if out, runErr := a.run(ctx, last[0], last[1:]...); runErr != nil {
		k, detail := classify(out, runErr)
		return fail(k, detail, runErr)
	}
	defer func() {
		// The entry goes whatever happened, even after ctx ended.
		cctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
		defer cancel()
		for _, cmd := range delCmds {
			if out, delErr := a.run(cctx, cmd[0], cmd[1:]...); delErr != nil && err == nil {
				k, detail := classify(out, delErr)
				err = fail(k, "the camera took the address, but removing the temporary entry failed: "+detail, delErr)
			}
		}
		progress(Progress{Step: StepCleanedUp, Elapsed: time.Since(start), Message: msgArgs(msgProgressCleanedUp)})
	}()
	progress(Progress{Step: StepNeighbour, Elapsed: time.Since(start), Remaining: window, Message: msgArgs(msgProgressNeighbour)})

	p, err := a.ping(src)
	if err != nil {
		if errors.Is(err, errPingDenied) {
			return fail(NeedsAdmin, "", err)
		}
		return fail(NotPossible, err.Error(), err)
	}
	defer p.close()

	tick := time.NewTicker(a.interval)
	defer tick.Stop()
	for attempt := 1; ; attempt++ {
		if sendErr := p.send(req.Addr, attempt); sendErr != nil {
			if errors.Is(sendErr, errPingDenied) || isPermission(sendErr) {
				return fail(NeedsAdmin, "", sendErr)
			}
			// A full send buffer or a transient route change: the next
			// round tries again.
		}
		remaining := max(time.Until(deadline), 0)
		progress(Progress{
			Step: StepPing, Attempt: attempt, Elapsed: time.Since(start), Remaining: remaining,
			Message: msgArgs(msgProgressPing).With("Attempt", attempt).With("Seconds", int(remaining.Round(time.Second)/time.Second)),
		})
		// Nobody answered before the pings, so whatever answers now, even
		// a refusal from a camera whose web server is still starting, is
		// the camera in its new address.
		if a.probe.Answers(ctx, req.Addr) {
			progress(Progress{Step: StepAnswered, Attempt: attempt, Elapsed: time.Since(start), Message: msgArgs(msgProgressAnswered)})
			return nil
		}
		if remaining <= 0 {
			return fail(NotTaken, "", nil)
		}
		select {
		case <-ctx.Done():
			return fail(Canceled, "", ctx.Err())
		case <-tick.C:
		}
	}
}

func isPermission(err error) bool {
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "operation not permitted") || strings.Contains(s, "permission denied") || strings.Contains(s, "access is denied")
}

// usable: a unicast IPv4 host address that can be given to a camera.
func usable(a netip.Addr) bool {
	return a.Is4() && !a.IsLoopback() && !a.IsMulticast() && !a.IsUnspecified() && !a.IsLinkLocalUnicast() &&
		a != netip.AddrFrom4([4]byte{255, 255, 255, 255})
}

// ParseMAC accepts a MAC address in any spelling macaddr.Normalize does.
func ParseMAC(s string) ([6]byte, error) {
	var mac [6]byte
	h := macaddr.Normalize(s)
	if h == "" {
		return mac, errors.New("a MAC address has 12 hex digits")
	}
	for i := range 6 {
		v, err := strconv.ParseUint(h[2*i:2*i+2], 16, 8)
		if err != nil {
			return mac, errors.New("a MAC address has 12 hex digits")
		}
		mac[i] = byte(v)
	}
	return mac, nil
}

func hex12(mac [6]byte) string {
	return strings.ToUpper(strings.ReplaceAll(macString(mac, ':'), ":", ""))
}

// interfacePrefixes lists the IPv4 prefixes of a connection.
func interfacePrefixes(name string) ([]netip.Prefix, error) {
	ifi, err := net.InterfaceByName(name)
	if err != nil {
		return nil, err
	}
	addrs, err := ifi.Addrs()
	if err != nil {
		return nil, err
	}
	var out []netip.Prefix
	for _, x := range addrs {
		if p, err := netip.ParsePrefix(x.String()); err == nil && p.Addr().Is4() {
			out = append(out, p)
		}
	}
	return out, nil
}

// Available tells the window in advance whether this computer can assign
// an address through iface, and if not, why and what to do instead.
func Available(iface string) (bool, usermsg.Message) {
	return available(iface, supported, privileged(), interfacePrefixes)
}

func available(iface string, supported, privileged bool, lookup func(string) ([]netip.Prefix, error)) (bool, usermsg.Message) {
	if !supported {
		return false, msgAvailableUnsupported
	}
	if _, err := lookup(iface); err != nil {
		return false, msgAvailableNoInterface.With("Interface", iface)
	}
	if !privileged {
		return false, msgAvailableNeedsAdmin
	}
	return true, msgAvailable.With("Interface", iface)
}
