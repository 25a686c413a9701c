package vapix

import (
	"errors"
	"fmt"
	"time"

	"github.com/openipu/openipu/core/devtext"
	"github.com/openipu/openipu/core/usermsg"
)

// Kind says what went wrong in terms a caller can react to. A Kind is itself
// an error so that errors.Is(err, vapix.WrongPassword) works on any *Error.
type Kind int

// The kinds of failure. Keep the order stable: values are not persisted, but
// tests and logs print them by name.
const (
	Unknown            Kind = iota
	NoAnswer                // nothing answered at the address (refused, unreachable, timed out)
	NotAxis                 // something answered, but not like an Axis device
	NeedsSetup              // the camera has no administrator yet; set the first password
	AlreadySetUp            // the camera already has an administrator; first-account creation refused
	WrongPassword           // the user name or password was not accepted
	LockedOut               // HTTP 403 after too many failed logins; retry after RetryAfter
	UserNameRefused         // this firmware does not accept that name for the first account
	InvalidPassword         // the password breaks the 1–64 printable ASCII rule
	InvalidUserName         // the user name breaks the 1–14 [A-Za-z0-9] rule
	CertificateChanged      // the HTTPS certificate differs from the one seen before
	BadReply                // the camera answered with something we could not read
	ReplyTooLarge           // the reply was larger than any real camera would send
	CameraRefused           // the camera understood and said no (an API error code)
	Unsupported             // the firmware does not offer this function
	RebootTimeout           // the camera did not come back within the deadline
	Canceled                // the user or the program stopped the operation
	InvalidAddress          // the camera address given cannot be used
	InvalidSettings         // the values to apply (network settings, reset mode) cannot be used
	CertificateReset        // the HTTPS certificate differs, and the device says it has factory settings
	OtherDevice             // the device reports another MAC than the camera expected (Detail: the one it reported)
	WeakDigest              // the device asks for a digest login without qop, which is refused
	BasicNotTrusted         // HTTPS Basic only, to a certificate first met in this run: refused
	InvalidTimeServer       // a time (NTP) server is not a host name or IP address
	InvalidTimeZone         // a time zone is neither an IANA name nor a POSIX rule
	InvalidName             // a camera name is empty, too long or has control characters
	NotAnImage              // the camera's snapshot reply is not a JPEG picture
)

