package camsim

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Camera is one simulated Axis device. All methods are safe for concurrent
// use.
type Camera struct {
	cfg     Config
	prof    *profile
	model   *modelInfo
	realm   string
	httpsOn bool

	faults  atomic.Pointer[Faults]
	nonces  nonceTracker
	lockout lockoutTracker
	reqs    requestLog

	// life serialises what takes the camera onto and off the network
	// (Start, Close, going down, coming back, moving, the power) with the
	// announcements that go with it, so that the camera is announced before
	// anyone can see it online and the announcers hear every change in
	// order. It is taken before mu and held while the announcers run,
	// which mu cannot be: an announcer may take a lock of its own that is
	// also held around calls into the camera.
	life    sync.Mutex
	mu      sync.Mutex
	started bool
	closed  bool
	online  bool
	// httpBind/httpsBind start as the requested addresses and become the
	// bound ones, so the camera comes back on the same ports after a reset.
	httpBind, httpsBind netip.AddrPort
	servers             []*http.Server
	stopBoot            context.CancelFunc
	downTimer, upTimer  *time.Timer
	pending             resetKind
	// held are the addresses the AddrHook gave the camera, primary first
	// (addressing.go); moveTimer moves it after a change of settings.
	held, bound []netip.Prefix // bound: the held ones it listens on
	moveTimer   *time.Timer
	// unplugged: the power is off until Plug (power.go).
	unplugged bool

	bootID      string
	bootTime    time.Time
	readyAt     time.Time
	nonceSecret [32]byte
	cert        *tls.Certificate
	certFP      string

	users          []user
	net            NetworkState
	overrides      map[string]string // param.cgi updates that have no model of their own
	firmwarePurged bool
	clock          clockState
	pictures       pictureCache
	resets         int
	lastReset      string
	failedLogins   int
	logins         int
}

// user is one account. Passwords stay in memory only.
type user struct {
	name, pwd                    string
	admin, operator, viewer, ptz bool
}

type resetKind int

const (
	resetNone resetKind = iota
	resetRestart
	resetSoft
	resetHard
)

func (k resetKind) String() string {
	switch k {
	case resetRestart:
		return "restart"
	case resetSoft:
		return "soft"
	case resetHard:
		return "hard"
	}
	return ""
}

// New validates cfg and prepares a camera, including its self-signed
// certificate. Nothing listens until Start.
func New(cfg Config) (*Camera, error) {
	httpAddr, httpsAddr, httpsOn, err := cfg.normalize()
	if err != nil {
		return nil, err
	}
	c := &Camera{
		cfg:       cfg,
		prof:      profileOf(cfg.Generation),
		model:     lookupModel(cfg.Model),
		realm:     "AXIS_" + cfg.MAC,
		httpsOn:   httpsOn,
		httpBind:  httpAddr,
		httpsBind: httpsAddr,
		overrides: map[string]string{},
	}
	c.net = factoryNetwork(c.prof, cfg.MAC)
	c.clock = factoryClock(skewFor(cfg.MAC))
	if cfg.DHCP == DHCPOff {
		c.net = installedStatic(c.net, cfg.DHCPAddr)
	}
	if cfg.Admin != nil {
		c.users = []user{{name: cfg.Admin.User, pwd: cfg.Admin.Password, admin: true, operator: true, viewer: true, ptz: true}}
	}
	if err := c.newCertLocked(); err != nil {
		return nil, err
	}
	if err := c.newBootLocked(false); err != nil {
		return nil, err
	}
	return c, nil
}

// Start binds the listeners and announces the camera.
func (c *Camera) Start() error {
	c.life.Lock()
	defer c.life.Unlock()
	c.mu.Lock()
	if c.started || c.closed {
		c.mu.Unlock()
		return errors.New("camsim: camera already started or closed")
	}
	c.started = true
	if err := c.newBootLocked(false); err != nil {
		c.mu.Unlock()
		return err
	}
	lns, err := c.listenLocked()
	if err != nil {
		c.mu.Unlock()
		return err
	}
	c.announceThenServeLocked(lns)
	c.cfg.Logf("camsim %s: up on %s", c.cfg.MAC, c.HTTPURL())
	return nil
}

