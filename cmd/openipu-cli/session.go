package main

import (
	"context"
	"net"
	"net/url"
	"strconv"
	"strings"

	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
)

// session is one command's way to one camera: where it is, how the
// workflows reach it, and the journal they record in.
type session struct {
	*cli
	opts   *options
	target workflow.Target
	env    workflow.Env
	jr     *journal.Journal
}

// open prepares the camera's target and Env (no I/O with the camera yet)
// and, for commands that change something, the journal. A journal that
// cannot be opened stops the command before anything is sent: an operation
// must not go unrecorded.
func (c *cli) open(text string, o *options, journaled bool) (*session, error) {
	if o.timeout <= 0 {
		return nil, usageErrorf("--timeout must be a positive duration such as 10s or 1m")
	}
	t, err := parseCameraAddress(text, o.https)
	if err != nil {
		return nil, err
	}
	s := &session{cli: c, opts: o, target: t}
	var pins vapix.PinStore
	if t.Scheme == workflow.HTTPS {
		if pins, err = c.pinStore(); err != nil {
			return nil, err
		}
	}
	connect := workflow.NewConnector(pins, o.timeout)
	accept := o.acceptNewCert
	s.env.Connect = func(t workflow.Target, co workflow.ConnectOptions) (workflow.Client, error) {
		co.AcceptNewCertificate = co.AcceptNewCertificate || accept
		return connect(t, co)
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
		s.env.JournalFailed = func(err error) {
			s.progress("Warning: this was not written to the journal at %s (%v).", path, err)
		}
	}
	return s, nil
}

// parseCameraAddress reads "HOST", "HOST:PORT", "http://HOST[:PORT]" or
// "https://HOST[:PORT]"; --https means the last.
func parseCameraAddress(text string, https bool) (workflow.Target, error) {
	if strings.Contains(text, "@") {
		// Never repeated back: what precedes the @ may be a password.
		return workflow.Target{}, usageErrorf("the camera address must not contain a user name or password (no \"user:password@\"); give --user and type the password when asked")
	}
	lower := strings.ToLower(strings.TrimSpace(text))
	if https {
		switch {
		case strings.HasPrefix(lower, "http://"):
			return workflow.Target{}, usageErrorf("--https and an http:// address contradict each other")
		case !strings.HasPrefix(lower, "https://"):
			text = "https://" + strings.TrimSpace(text)
		}
	}
	// vapix.New is the one judge of what a camera address is.
	c, err := vapix.New(text, vapix.Options{})
	if err != nil {
		return workflow.Target{}, &badInput{err: err}
	}
	c.Close()
	u, err := url.Parse(c.BaseURL())
	if err != nil {
		return workflow.Target{}, &badInput{err: err}
	}
	port, _ := strconv.Atoi(u.Port())
	t := workflow.Target{Host: u.Hostname(), Scheme: workflow.HTTP, HTTPPort: port}
	if u.Scheme == "https" {
		t.Scheme, t.HTTPPort, t.HTTPSPort = workflow.HTTPS, 0, port
	}
	return t, nil
}

func (s *session) close() {
	if s != nil && s.jr != nil {
		s.jr.Close()
	}
}

// login asks for the password of --user once the camera is identified:
// a wrong address fails before someone types a secret.
func (s *session) login() workflow.Login {
	return func(ctx context.Context, _ *workflow.Camera) (workflow.Credentials, error) {
		pw, err := s.password(ctx, s.opts.user, false)
		if err != nil {
			return workflow.Credentials{}, err
		}
		return workflow.Credentials{User: s.opts.user, Password: pw}, nil
	}
}

// host is the camera's address as messages show it.
func (s *session) host() string { return s.target.Address() }

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
