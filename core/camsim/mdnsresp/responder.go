package mdnsresp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/net/ipv4"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/camsim/internal/mcast"
	"github.com/openipu/openipu/core/netif"
)

const mdnsPort = 5353

var mdnsGroup = netip.AddrPortFrom(netip.AddrFrom4([4]byte{224, 0, 0, 251}), mdnsPort)

// recvBuffer is asked of the OS so a burst of queries (or a hostile flood)
// does not overflow the socket; the OS may cap it.
const recvBuffer = 4 << 20

// Responder answers mDNS for many simulated cameras. It implements
// camsim.Announcer. All methods are safe for concurrent use.
type Responder struct {
	opts Options
	ifx  mcast.IfIndexes
	rnd  *mcast.Rand

	delays mcast.Delays
	closed atomic.Bool

	mu        sync.Mutex
	pc        *ipv4.PacketConn
	out       mcast.Sender
	done      chan struct{}
	readerWG  sync.WaitGroup
	cams      map[string]*camera          // MAC -> camera
	byName    map[string]map[*camera]bool // owner name key -> cameras
	names     *nameTable                  // instance-name conflicts
	misbehave map[string]Misbehaviour     // MAC -> switches
	floods    map[string]*flood           // MAC -> announcement flood
	order     map[*camera]int             // announce order, for stable output
	seq       int
	joined    map[int]bool // interfaces the group is joined on

	tmu  sync.Mutex
	held map[netip.AddrPort]*heldQuery // queries waiting for more known answers
}

var _ camsim.Announcer = (*Responder)(nil)

// New makes a responder. It opens nothing until Start.
func New(opts Options) (*Responder, error) {
	rnd, err := mcast.NewRand(opts.Rand)
	if err != nil {
		return nil, fmt.Errorf("mdnsresp: seeding: %w", err)
	}
	return &Responder{
		opts:      opts,
		rnd:       rnd,
		cams:      map[string]*camera{},
		byName:    map[string]map[*camera]bool{},
		names:     newNameTable(),
		misbehave: map[string]Misbehaviour{},
		floods:    map[string]*flood{},
		order:     map[*camera]int{},
		joined:    map[int]bool{},
	}, nil
}

// Start opens the shared socket on 0.0.0.0:5353, joins 224.0.0.251 on the
// interfaces, announces the cameras already registered and answers until
// ctx ends or Close.
func (r *Responder) Start(ctx context.Context) error {
	ifaces := r.opts.Interfaces
	if ifaces == nil {
		var err error
		if ifaces, err = mcast.Interfaces(); err != nil {
			return fmt.Errorf("mdnsresp: listing interfaces: %w", err)
		}
	}
	lc := net.ListenConfig{Control: netif.SharePort}
	c, err := lc.ListenPacket(ctx, "udp4", fmt.Sprintf("0.0.0.0:%d", mdnsPort))
	if err != nil {
		return fmt.Errorf("mdnsresp: opening port %d: %w", mdnsPort, err)
	}
	if u, ok := c.(*net.UDPConn); ok {
		_ = u.SetReadBuffer(recvBuffer)
	}
	pc := ipv4.NewPacketConn(c)
	group := net.UDPAddrFromAddrPort(mdnsGroup)
	var errs []error
	joined := map[int]bool{}
	for i := range ifaces {
		if err := pc.JoinGroup(&ifaces[i], group); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", ifaces[i].Name, err))
			continue
		}
		joined[ifaces[i].Index] = true
	}
	if len(joined) == 0 {
		pc.Close()
		return fmt.Errorf("mdnsresp: could not join %s on any interface: %w", mdnsGroup.Addr(), errors.Join(errs...))
	}
	for _, e := range errs {
		r.opts.logf("mdnsresp: %v", e)
	}
	// Windows reports no control messages; the responder then answers
	// for every camera on whichever interface a query came.
	_ = pc.SetControlMessage(ipv4.FlagDst|ipv4.FlagInterface, true)
	_ = pc.SetMulticastTTL(255) // RFC 6762 §11
	_ = pc.SetMulticastLoopback(true)

	r.mu.Lock()
	if r.pc != nil || r.closed.Load() {
		r.mu.Unlock()
		pc.Close()
		return errors.New("mdnsresp: already started or closed")
	}
	r.pc = pc
	r.joined = joined
	r.out = mcast.NewSender(pc, mcast.SenderConfig{Name: "mdnsresp", Port: mdnsPort, SharePort: true, TTL: 255})
	r.done = make(chan struct{})
	done := r.done
	cams := r.sortedLocked()
	r.readerWG.Add(1)
	r.mu.Unlock()

	go func() {
		defer r.readerWG.Done()
		r.read(pc)
	}()
	mcast.CloseOnCancel(ctx, done, r.Close)
	for _, cam := range cams {
		r.startAnnouncing(cam)
	}
	return nil
}