// Close withdraws the announcements and shuts the listeners down, giving
// requests in flight a moment to finish.
func (c *Camera) Close() error {
	c.life.Lock()
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		c.life.Unlock()
		return nil
	}
	c.closed = true
	for _, t := range []*time.Timer{c.downTimer, c.upTimer, c.moveTimer} {
		if t != nil {
			t.Stop()
		}
	}
	wasOnline := c.online
	c.online = false
	srvs, info := c.stopServingLocked()
	c.mu.Unlock()
	if wasOnline {
		c.withdraw(info)
	}
	c.life.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var errs []error
	for _, s := range srvs {
		if err := s.Shutdown(ctx); err != nil {
			errs = append(errs, s.Close())
		}
	}
	c.mu.Lock()
	c.releaseLocked()
	c.mu.Unlock()
	return errors.Join(errs...)
}

// HTTPURL is the camera's base URL, e.g. "http://127.0.0.1:41234". The port
// is known once Start has bound it, and stays the same across resets.
func (c *Camera) HTTPURL() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return "http://" + c.httpBind.String()
}

// HTTPSURL is the TLS base URL, or "" when HTTPS is off.
func (c *Camera) HTTPSURL() string {
	if !c.httpsOn {
		return ""
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return "https://" + c.httpsBind.String()
}

// MAC is the serial number, 12 uppercase hex digits.
func (c *Camera) MAC() string { return c.cfg.MAC }

// Model is the product number, e.g. "M1075-L".
func (c *Camera) Model() string { return c.model.ProdNbr }

// Generation is the firmware track.
func (c *Camera) Generation() Generation { return c.cfg.Generation }

// CertFingerprint is the SHA-256 of the current certificate's DER, lowercase
// hex. It changes with every factory default.
func (c *Camera) CertFingerprint() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.certFP
}

// Snapshot returns the camera's state for tests.
func (c *Camera) Snapshot() State {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	s := State{
		Online:          c.online,
		NeedsSetup:      c.needsSetupLocked(),
		BootID:          c.bootID,
		Network:         c.net.clone(),
		Resets:          c.resets,
		LastReset:       c.lastReset,
		FailedLogins:    c.failedLogins,
		Logins:          c.logins,
		CertFingerprint: c.certFP,
	}
	if c.online {
		s.Uptime = now.Sub(c.bootTime)
		s.Booting = now.Before(c.readyAt)
	}
	for _, u := range c.users {
		s.Users = append(s.Users, u.name)
	}
	return s
}

// PowerCycle is a power cut: the camera drops off the network at once, stays
// down for ResetDowntime and boots again. With factoryReset the control
// button was held while powering up, which is a hard factory default.
func (c *Camera) PowerCycle(factoryReset bool) {
	kind := resetRestart
	if factoryReset {
		kind = resetHard
	}
	c.life.Lock()
	defer c.life.Unlock()
	c.mu.Lock()
	if c.closed || !c.started {
		c.mu.Unlock()
		return
	}
	c.resets++
	c.lastReset = kind.String()
	c.pending = max(c.pending, kind)
	if c.downTimer != nil {
		c.downTimer.Stop()
	}
	online := c.online
	if !online {
		// Already down (or unplugged): the power comes back now and the
		// boot starts over.
		c.unplugged = false
		if c.upTimer != nil {
			c.upTimer.Reset(c.cfg.ResetDowntime)
		} else {
			c.upTimer = time.AfterFunc(c.cfg.ResetDowntime, c.comeBack)
		}
	}
	c.mu.Unlock()
	if online {
		c.takeDown()
	}
}

// scheduleReset accepts a reset asked for over the network. The caller sends
// its reply; the camera leaves the network GoDownAfter later. It reports
// false when the camera is already busy with one.
func (c *Camera) scheduleReset(kind resetKind) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed || !c.online || c.pending != resetNone {
		return false
	}
	c.pending = kind
	c.resets++
	c.lastReset = kind.String()
	c.cfg.Logf("camsim %s: %s reset accepted", c.cfg.MAC, kind)
	c.downTimer = time.AfterFunc(c.cfg.GoDownAfter, c.goDown)
	return true
}

// goDown takes the camera off the network: listeners and open connections
// close, so clients see refused connections until comeBack.
func (c *Camera) goDown() {
	c.life.Lock()
	defer c.life.Unlock()
	c.takeDown()
}

// takeDown is goDown for a caller that holds c.life.
func (c *Camera) takeDown() {
	c.mu.Lock()
	if c.closed || !c.online {
		c.mu.Unlock()
		return
	}
	c.online = false
	srvs, info := c.stopServingLocked()
	c.mu.Unlock()

	c.withdraw(info)
	for _, s := range srvs {
		_ = s.Close()
	}
	c.cfg.Logf("camsim %s: down", c.cfg.MAC)

	c.mu.Lock()
	c.releaseLocked()
	if !c.closed && !c.unplugged {
		c.upTimer = time.AfterFunc(c.cfg.ResetDowntime, c.comeBack)
	}
	c.mu.Unlock()
}

