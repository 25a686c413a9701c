package workflow

import (
	"errors"
	"fmt"

	"github.com/openipu/openipu/core/usermsg"
)

// Kind says which workflow rule stopped an action.
type Kind int

const (
	// NoConnector: the program was built without a way to reach cameras.
	NoConnector Kind = iota + 1
	// OtherCamera: the device at the address says it is another camera
	// than the one discovery found there.
	OtherCamera
	// BackupFailed: the settings could not be saved, so the reset was not
	// sent.
	BackupFailed
	// NotFound: after new network settings, the camera did not show up at
	// its new address in time.
	NotFound
	// Unencrypted: the camera offers no HTTPS, and sending the password
	// over plain HTTP was not confirmed (Env.ConfirmPlainHTTP); nothing
	// was sent.
	Unencrypted
	// NoPinStore: certificates cannot be remembered, so no camera is
	// reached until the user decides (NewConnector); nothing was sent.
	NoPinStore
)

var kindNames = map[Kind]string{
	NoConnector: "no connector", OtherCamera: "another camera answers",
	BackupFailed: "backup failed, nothing sent", NotFound: "not found at its new address",
	Unencrypted: "no encrypted connection, nothing sent", NoPinStore: "certificates cannot be remembered",
}

func (k Kind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Error makes a Kind usable as an errors.Is target.
func (k Kind) Error() string { return k.String() }

// Error is a workflow rule's refusal or outcome, with the camera it is
// about.
type Error struct {
	Kind Kind
	// Host is the camera's address.
	Host string
	// MAC is the camera expected there; Found the one that answered.
	MAC, Found string
	// Addr is the new address looked at (NotFound; "" with DHCP).
	Addr string
	// Err is the cause (BackupFailed: the backup's error).
	Err error
}

func (e *Error) Error() string {
	s := e.Kind.String()
	if e.Host != "" {
		s += " (" + e.Host + ")"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, workflow.OtherCamera) work.
func (e *Error) Is(target error) bool {
	k, ok := target.(Kind)
	return ok && k == e.Kind
}

// Explain implements usermsg.Explainer. A failed backup explains itself
// with the backup's own words and adds that nothing was reset.
func (e *Error) Explain() usermsg.Problem {
	if e.Kind == BackupFailed && e.Err != nil {
		p, _ := usermsg.Explain(e.Err)
		next := messages[BackupFailed][1]
		next.Args = p.Next.Args
		return usermsg.Problem{What: p.What, Next: next}
	}
	args := map[string]any{"Host": e.Host, "MAC": e.MAC, "Found": e.Found, "Addr": e.Addr}
	if e.Kind == NotFound && e.Addr == "" {
		return usermsg.Lookup(messages, notFoundDHCP, NoConnector, args)
	}
	return usermsg.Lookup(messages, e.Kind, NoConnector, args)
}

// KindOf returns the workflow Kind in err's chain, or 0.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return 0
}

// notFoundDHCP words NotFound when the new address was the DHCP server's
// to choose.
const notFoundDHCP Kind = -1

var messages = map[Kind][2]usermsg.Message{
	NoConnector: {
		{Key: "workflow.no_connector", Text: "This program cannot reach cameras: it was started without a network connection to use."},
		{Key: "workflow.no_connector.next", Text: "Close OpenIPU and start it again. If it keeps happening, report it to the OpenIPU project."},
	},
	OtherCamera: {
		{Key: "workflow.other_camera", Text: "Another camera ({{.Found}}) now answers at {{.Host}}, not the one that was found there ({{.MAC}}). Nothing was sent to it."},
		{Key: "workflow.other_camera.next", Text: "Search again so the list shows which camera is at which address, then choose the camera again."},
	},
	BackupFailed: {
		{Key: "workflow.backup_failed", Text: "The camera's settings could not be saved, so the camera was not reset."},
		{Key: "workflow.backup_failed.next", Text: "The camera was NOT reset, because its settings could not be saved first. Fix the backup, or reset without a backup."},
	},
	NotFound: {
		{Key: "workflow.not_found", Text: "The camera accepted the new settings, but it has not answered at {{.Addr}} yet."},
		{Key: "workflow.not_found.next", Text: "It may still be restarting its network. The camera list is searching again; look for it there in a minute. If it does not show up, check that this computer is on the same network as the new address."},
	},
	notFoundDHCP: {
		{Key: "workflow.not_found_dhcp", Text: "The camera accepted the new settings, but it has not shown up with an address from DHCP yet."},
		{Key: "workflow.not_found_dhcp.next", Text: "It may still be restarting its network. The camera list is searching again; look for it there in a minute, or in the DHCP server's list of devices."},
	},
	Unencrypted: {
		{Key: "workflow.unencrypted", Text: "The camera at {{.Host}} does not offer an encrypted connection (HTTPS) there, so the password was not sent: on this network anyone could have read it."},
		{Key: "workflow.unencrypted.next", Text: "Nothing was sent. If the camera has HTTPS on another port, use that port in its address (https://ADDRESS:PORT). Otherwise turn on HTTPS on the camera, or connect this computer straight to the camera with a cable. Send the password unencrypted only on a network you trust, and only by choice."},
	},
	NoPinStore: {
		{Key: "workflow.no_pin_store", Text: "OpenIPU cannot keep its list of camera certificates, so it cannot tell a camera it has met before from a device imitating it."},
		{Key: "workflow.no_pin_store.next", Text: "Nothing was sent. Check that OpenIPU may save files in its settings folder, then start it again."},
	},
}

// Messages lists every message a workflow can show a user (errors and
// steps), for translators and the test that keeps the catalogue complete.
func Messages() []usermsg.Message {
	return append(usermsg.Catalogue(messages), stepMessages()...)
}