// Close stops answering. It sends no goodbyes: cameras withdraw themselves
// when they close.
func (r *Responder) Close() error {
	if r.closed.Swap(true) {
		return nil
	}
	r.mu.Lock()
	pc, out, done := r.pc, r.out, r.done
	for mac, f := range r.floods {
		f.t.Stop()
		delete(r.floods, mac)
	}
	r.mu.Unlock()
	if pc == nil {
		return nil
	}
	close(done)
	err := pc.Close()
	r.readerWG.Wait()
	out.Close()
	return err
}

// Announce publishes a camera (Start, and back after a reset). Calling it
// again for the same MAC replaces what was published.
func (r *Responder) Announce(info camsim.AnnounceInfo) {
	ip, ok := mcast.CameraAddr(info)
	if !ok {
		r.opts.logf("mdnsresp: camera %s has no IPv4 address; not announced", info.MAC)
		return
	}
	info.MAC = strings.ToUpper(info.MAC)
	ifIndex := r.ifx.Lookup(ip)

	r.mu.Lock()
	old := r.cams[info.MAC]
	if old != nil {
		r.unindexLocked(old)
	}
	name := r.names.claim(info.MAC, baseName(info))
	cam, err := newCamera(info, ip, ifIndex, name, r.misbehave[info.MAC])
	if err != nil {
		r.names.release(info.MAC)
		r.mu.Unlock()
		r.opts.logf("%v", err)
		if old != nil {
			r.sendGoodbye(old)
		}
		return
	}
	r.cams[info.MAC] = cam
	r.indexLocked(cam)
	started := r.pc != nil && !r.closed.Load()
	if started {
		r.joinLocked(ifIndex)
	}
	r.mu.Unlock()

	if old != nil && (old.ip != cam.ip || string(old.announcement) != string(cam.announcement)) {
		r.sendGoodbye(old)
	}
	if started {
		r.startAnnouncing(cam)
	}
}

// joinLocked joins the mDNS group on an interface that appeared after
// Start (a camera moved onto its own virtual interface), so the camera hears
// the queries that arrive there.
func (r *Responder) joinLocked(ifIndex int) {
	if ifIndex <= 0 || r.joined[ifIndex] {
		return
	}
	ifi, err := net.InterfaceByIndex(ifIndex)
	if err != nil {
		return
	}
	if err := r.pc.JoinGroup(ifi, net.UDPAddrFromAddrPort(mdnsGroup)); err != nil {
		r.opts.logf("mdnsresp: joining on %s: %v", ifi.Name, err)
		return
	}
	r.joined[ifIndex] = true
}

// Withdraw says goodbye for a camera (Close, and going down for a reset)
// and stops answering for it.
func (r *Responder) Withdraw(info camsim.AnnounceInfo) {
	mac := strings.ToUpper(info.MAC)
	r.mu.Lock()
	cam := r.cams[mac]
	if cam == nil {
		r.mu.Unlock()
		return
	}
	delete(r.cams, mac)
	r.unindexLocked(cam)
	r.names.release(mac)
	if f := r.floods[mac]; f != nil {
		f.t.Stop()
		delete(r.floods, mac)
	}
	r.mu.Unlock()
	r.sendGoodbye(cam)
}

// InstanceName is the name a camera is published under after conflict
// resolution, or "" when it is not announced.
func (r *Responder) InstanceName(mac string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if cam := r.cams[strings.ToUpper(mac)]; cam != nil {
		return cam.name
	}
	return ""
}

// baseName is the instance name the camera asks for.
func baseName(info camsim.AnnounceInfo) string {
	if n := strings.TrimSpace(info.FriendlyNameBonjour); n != "" {
		return n
	}
	if info.ProdShortName != "" {
		return info.ProdShortName
	}
	return "AXIS " + info.Model
}

func (r *Responder) indexLocked(cam *camera) {
	for key := range cam.byName {
		set := r.byName[key]
		if set == nil {
			set = map[*camera]bool{}
			r.byName[key] = set
		}
		set[cam] = true
	}
	r.seq++
	r.order[cam] = r.seq
}

func (r *Responder) unindexLocked(cam *camera) {
	for key := range cam.byName {
		if set := r.byName[key]; set != nil {
			delete(set, cam)
			if len(set) == 0 {
				delete(r.byName, key)
			}
		}
	}
	delete(r.order, cam)
}

// current reports whether cam is still what is published for its MAC; a
// timer set for a camera that left or was replaced then does nothing.
func (r *Responder) current(cam *camera) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.cams[cam.mac] == cam && !r.closed.Load()
}

func (r *Responder) sortedLocked() []*camera {
	out := make([]*camera, 0, len(r.cams))
	for _, c := range r.cams {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b *camera) int { return r.order[a] - r.order[b] })
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
		r.opts.logf("mdnsresp: %s from %s to %s: %v", cam.mac, cam.ip, dst, err)
	}
}

func (r *Responder) randDuration(lo, hi time.Duration) time.Duration {
	return lo + time.Duration(r.rnd.Int64N(int64(hi-lo)+1))
}
