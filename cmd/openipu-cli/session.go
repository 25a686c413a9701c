package main

import (
	"context"
	"net"
	"strings"
	"sync"

	"github.com/openipu/openipu/core/camaddr"
	"github.com/openipu/openipu/core/handover"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
)

// session is one command's way to one camera: where it is, how the
// workflows reach it, and the journal they record in.
type session struct {
	*cli
	opts    *options
	address camaddr.Address
	target  workflow.Target
	env     workflow.Env
	jr      *journal.Journal
	// live is the handover session --session names, ticked by what the
	// command does; nil without --session.
	live *handover.Live

	mu    sync.Mutex
	shown bool // the camera that answered has been named on stderr
}

// open prepares the camera's target and Env (no I/O with the camera yet)
// and, for commands that change something, the journal. The address is
// checked first, so that a mistyped one (or a password typed in its place)
// is neither looked up nor recorded. A journal that cannot be opened stops
// the command before anything is sent: an operation must not go
// unrecorded.
func (c *cli) open(text string, o *options, journaled bool) (*session, error) {
	if o.timeout <= 0 {
		return nil, usageErrorf("--timeout must be a positive duration such as 10s or 1m")
	}
	a, err := parseAddress(text)
	if err != nil {
		return nil, err
	}
	t, err := target(a, o.https, o.http)
	if err != nil {
		return nil, err
	}
	s := &session{cli: c, opts: o, address: a, target: t}
	var pins vapix.PinStore
	if t.Scheme != workflow.HTTP {
		// HTTPS is tried first, so the certificate list is needed; no
		// quiet fall-back to HTTP when it cannot be opened.
		if pins, err = c.pinStore(); err != nil {
			return nil, err
		}
	}
	connect := workflow.NewConnector(pins, o.timeout)
	accept := o.acceptNewCert
	s.env.Connect = func(ctx context.Context, t workflow.Target, co workflow.ConnectOptions) (workflow.Client, error) {
		// Only a camera in factory state takes a new certificate this
		// way (vapix.Options.AcceptNewCertificate).
		co.AcceptNewCertificate = co.AcceptNewCertificate || accept
		return connect(ctx, t, co)
	}
	s.env.ConfirmPlainHTTP = s.confirmPlainHTTP
	if o.session != "" {
		// Opened before anything is sent: a mistyped session name must
		// not let a change go unticked.
		if s.live, err = c.openHandover(o.session); err != nil {
			return nil, &badInput{err: err}
		}
	}
	if journaled {
		path := o.journal
		if path == "" {
			path = c.journalPath
		}
		if path == "" {
			if path, err = journal.DefaultPath(); err != nil {
				return nil, &fileProblem{kind: journalUnavailable, path: "the journal", err: err}
			}
		}
		if s.jr, err = journal.Open(path); err != nil {
			return nil, &fileProblem{kind: journalUnavailable, path: path, err: err}
		}
		s.env.Journal = s.jr
		if s.live != nil {
			s.env.Journal = handover.Recorders{s.jr, s.live}
		}
		s.env.JournalFailed = func(err error) {
			s.progress("Warning: this was not written to the journal at %s (%v).", path, err)
		}
	}
	return s, nil
}

// confirmPlainHTTP is asked before a password would go out over plain
// HTTP: the warning is printed on stderr, and only --http goes on.
func (s *session) confirmPlainHTTP(_ context.Context, cam *workflow.Camera) bool {
	s.showCamera(cam)
	s.progress("Warning: %s", workflow.Progress{Step: workflow.StepNoEncryption}.Message().String())
	if !s.opts.http {
		return false
	}
	s.progress("Sending it over plain HTTP, as --http asks.")
	return true
}

// showCamera names the camera that answered, once, before anyone types a
// password for it: "Camera: AXIS M1075-L (ACCC8E270AD8) at 10.0.0.5".
func (s *session) showCamera(cam *workflow.Camera) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shown {
		return
	}
	s.shown = true
	model, mac := cam.Model(), cam.MAC()
	if model == "" {
		model = "Unknown model"
	}
	if mac == "" {
		mac = "MAC address not told"
	}
	s.progress("Camera: %s (%s) at %s", model, mac, s.host())
}

// found adds the camera that answered to the --session handover, as
// found at the address the user gave.
func (s *session) found(cam *workflow.Camera) error {
	if s.live == nil || cam.MAC() == "" {
		return nil
	}
	return s.live.Found(handover.Sighting{
		MAC: cam.MAC(), Serial: cam.ID.Serial, Model: cam.Model(), Firmware: cam.Firmware(),
		Address: s.target.Address(), Given: s.host(),
	})
}

func (s *session) close() {
	if s != nil && s.jr != nil {
		s.jr.Close()
	}
}

// login asks for the password of --user once the camera is identified,
// after naming it: a wrong address fails before someone types a secret,
// and the user sees which camera answered.
func (s *session) login() workflow.Login {
	return func(ctx context.Context, cam *workflow.Camera) (workflow.Credentials, error) {
		s.showCamera(cam)
		pw, err := s.password(ctx, s.opts.user, false)
		if err != nil {
			return workflow.Credentials{}, err
		}
		return workflow.Credentials{User: s.opts.user, Password: pw}, nil
	}
}

// host is the camera's address as messages show it.
func (s *session) host() string { return s.target.Address() }

// again is the address, with the scheme the user chose, for a command to
// run next: "https://10.0.0.5", "10.0.0.5 --http", "10.0.0.5".
func (s *session) again() string {
	host := s.host()
	switch {
	case s.target.Scheme == workflow.HTTPS:
		return "https://" + host
	case s.opts.http:
		return host + " --http"
	case s.address.Scheme == "http":
		return "http://" + host
	}
	return host
}

// jsonCamera is the camera as --json results show it.
type jsonCamera struct {
	Host     string `json:"host"`
	MAC      string `json:"mac"`
	Serial   string `json:"serial"`
	Model    string `json:"model"`
	Firmware string `json:"firmware"`
}

func (s *session) jsonCamera(id vapix.Identity) jsonCamera {
	return jsonCamera{Host: s.host(), MAC: id.MAC, Serial: id.Serial, Model: id.Model, Firmware: id.Firmware}
}

// name is how messages refer to the camera: "AXIS M1075-L (ACCC8E270AD8) at 10.0.0.5".
func (s *session) name(id vapix.Identity) string {
	var b strings.Builder
	if id.Model != "" {
		b.WriteString(id.Model)
	} else {
		b.WriteString("The camera")
	}
	if id.MAC != "" {
		b.WriteString(" (" + id.MAC + ")")
	}
	b.WriteString(" at " + s.host())
	return b.String()
}

// hostOnly is the address without a port.
func hostOnly(address string) string {
	if h, _, err := net.SplitHostPort(address); err == nil {
		return h
	}
	return address
}
