package workflow

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"time"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/macaddr"
	"github.com/openipu/openipu/core/vapix"
)

// Client is what a workflow asks of one camera; *vapix.Client satisfies it.
type Client interface {
	SetCredentials(user, password string)
	Identify(ctx context.Context) (vapix.Identity, error)
	SystemReady(ctx context.Context) (vapix.SystemReady, error)
	CreateFirstAccount(ctx context.Context, user, password string) (vapix.AccountResult, error)
	VerifyLogin(ctx context.Context) error
	FactoryDefault(ctx context.Context, mode vapix.ResetMode) error
	Restart(ctx context.Context) error
	WaitForReboot(ctx context.Context, before vapix.SystemReady, timeout time.Duration, progress func(vapix.RebootProgress)) (vapix.SystemReady, error)
	ListParams(ctx context.Context, groups ...string) ([]vapix.Param, []byte, error)
	SetNetwork(ctx context.Context, cfg vapix.NetworkConfig) error
	// Encrypted says whether what is sent travels over HTTPS.
	Encrypted() bool
	Close()
}

var _ Client = (*vapix.Client)(nil)

// Scheme says how to talk to a camera.
type Scheme string

const (
	// Auto lets the Connector choose: HTTPS where the camera offers it,
	// HTTP only where it does not (see NewConnector).
	Auto Scheme = ""
	// HTTP is chosen by the user: the password can be read on the network
	// (the workflows still ask Env.ConfirmPlainHTTP).
	HTTP  Scheme = "http"
	HTTPS Scheme = "https"
)

// Target is where to reach one camera and what is known of it
// independently of what it will say about itself.
type Target struct {
	// Host is an IP address or a host name, without a port.
	Host string
	// HTTPPort and HTTPSPort are the camera's web ports; 0 means the
	// scheme's default (80, 443). A port typed without a scheme is both:
	// the camera is asked whether it speaks TLS there.
	HTTPPort, HTTPSPort int
	// Scheme forces HTTP or HTTPS; Auto leaves the choice to the Connector.
	Scheme Scheme
	// MAC is the camera's MAC as discovery learned it (12 hex digits), ""
	// when the user typed an address. When set, a device at Host that
	// says it is another camera is refused, and the HTTPS certificate is
	// pinned under this MAC.
	MAC string
	// Model and Firmware as discovery learned them, for records and for the
	// first-administrator rule before the camera is asked.
	Model, Firmware string
}

// TargetOf is how a workflow reaches a camera discovery found: its first
// address, its ports, and the MAC discovery tied to it.
func TargetOf(d discovery.Device) Target {
	t := Target{
		HTTPPort:  d.HTTPPort,
		HTTPSPort: d.HTTPSPort,
		MAC:       macaddr.Normalize(d.MAC),
		Model:     d.Model,
		Firmware:  d.Firmware,
	}
	if len(d.Addresses) > 0 {
		t.Host = d.Addresses[0].String()
	}
	return t
}

// At is t moved to another address, ports and identity kept.
func (t Target) At(a netip.Addr) Target {
	t.Host = a.String()
	return t
}

// Address is how messages and records name where the camera is:
// "10.0.0.5", "10.0.0.5:8080", "[fe80::1]:8080".
func (t Target) Address() string {
	port := t.HTTPPort
	if t.Scheme == HTTPS {
		port = t.HTTPSPort
	}
	if port == 0 || port == 80 || port == 443 {
		return t.Host
	}
	return net.JoinHostPort(t.Host, strconv.Itoa(port))
}

// ConnectOptions say how to open a camera.
type ConnectOptions struct {
	// AcceptNewCertificate: the camera was reset to factory settings (by
	// this program, which watched it come back, or by hand as the user
	// confirmed), so a new HTTPS certificate is expected. It replaces the
	// stored one only if the camera, asked over it, says it has factory
	// settings (vapix.Options.AcceptNewCertificate); on a camera that says
	// otherwise it changes nothing.
	AcceptNewCertificate bool
	// Waiting hears that the camera asked for a pause before the next
	// login try (see vapix.Options.Waiting); the workflows report it as
	// StepDeviceWait.
	Waiting func(time.Duration)
}