// comeBack boots the camera again, applying what the reset erased.
func (c *Camera) comeBack() {
	c.life.Lock()
	defer c.life.Unlock()
	c.mu.Lock()
	if c.closed || c.online || c.unplugged {
		c.mu.Unlock()
		return
	}
	kind := c.pending
	c.pending = resetNone
	if err := c.applyResetLocked(kind); err != nil {
		c.cfg.Logf("camsim %s: reset: %v", c.cfg.MAC, err)
	}
	if err := c.newBootLocked(true); err != nil {
		c.cfg.Logf("camsim %s: boot: %v", c.cfg.MAC, err)
	}
	lns, err := c.listenLocked()
	if err != nil {
		// The port can be briefly held by the OS; try again shortly rather
		// than leave the camera dead.
		c.cfg.Logf("camsim %s: rebind: %v", c.cfg.MAC, err)
		c.upTimer = time.AfterFunc(100*time.Millisecond, c.comeBack)
		c.mu.Unlock()
		return
	}
	c.announceThenServeLocked(lns)
	c.cfg.Logf("camsim %s: back on %s", c.cfg.MAC, c.HTTPURL())
}

// applyResetLocked erases what a reset of this kind erases.
func (c *Camera) applyResetLocked(kind resetKind) error {
	switch kind {
	case resetSoft:
		c.net = softKeep(c.prof, c.cfg.MAC, c.net)
	case resetHard:
		c.net = factoryNetwork(c.prof, c.cfg.MAC)
	default:
		return nil
	}
	c.users = nil
	clear(c.overrides)
	c.clock = factoryClock(c.clock.offset)
	c.firmwarePurged = true
	return c.newCertLocked()
}

func (c *Camera) newCertLocked() error {
	cert, fp, err := newSelfSignedCert(c.cfg.MAC, c.httpBind.Addr(), c.httpsBind.Addr())
	if err != nil {
		return err
	}
	c.cert, c.certFP = cert, fp
	return nil
}

// newBootLocked starts a new boot: new boot id, uptime from zero, fresh
// nonce secret (old nonces die with the reboot) and a clean lockout table.
func (c *Camera) newBootLocked(booting bool) error {
	id, err := newUUID()
	if err != nil {
		return err
	}
	if _, err := rand.Read(c.nonceSecret[:]); err != nil {
		return fmt.Errorf("camsim: nonce secret: %w", err)
	}
	c.bootID = id
	c.bootTime = time.Now()
	c.readyAt = c.bootTime
	if booting {
		c.readyAt = c.bootTime.Add(c.cfg.BootingFor)
	}
	c.nonces.reset()
	c.lockout.reset()
	return nil
}

// listenLocked binds the listeners; serveLocked answers on them once the
// camera is announced. Connections that arrive in between wait in the
// listen backlog, as they would on a camera still starting its server.
// With an AddrHook it first moves the camera to where its settings put it.
func (c *Camera) listenLocked() ([]net.Listener, error) {
	if c.cfg.AddrHook != nil {
		return c.listenMovedLocked()
	}
	return c.listenFixedLocked()
}

// listenFixedLocked binds the configured addresses, where the camera stays.
func (c *Camera) listenFixedLocked() ([]net.Listener, error) {
	httpLn, err := net.Listen("tcp", c.httpBind.String())
	if err != nil {
		return nil, fmt.Errorf("camsim: listen %s: %w", c.httpBind, err)
	}
	c.httpBind = boundAddr(httpLn, c.httpBind)
	lns := []net.Listener{httpLn}
	if c.httpsOn {
		ln, err := net.Listen("tcp", c.httpsBind.String())
		if err != nil {
			_ = httpLn.Close()
			return nil, fmt.Errorf("camsim: listen %s: %w", c.httpsBind, err)
		}
		c.httpsBind = boundAddr(ln, c.httpsBind)
		lns = append(lns, tls.NewListener(ln, c.tlsConfig()))
	}
	return lns, nil
}

// announceThenServeLocked tells the responders where the camera is, then
// puts it online serving on lns, and returns what it announced. It is
// called with c.mu held and returns with it released: the responders run
// without it, as on every announce and withdraw, so the camera's handlers
// never wait for their sending.
func (c *Camera) announceThenServeLocked(lns []net.Listener) AnnounceInfo {
	info := c.announceInfoLocked()
	c.mu.Unlock()
	c.announce(info)
	c.mu.Lock()
	c.online = true
	c.serveLocked(lns)
	c.mu.Unlock()
	return info
}