var kindNames = [...]string{
	Unknown: "unknown", NoAnswer: "no answer", NotAxis: "not an Axis device", NeedsSetup: "needs setup",
	AlreadySetUp: "already set up", WrongPassword: "wrong password", LockedOut: "locked out",
	UserNameRefused: "user name refused", InvalidPassword: "invalid password", InvalidUserName: "invalid user name",
	CertificateChanged: "certificate changed", BadReply: "bad reply", ReplyTooLarge: "reply too large",
	CameraRefused: "camera refused", Unsupported: "unsupported", RebootTimeout: "reboot timeout", Canceled: "canceled",
	InvalidAddress: "invalid address", InvalidSettings: "invalid settings",
	CertificateReset: "certificate changed by a reset", OtherDevice: "another device",
	WeakDigest: "weak digest login", BasicNotTrusted: "basic login to a new certificate",
	InvalidTimeServer: "invalid time server", InvalidTimeZone: "invalid time zone",
	InvalidName: "invalid camera name", NotAnImage: "not a picture",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Error makes a Kind usable as an errors.Is target.
func (k Kind) Error() string { return k.String() }

// Error is every failure the client returns.
type Error struct {
	Kind Kind
	// Op is what was being done, in words ("create the first account").
	Op string
	// Host is the camera's address as the user gave it.
	Host string
	// Status is the HTTP status, when there was one.
	Status int
	// Detail is the camera's own words (an error body or API message), if any.
	Detail string
	// RetryAfter is set for LockedOut.
	RetryAfter time.Duration
	// Err is the underlying cause, if any.
	Err error
}

func (e *Error) Error() string {
	s := fmt.Sprintf("%s: %s", e.Op, e.Kind)
	if e.Host != "" {
		s = fmt.Sprintf("%s (%s)", s, e.Host)
	}
	if e.Status != 0 {
		s += fmt.Sprintf(": HTTP %d", e.Status)
	}
	if d := devtext.Clean(e.Detail); d != "" {
		s += ": " + d
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Is lets errors.Is(err, SomeKind) match.
func (e *Error) Is(target error) bool {
	k, ok := target.(Kind)
	return ok && k == e.Kind
}

// Explain gives the sentence and the next step for a non-technical user.
func (e *Error) Explain() usermsg.Problem {
	return usermsg.Lookup(messages, e.Kind, Unknown, map[string]any{
		"Host":    e.Host,
		"Op":      e.Op,
		"Detail":  devtext.Clean(e.Detail), // also when a Detail was not cleaned where it was read
		"Seconds": int((e.RetryAfter + time.Second - 1) / time.Second),
	})
}

// Named names the camera in every *Error of err's chain by host, the
// address the user knows it by, and returns err. A client may dial
// another address than that one (the simulated office serves its cameras
// on loopback ports behind made-up addresses), and a message naming the
// address dialled would send the user looking for a camera they never
// saw. Only errors just returned, not yet shared, may be named.
func Named(err error, host string) error {
	if host == "" {
		return err
	}
	for _, e := range chain(err) {
		if v, ok := e.(*Error); ok {
			v.Host = host
		}
	}
	return err
}

// chain is err and everything it wraps, joined errors included.
func chain(err error) []error {
	var out []error
	for todo := []error{err}; len(todo) > 0; {
		e := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if e == nil {
			continue
		}
		out = append(out, e)
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			todo = append(todo, u.Unwrap())
		case interface{ Unwrap() []error }:
			todo = append(todo, u.Unwrap()...)
		}
	}
	return out
}

// KindOf returns the Kind of err, or Unknown.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Unknown
}

// errorsAs is errors.As for *Error, kept short for callers.
func errorsAs(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// messages hold the plain-language text for each kind: what happened, then
// what to do. Keys are stable; gui/ translates them.
var messages = map[Kind][2]usermsg.Message{
	Unknown: {
		{Key: "vapix.unknown", Text: "The camera at {{.Host}} did not do what was asked ({{.Detail}})."},
		{Key: "vapix.unknown.next", Text: "Try again. If it keeps failing, restart the camera by unplugging its power for ten seconds."},
	},
	NoAnswer: {
		{Key: "vapix.no_answer", Text: "Nothing answered at {{.Host}}."},
		{Key: "vapix.no_answer.next", Text: "Check that the camera has power and a network cable, that the address is right, and that this computer is on the same network."},
	},
	NotAxis: {
		{Key: "vapix.not_axis", Text: "The device at {{.Host}} answered, but it does not behave like an Axis camera."},
		{Key: "vapix.not_axis.next", Text: "Check the address: it may belong to another device, such as a router or a printer."},
	},
	NeedsSetup: {
		{Key: "vapix.needs_setup", Text: "The camera at {{.Host}} has no password yet, so it cannot do this."},
		{Key: "vapix.needs_setup.next", Text: "Set the first password, then try again."},
	},
	AlreadySetUp: {
		{Key: "vapix.already_set_up", Text: "The camera at {{.Host}} already has an administrator password."},
		{Key: "vapix.already_set_up.next", Text: "Log in with the existing password. If nobody knows it, the camera must be reset to factory settings."},
	},
	WrongPassword: {
		{Key: "vapix.wrong_password", Text: "The camera at {{.Host}} did not accept that user name and password."},
		{Key: "vapix.wrong_password.next", Text: "Check the user name and password (capital letters matter) and try again. If the password is lost, the camera must be reset to factory settings."},
	},
	LockedOut: {
		{Key: "vapix.locked_out", Text: "The camera at {{.Host}} is refusing logins for a few seconds after too many failed attempts."},
		{Key: "vapix.locked_out.next", Text: "Wait {{.Seconds}} seconds, then try again with the right password."},
	},
	UserNameRefused: {
		{Key: "vapix.user_name_refused", Text: "The camera at {{.Host}} does not accept that name for its first account."},
		{Key: "vapix.user_name_refused.next", Text: "Use the name \"root\": cameras with software older than 11.5 only accept that name."},
	},
	InvalidPassword: {
		{Key: "vapix.invalid_password", Text: "This password cannot be used: {{.Detail}}"},
		{Key: "vapix.invalid_password.next", Text: "Use 1 to 64 characters from the keyboard's letters, digits, spaces and punctuation (no accented letters). At least 8 is recommended."},
	},
	InvalidUserName: {
		{Key: "vapix.invalid_user_name", Text: "This user name cannot be used: {{.Detail}}"},
		{Key: "vapix.invalid_user_name.next", Text: "Use 1 to 14 letters (A–Z, a–z) and digits, with no spaces."},
	},
	CertificateChanged: {
		{Key: "vapix.certificate_changed", Text: "The device at {{.Host}} shows a different secure certificate from the one this camera had before, although it does not say it was reset to factory settings. Someone on this network may be imitating the camera to capture its password."},
		{Key: "vapix.certificate_changed.next", Text: "Nothing was sent to it. Do not type the camera's password anywhere for now: check that the camera at this address is yours (the MAC address is on its label) and ask whoever runs the network. A camera keeps its certificate until it is reset to factory settings."},
	},
	BadReply: {
		{Key: "vapix.bad_reply", Text: "The camera at {{.Host}} sent an answer that could not be understood."},
		{Key: "vapix.bad_reply.next", Text: "Try again. If it keeps happening, restart the camera; its software may need an update."},
	},
	ReplyTooLarge: {
		{Key: "vapix.reply_too_large", Text: "The device at {{.Host}} sent far more data than a camera would."},
		{Key: "vapix.reply_too_large.next", Text: "Check that the address belongs to an Axis camera."},
	},
	CameraRefused: {
		{Key: "vapix.camera_refused", Text: "The camera at {{.Host}} refused: {{.Detail}}"},
		{Key: "vapix.camera_refused.next", Text: "Check the values you entered and try again."},
	},
	Unsupported: {
		{Key: "vapix.unsupported", Text: "The camera at {{.Host}} does not offer this function."},
		{Key: "vapix.unsupported.next", Text: "Use the camera's own web page for this, or update its software."},
	},
	RebootTimeout: {
		{Key: "vapix.reboot_timeout", Text: "The camera at {{.Host}} has not come back after restarting."},
		{Key: "vapix.reboot_timeout.next", Text: "Wait a minute and search again: after a reset it may be on a new address (for example 192.168.0.90, or one starting with 169.254.)."},
	},
	Canceled: {
		{Key: "vapix.canceled", Text: "The operation was stopped before it finished."},
		{Key: "vapix.canceled.next", Text: "Nothing more will be sent to the camera. Start again when you are ready."},
	},
	InvalidAddress: {
		{Key: "vapix.invalid_address", Text: "\"{{.Host}}\" cannot be used as a camera address: {{.Detail}}"},
		{Key: "vapix.invalid_address.next", Text: "Type the camera's IP address, for example 192.168.1.50, or pick the camera from the list."},
	},
	InvalidSettings: {
		{Key: "vapix.invalid_settings", Text: "These settings cannot be used: {{.Detail}}"},
		{Key: "vapix.invalid_settings.next", Text: "Correct the values and try again. Nothing was sent to the camera."},
	},
	CertificateReset: {
		{Key: "vapix.certificate_reset", Text: "The device at {{.Host}} shows a new secure certificate and says it has factory settings. A camera makes a new certificate when it is reset, but a device imitating the camera could say the same."},
		{Key: "vapix.certificate_reset.next", Text: "Nothing was sent to it. If you reset this camera yourself (for example with its control button), confirm the reset to accept the new certificate. If nobody reset it, do not go on: check the camera first."},
	},
	OtherDevice: {
		{Key: "vapix.other_device", Text: "The device at {{.Host}} says it is camera {{.Detail}}, which is not the camera expected at this address."},
		{Key: "vapix.other_device.next", Text: "Nothing was sent to it. Search again so the list shows which camera is at which address, then choose the camera again."},
	},
	WeakDigest: {
		{Key: "vapix.weak_digest", Text: "The device at {{.Host}} asks for the password in an old, unsafe form that Axis cameras never use, so it was not sent."},
		{Key: "vapix.weak_digest.next", Text: "Check that the address belongs to your Axis camera: another device may be imitating it. Nothing was sent to it."},
	},
	BasicNotTrusted: {
		{Key: "vapix.basic_not_trusted", Text: "The device at {{.Host}} accepts the password only in a form it can read, and this computer met its secure certificate for the first time just now, so it cannot tell it from a device imitating the camera."},
		{Key: "vapix.basic_not_trusted.next", Text: "Nothing was sent. Its certificate is remembered now: if you are sure this device is your camera, close OpenIPU and try again, and the camera will be recognised. If you are not sure, check the camera first."},
	},
	InvalidTimeServer: {
		{Key: "vapix.invalid_time_server", Text: "This time server cannot be used: {{.Detail}}"},
		{Key: "vapix.invalid_time_server.next", Text: "Type the time server's name or IP address, for example pool.ntp.org or 10.0.0.1, with a comma between two servers. Nothing was sent to the camera."},
	},
	InvalidTimeZone: {
		{Key: "vapix.invalid_time_zone", Text: "This time zone cannot be used: {{.Detail}}"},
		{Key: "vapix.invalid_time_zone.next", Text: "Type a time zone name such as Europe/Stockholm or America/New_York, or a rule such as CET-1CEST,M3.5.0,M10.5.0/3. Nothing was sent to the camera."},
	},
	InvalidName: {
		{Key: "vapix.invalid_name", Text: "This camera name cannot be used: {{.Detail}}"},
		{Key: "vapix.invalid_name.next", Text: "Use a short name without line breaks or tabs; the camera keeps at most 63 bytes (about 60 plain letters, fewer with accented ones). Nothing was sent to the camera."},
	},
	NotAnImage: {
		{Key: "vapix.not_an_image", Text: "The camera at {{.Host}} did not send a picture."},
		{Key: "vapix.not_an_image.next", Text: "Check in the camera's own web page that it shows live video, then try again. Some cameras need a restart after a software update before they send pictures."},
	},
}