// Connector opens a client for a camera. NewConnector's asks the camera
// whether it offers HTTPS (a TLS handshake, nothing more); nothing else is
// sent until the client is used.
type Connector func(ctx context.Context, t Target, opts ConnectOptions) (Client, error)

// Recorder keeps what was done, for the handover checklist;
// *journal.Journal is one.
type Recorder interface {
	Append(e journal.Entry) error
}

// Env is how workflows reach cameras and where they record what they did.
type Env struct {
	Connect Connector
	// Journal may be nil: nothing is recorded (a dry run in tests).
	Journal Recorder
	// Now is the clock for records; nil means time.Now.
	Now func() time.Time
	// JournalFailed, when set, hears an entry that could not be written.
	// The camera did what it did, so the workflow carries on; the
	// front-end tells the user the change went unrecorded.
	JournalFailed func(err error)
	// ConfirmPlainHTTP is asked, once the camera is identified and before
	// a password is asked for or sent, when the camera is reached over
	// plain HTTP, where anyone on the network can read the password. It
	// returns whether to go on; nil refuses (Kind Unencrypted). The
	// workflow has reported StepNoEncryption just before, so cam's
	// identity and the warning can be shown together. Bulk workflows may
	// call it from several goroutines at once.
	ConfirmPlainHTTP func(ctx context.Context, cam *Camera) bool
}

func (e Env) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

// Camera is one camera opened for a workflow: reached, and asked
// anonymously who it is, before anything needing a password is sent.
type Camera struct {
	env    Env
	target Target
	client Client
	// ID is what the camera said about itself.
	ID vapix.Identity
	// identified says Identify answered.
	identified bool
}

// Open connects to t and identifies the camera anonymously: a wrong
// address fails here, before anyone types a password, and a device that
// claims to be another camera than discovery found there is refused.
//
// On failure the returned Camera is still usable for records (its Close
// is safe), so a front-end can journal the failed action against it.
//
// Nothing needing a password is sent by Open; a caller that goes on to send
// one over an unencrypted connection (Camera.Encrypted) must warn the user
// first, as the workflows do.
func Open(ctx context.Context, env Env, t Target) (*Camera, error) {
	return open(ctx, env, t, ConnectOptions{}, nil)
}

func open(ctx context.Context, env Env, t Target, o ConnectOptions, progress func(Progress)) (*Camera, error) {
	c := &Camera{env: env, target: t}
	if progress != nil && o.Waiting == nil {
		o.Waiting = func(d time.Duration) {
			report(progress, Progress{Step: StepDeviceWait, Target: t, Wait: d})
		}
	}
	client, err := connect(ctx, env, t, o)
	if err != nil {
		return c, err
	}
	c.client = client
	id, err := client.Identify(ctx)
	var ve *vapix.Error
	if errors.As(err, &ve) && ve.Kind == vapix.OtherDevice {
		c.ID = id
		return c, &Error{Kind: OtherCamera, Host: t.Address(), MAC: macaddr.Normalize(t.MAC), Found: ve.Detail, Err: err}
	}
	if err != nil {
		return c, err
	}
	c.ID, c.identified = id, true
	if err := checkSameCamera(t, id); err != nil {
		return c, err
	}
	return c, nil
}

func connect(ctx context.Context, env Env, t Target, o ConnectOptions) (Client, error) {
	if env.Connect == nil {
		return nil, &Error{Kind: NoConnector, Host: t.Address()}
	}
	if t.Host == "" {
		return nil, &vapix.Error{Kind: vapix.NoAnswer, Op: "connect to the camera", Host: t.MAC}
	}
	c, err := env.Connect(ctx, t, o)
	if err != nil {
		return nil, vapix.Named(err, t.Address())
	}
	return named(c, t), nil
}

// confirmUnencrypted is the rule before a password is asked for: over
// HTTPS nothing to ask; over HTTP the user is warned (StepNoEncryption) and
// must agree through env.ConfirmPlainHTTP.
func (c *Camera) confirmUnencrypted(ctx context.Context, action journal.Action, progress func(Progress)) error {
	if c.Encrypted() {
		return nil
	}
	report(progress, Progress{Step: StepNoEncryption, Action: action, Target: c.target})
	if c.env.ConfirmPlainHTTP == nil || !c.env.ConfirmPlainHTTP(ctx, c) {
		return &Error{Kind: Unencrypted, Host: c.target.Address()}
	}
	return nil
}

