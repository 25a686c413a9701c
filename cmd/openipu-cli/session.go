package main

import (
	"context"
	"errors"
	"strings"

	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
)

// session is one command's conversation with one camera.
type session struct {
	*cli
	opts   *options
	target string // as given, with https:// added for --https
	pins   vapix.PinStore
	client *vapix.Client
	id     vapix.Identity
	jr     *journal.Journal
}

// open prepares the client (no I/O with the camera yet) and, for commands
// that change something, the journal. A journal that cannot be opened stops
// the command before anything is sent: an operation must not go unrecorded.
func (c *cli) open(target string, o *options, journaled bool) (*session, error) {
	if o.timeout <= 0 {
		return nil, usageErrorf("--timeout must be a positive duration such as 10s or 1m")
	}
	if strings.Contains(target, "@") {
		// Never repeated back: what precedes the @ may be a password.
		return nil, usageErrorf("the camera address must not contain a user name or password (no \"user:password@\"); give --user and type the password when asked")
	}
	lower := strings.ToLower(target)
	if o.https {
		switch {
		case strings.HasPrefix(lower, "http://"):
			return nil, usageErrorf("--https and an http:// address contradict each other")
		case !strings.HasPrefix(lower, "https://"):
			target = "https://" + target
		}
	}
	s := &session{cli: c, opts: o, target: target}
	if strings.HasPrefix(strings.ToLower(target), "https://") {
		pins, err := c.pinStore()
		if err != nil {
			return nil, err
		}
		s.pins = pins
	}
	client, err := vapix.New(target, vapix.Options{Timeout: o.timeout, Pins: s.pins, AcceptNewCertificate: o.acceptNewCert})
	if err != nil {
		return nil, &badInput{err: err}
	}
	s.client = client
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
	}
	return s, nil
}

func (s *session) close() {
	if s != nil && s.jr != nil {
		s.jr.Close()
	}
}

// identify learns who the camera is, anonymously, before any password is
// asked for: a wrong address should fail before someone types a secret.
func (s *session) identify(ctx context.Context) error {
	id, err := s.client.Identify(ctx)
	s.id = id
	return err
}

// systemReadyAnswered tells whether Identify heard from systemready.cgi, so
// that its NeedsSetup can be trusted (firmware before 9.50 has no such API).
func (s *session) systemReadyAnswered() bool { return s.id.Ready2.APIVersion != "" }

// login reads the password and proves it before anything changes.
func (s *session) login(ctx context.Context) error {
	if s.systemReadyAnswered() && s.id.NeedsSetup {
		return &vapix.Error{Kind: vapix.NeedsSetup, Op: "log in", Host: s.client.Host()}
	}
	pw, err := s.password(ctx, s.opts.user, false)
	if err != nil {
		return err
	}
	s.client.SetCredentials(s.opts.user, pw)
	return s.client.VerifyLogin(ctx)
}

// camera is the journal's view of the device.
func (s *session) camera() journal.Camera {
	mac := strings.ToUpper(strings.NewReplacer(":", "", "-", "").Replace(s.id.MAC))
	if len(mac) != 12 || strings.Trim(mac, "0123456789ABCDEF") != "" {
		mac = ""
	}
	return journal.Camera{MAC: mac, Serial: s.id.Serial, Model: s.id.Model, Firmware: s.id.Firmware, Host: s.client.Host()}
}

// fail records a failed action and returns its error. Input that was refused
// before anything was sent is not an action on a camera and is not recorded.
func (s *session) fail(ctx context.Context, action journal.Action, user, detail string, err error) error {
	var bi *badInput
	if !errors.As(err, &bi) {
		s.record(ctx, action, user, detail, err)
	}
	return err
}

// record writes the outcome of an action to the journal. A failure to write
// is reported but does not change the exit code: the camera did what it did.
func (s *session) record(ctx context.Context, action journal.Action, user, detail string, err error) {
	if s.jr == nil {
		return
	}
	e := journal.Entry{Action: action, Camera: s.camera(), Outcome: journal.Done, User: user, Detail: detail}
	if err != nil {
		e.Outcome = journal.Failed
		if ctx.Err() != nil || errors.Is(err, context.Canceled) {
			e.Outcome = journal.Canceled
		}
		e.ErrorKey = problem(ctx, err).What.Key
	}
	if vapix.ValidateUserName(e.User) != nil {
		e.User = ""
	}
	if err := s.jr.Append(e); err != nil {
		s.progress("Warning: this was not written to the journal at %s (%v).", s.jr.Path(), err)
	}
}

// jsonCamera is the camera as --json results show it.
type jsonCamera struct {
	Host     string `json:"host"`
	MAC      string `json:"mac"`
	Serial   string `json:"serial"`
	Model    string `json:"model"`
	Firmware string `json:"firmware"`
}

func (s *session) jsonCamera() jsonCamera {
	return jsonCamera{Host: s.client.Host(), MAC: s.id.MAC, Serial: s.id.Serial, Model: s.id.Model, Firmware: s.id.Firmware}
}

// name is how messages refer to the camera: "AXIS M1075-L (ACCC8E270AD8) at 10.0.0.5".
func (s *session) name() string {
	var b strings.Builder
	if s.id.Model != "" {
		b.WriteString(s.id.Model)
	} else {
		b.WriteString("The camera")
	}
	if s.id.MAC != "" {
		b.WriteString(" (" + s.id.MAC + ")")
	}
	b.WriteString(" at " + s.client.Host())
	return b.String()
}
