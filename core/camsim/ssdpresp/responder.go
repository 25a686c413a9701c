package ssdpresp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/net/ipv4"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/camsim/internal/mcast"
)

var ssdpGroup = netip.AddrPortFrom(netip.AddrFrom4([4]byte{239, 255, 255, 250}), 1900)

// multicastTTL is libupnp's, "a/c to UPNP Spec".
const multicastTTL = 4

// Responder answers SSDP for many simulated cameras. It implements
// camsim.Announcer. All methods are safe for concurrent use.
type Responder struct {
	opts Options
	ifx  mcast.IfIndexes
	rnd  *mcast.Rand

	delays mcast.Delays
	closed atomic.Bool

	mu        sync.Mutex
	started   bool
	in        *ipv4.PacketConn // where M-SEARCH arrives
	readerWG  sync.WaitGroup
	out       mcast.Sender
	httpSrv   *http.Server
	descPort  uint16
	done      chan struct{}
	cams      map[string]*camera      // MAC -> camera
	byIP      map[netip.Addr]*camera  // for the description server
	misbehave map[string]Misbehaviour // MAC -> switches
	timers    map[string]*timers      // MAC -> alive and flood timers
	seen      map[searchKey]time.Time // recent M-SEARCHes, see search.go
	seq       int
}

// camera is one announced camera, immutable once published; a new
// Announce replaces it, which is how pending timers tell it is gone.
type camera struct {
	info    camsim.AnnounceInfo
	mac     string
	ip      netip.Addr
	ifIndex int
	udn     string
	nls     string // 01-NLS: one per boot
	seq     int
}

var _ camsim.Announcer = (*Responder)(nil)

// New makes a responder. It opens nothing until Start.
func New(opts Options) (*Responder, error) {
	if opts.AliveInterval <= 0 {
		opts.AliveInterval = DefaultAliveInterval
	}
	if opts.DescriptionPort == 0 {
		opts.DescriptionPort = 49152
	}
	rnd, err := mcast.NewRand(opts.Rand)
	if err != nil {
		return nil, fmt.Errorf("ssdpresp: seeding: %w", err)
	}
	return &Responder{
		opts:      opts,
		rnd:       rnd,
		cams:      map[string]*camera{},
		byIP:      map[netip.Addr]*camera{},
		misbehave: map[string]Misbehaviour{},
		timers:    map[string]*timers{},
		seen:      map[searchKey]time.Time{},
	}, nil
}

// Start listens for M-SEARCH on 239.255.255.250:1900, opens the sending
// socket and the description server, announces the cameras already
// registered, and runs until ctx ends or Close.
func (r *Responder) Start(ctx context.Context) error {
	ifaces := r.opts.Interfaces
	if ifaces == nil {
		var err error
		if ifaces, err = mcast.Interfaces(); err != nil {
			return fmt.Errorf("ssdpresp: listing interfaces: %w", err)
		}
	}
	r.mu.Lock()
	if r.started || r.closed.Load() {
		r.mu.Unlock()
		return errors.New("ssdpresp: already started or closed")
	}
	r.started = true
	r.mu.Unlock()
	ok := false
	defer func() {
		if !ok {
			r.mu.Lock()
			r.started = false
			r.mu.Unlock()
		}
	}()

	c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4zero})
	if err != nil {
		return fmt.Errorf("ssdpresp: opening the sending socket: %w", err)
	}
	pc := ipv4.NewPacketConn(c)
	_ = pc.SetMulticastTTL(multicastTTL)
	_ = pc.SetMulticastLoopback(true)
	out := mcast.NewSender(pc, mcast.SenderConfig{Name: "ssdpresp", TTL: multicastTTL})

	ln, err := listenDescription(ctx, r.opts.DescriptionPort)
	if err != nil {
		out.Close()
		pc.Close()
		return err
	}
	srv := r.descriptionServer()

	in, err := listenSearches(ifaces, r.opts.logf)
	if err != nil {
		ln.Close()
		out.Close()
		pc.Close()
		return fmt.Errorf("ssdpresp: listening for M-SEARCH: %w", err)
	}

	r.mu.Lock()
	r.in, r.out, r.httpSrv = in, out, srv
	r.descPort = uint16(ln.Addr().(*net.TCPAddr).Port)
	r.done = make(chan struct{})
	done := r.done
	cams := r.sortedLocked()
	r.readerWG.Add(1)
	r.mu.Unlock()
	ok = true

	go func() {
		defer r.readerWG.Done()
		r.readSearches(in)
	}()
	go func() {
		if err := srv.Serve(gateListener{ln, r.serves}); err != nil && !errors.Is(err, http.ErrServerClosed) {
			r.opts.logf("ssdpresp: description server: %v", err)
		}
	}()
	mcast.CloseOnCancel(ctx, done, r.Close)
	for _, cam := range cams {
		r.startAdvertising(cam)
	}
	return nil
}