// stopServingLocked ends what the boot started and takes the servers
// away, for the caller to close once it has let go of c.mu, with what the
// responders are to withdraw.
func (c *Camera) stopServingLocked() ([]*http.Server, AnnounceInfo) {
	if c.stopBoot != nil {
		c.stopBoot()
	}
	srvs := c.servers
	c.servers = nil
	return srvs, c.announceInfoLocked()
}

// serveLocked starts a server on each listener.
func (c *Camera) serveLocked(lns []net.Listener) {
	ctx, cancel := context.WithCancel(context.Background())
	c.stopBoot = cancel
	handler := c.handler(ctx.Done())
	c.servers = c.servers[:0]
	for _, ln := range lns {
		srv := &http.Server{
			Handler:           handler,
			ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout:       30 * time.Second,
			IdleTimeout:       60 * time.Second,
			MaxHeaderBytes:    16 << 10,
			// HTTP/1.1 only: the connection faults hijack connections,
			// which HTTP/2 cannot do.
			TLSNextProto: map[string]func(*http.Server, *tls.Conn, http.Handler){},
			ErrorLog:     log.New(logWriter(c.cfg.Logf), "camsim "+c.cfg.MAC+": ", 0),
			ConnState: func(_ net.Conn, st http.ConnState) {
				if st == http.StateNew {
					c.reqs.update(func(n *RequestCounts) { n.Connections++ })
				}
			},
		}
		c.servers = append(c.servers, srv)
		go func() { _ = srv.Serve(ln) }()
	}
}

func (c *Camera) tlsConfig() *tls.Config {
	return &tls.Config{
		MinVersion: tls.VersionTLS12,
		NextProtos: []string{"http/1.1"},
		GetCertificate: func(*tls.ClientHelloInfo) (*tls.Certificate, error) {
			c.mu.Lock()
			defer c.mu.Unlock()
			return c.cert, nil
		},
	}
}

func boundAddr(ln net.Listener, fallback netip.AddrPort) netip.AddrPort {
	if ap, err := netip.ParseAddrPort(ln.Addr().String()); err == nil {
		return netip.AddrPortFrom(ap.Addr().Unmap(), ap.Port())
	}
	return fallback
}

func (c *Camera) needsSetupLocked() bool {
	for _, u := range c.users {
		if u.admin {
			return false
		}
	}
	return true
}

func (c *Camera) announceInfoLocked() AnnounceInfo {
	info := AnnounceInfo{
		MAC:              c.cfg.MAC,
		Model:            c.model.ProdNbr,
		ProdShortName:    c.model.shortName(),
		FullName:         c.model.fullName(),
		Firmware:         c.prof.firmware,
		Generation:       c.cfg.Generation,
		HTTPAddr:         c.httpBind,
		Addrs:            c.heldAddrsLocked(),
		NeedsSetup:       c.needsSetupLocked(),
		FriendlyNameUPnP: c.upnpNameLocked(),
	}
	if c.httpsOn {
		info.HTTPSAddr = c.httpsBind
	}
	info.FriendlyNameBonjour = c.bonjourNameLocked()
	return info
}

func (c *Camera) upnpNameLocked() string {
	if v, ok := c.overrides["Network.UPnP.FriendlyName"]; ok {
		return v
	}
	return c.model.shortName() + " - " + c.cfg.MAC
}

func (c *Camera) bonjourNameLocked() string {
	if v, ok := c.overrides["Network.Bonjour.FriendlyName"]; ok {
		return v
	}
	if c.prof.bonjourNameWithSerial {
		return c.model.shortName() + " - " + c.cfg.MAC
	}
	return c.model.shortName()
}

func (c *Camera) announce(info AnnounceInfo) {
	for _, a := range c.cfg.Announcers {
		a.Announce(info)
	}
}

func (c *Camera) withdraw(info AnnounceInfo) {
	for _, a := range c.cfg.Announcers {
		a.Withdraw(info)
	}
}

// newUUID returns a random (version 4) UUID, the form of systemready's bootid.
func newUUID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("camsim: boot id: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:]), nil
}

// logWriter feeds the HTTP server's own error log into Logf.
type logWriter func(format string, args ...any)

func (l logWriter) Write(p []byte) (int, error) {
	l("%s", strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