// checkSameCamera refuses a device whose MAC contradicts the one discovery
// tied to the address: trust rests on what was learned independently, not
// on what a device claims.
func checkSameCamera(t Target, id vapix.Identity) error {
	want, got := macaddr.Normalize(t.MAC), macaddr.Normalize(id.MAC)
	if want != "" && got != "" && want != got {
		return &Error{Kind: OtherCamera, Host: t.Address(), MAC: want, Found: got}
	}
	return nil
}

// Close ends the conversation with the camera.
func (c *Camera) Close() {
	if c != nil && c.client != nil {
		c.client.Close()
	}
}

// Target is where the camera was reached.
func (c *Camera) Target() Target { return c.target }

// Encrypted says whether the camera is reached over HTTPS, so that a
// password sent to it cannot be read on the network.
func (c *Camera) Encrypted() bool { return c.client != nil && c.client.Encrypted() }

// scheme is how the camera was actually reached, for later connections to
// it (the wait after a reset, the search at a new address).
func (c *Camera) scheme() Scheme {
	if c.Encrypted() {
		return HTTPS
	}
	return HTTP
}

// MAC is the camera's MAC: what discovery learned, else what the camera
// said.
func (c *Camera) MAC() string {
	if m := macaddr.Normalize(c.target.MAC); m != "" {
		return m
	}
	return macaddr.Normalize(c.ID.MAC)
}

// NeedsSetup reports whether the camera said it has no administrator yet.
// Firmware too old for systemready.cgi cannot say, so it counts as set up.
func (c *Camera) NeedsSetup() bool {
	return c.identified && c.ID.Ready2.APIVersion != "" && c.ID.NeedsSetup
}

// knowsSetupState: systemready answered, so NeedsSetup can be trusted
// either way.
func (c *Camera) knowsSetupState() bool {
	return c.identified && c.ID.Ready2.APIVersion != ""
}

// Model and Firmware prefer the camera's own answer and fall back to
// discovery's.
func (c *Camera) Model() string    { return firstOf(c.ID.Model, c.target.Model) }
func (c *Camera) Firmware() string { return firstOf(c.ID.Firmware, c.target.Firmware) }

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// Credentials are an administrator's name and password, for one call.
type Credentials struct {
	User, Password string
}

// logIn proves the credentials before anything changes. A camera that has
// no administrator yet cannot be logged in to; it needs its first password.
func (c *Camera) logIn(ctx context.Context, cr Credentials) error {
	if c.client == nil {
		return &vapix.Error{Kind: vapix.NoAnswer, Op: "log in", Host: c.target.Address()}
	}
	if c.NeedsSetup() {
		return &vapix.Error{Kind: vapix.NeedsSetup, Op: "log in", Host: c.target.Address()}
	}
	if err := vapix.ValidateUserName(cr.User); err != nil {
		return err
	}
	c.client.SetCredentials(cr.User, cr.Password)
	return c.client.VerifyLogin(ctx)
}

// reached is where and how the camera was reached, as a Target for asking
// it again: its MAC, and the scheme (and HTTPS port) it answered over, so a
// camera that offered HTTPS is asked over HTTPS again.
func (c *Camera) reached() Target {
	t := c.target
	t.MAC = c.MAC()
	t.Scheme = c.scheme()
	if t.Scheme == HTTPS && t.HTTPSPort == 0 {
		t.HTTPSPort = httpsPortOf(c)
	}
	return t
}

// httpsPortOf is the HTTPS port the camera answered on: the one in the
// address it was identified at, else HTTPS's default.
func httpsPortOf(c *Camera) int {
	if u, err := url.Parse(c.ID.HTTPURL); err == nil && u.Scheme == string(HTTPS) {
		if p, err := strconv.Atoi(u.Port()); err == nil && p > 0 {
			return p
		}
	}
	return 443
}