// Close stops answering and serving descriptions. It sends no byebye:
// cameras withdraw themselves when they close.
func (r *Responder) Close() error {
	if r.closed.Swap(true) {
		return nil
	}
	r.mu.Lock()
	in, out, srv, done := r.in, r.out, r.httpSrv, r.done
	for mac, t := range r.timers {
		t.stop()
		delete(r.timers, mac)
	}
	r.mu.Unlock()
	if in == nil {
		return nil
	}
	close(done)
	errs := []error{in.Close(), srv.Close()}
	r.readerWG.Wait()
	out.Close()
	return errors.Join(errs...)
}

// Announce publishes a camera (Start, and back after a reset); 12.x
// cameras only with EnableOnGen12. Calling it again for the same MAC
// replaces what was published.
func (r *Responder) Announce(info camsim.AnnounceInfo) {
	info.MAC = strings.ToUpper(info.MAC)
	if info.Generation == camsim.Gen12 && !r.opts.EnableOnGen12 {
		r.Withdraw(info) // in case it was announced as another generation
		return
	}
	ip, ok := mcast.CameraAddr(info)
	if !ok {
		r.opts.logf("ssdpresp: camera %s has no IPv4 address; not announced", info.MAC)
		return
	}
	cam := &camera{
		info: info, mac: info.MAC, ip: ip, ifIndex: r.ifx.Lookup(ip),
		udn: udnOf(info.MAC), nls: newNLS(),
	}
	r.mu.Lock()
	old := r.cams[cam.mac]
	if old != nil {
		r.forgetLocked(old)
	}
	r.seq++
	cam.seq = r.seq
	r.cams[cam.mac] = cam
	r.byIP[cam.ip] = cam
	started := r.in != nil && !r.closed.Load()
	r.mu.Unlock()
	if old != nil && old.ip != cam.ip {
		r.byebye(old)
	}
	if started {
		r.startAdvertising(cam)
	}
}

// Withdraw sends ssdp:byebye for a camera (Close, and going down for a
// reset) and stops answering and serving for it.
func (r *Responder) Withdraw(info camsim.AnnounceInfo) {
	mac := strings.ToUpper(info.MAC)
	r.mu.Lock()
	cam := r.cams[mac]
	if cam == nil {
		r.mu.Unlock()
		return
	}
	r.forgetLocked(cam)
	r.mu.Unlock()
	r.byebye(cam)
}

func (r *Responder) forgetLocked(cam *camera) {
	delete(r.cams, cam.mac)
	if r.byIP[cam.ip] == cam {
		delete(r.byIP, cam.ip)
	}
	if t := r.timers[cam.mac]; t != nil {
		t.stop()
		delete(r.timers, cam.mac)
	}
}

// Location is the LOCATION a camera announces, or "" when it is not
// announced or the responder has not started.
func (r *Responder) Location(mac string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	cam := r.cams[strings.ToUpper(mac)]
	if cam == nil || r.descPort == 0 {
		return ""
	}
	return r.locationLocked(cam)
}

func (r *Responder) locationLocked(cam *camera) string {
	if elsewhere := r.misbehave[cam.mac].LocationElsewhere; elsewhere.IsValid() {
		return "http://" + elsewhere.String() + "/rootdesc1.xml"
	}
	return "http://" + netip.AddrPortFrom(cam.ip, r.descPort).String() + "/rootdesc1.xml"
}

func (r *Responder) sortedLocked() []*camera {
	out := make([]*camera, 0, len(r.cams))
	for _, c := range r.cams {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b *camera) int { return a.seq - b.seq })
	return out
}

// later runs fn after d, unless too many are waiting or r closes first.
func (r *Responder) later(d time.Duration, fn func()) { r.delays.After(d, &r.closed, fn) }

// send puts one packet on the wire from the camera's address.
func (r *Responder) send(cam *camera, b []byte, dst netip.AddrPort) {
	r.mu.Lock()
	out := r.out
	r.mu.Unlock()
	if out == nil || r.closed.Load() {
		return
	}
	if err := out.Send(b, cam.ip, cam.ifIndex, dst); err != nil {
		r.opts.logf("ssdpresp: %s from %s to %s: %v", cam.mac, cam.ip, dst, err)
	}
}
