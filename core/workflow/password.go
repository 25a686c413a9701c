package workflow

import (
	"context"
	"fmt"

	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
)

// Outcome is how a workflow ended on one camera.
type Outcome int

const (
	// NotSent: stopped before anything was sent to this camera.
	NotSent Outcome = iota
	// Done: the change was made (and, for a password, verified).
	Done
	// Failed: Err says why.
	Failed
)

// PasswordRequest is the first administrator to create on a camera.
type PasswordRequest struct {
	// User is the administrator's name. Firmware older than 11.5 accepts
	// only root; the camera then gets root and the result says so.
	User string
	// Password is asked for once the camera is known to need one (and,
	// over plain HTTP, once Env.ConfirmPlainHTTP agreed), so the command
	// line prompts only then; the window hands over what was typed. cam
	// tells which camera answered (model, MAC), for the user to see before
	// typing.
	Password func(ctx context.Context, cam *Camera) (string, error)
	// AfterReset: the camera was reset to factory settings (here, or by
	// hand as the user confirmed), so a new HTTPS certificate is expected;
	// it is accepted only if the camera says it has factory settings.
	AfterReset bool
}

// Password is a PasswordRequest's Password for a password already typed.
func Password(pw string) func(context.Context, *Camera) (string, error) {
	return func(context.Context, *Camera) (string, error) { return pw, nil }
}

// PasswordResult is the first password's outcome on one camera.
type PasswordResult struct {
	Target   Target
	Identity vapix.Identity
	// Account is the account made: its name (root after a fall-back) and
	// whether logging in with it worked.
	Account vapix.AccountResult
	Outcome Outcome
	Err     error
}

// SetPassword creates the first administrator on the camera at t and
// proves it by logging in with it. It identifies the camera first and
// refuses one that already has an administrator; the password is asked for
// only then. Input refused before anything is sent is not recorded.
func SetPassword(ctx context.Context, env Env, t Target, req PasswordRequest, progress func(Progress)) PasswordResult {
	res := PasswordResult{Target: t, Outcome: Failed}
	fail := func(cam *Camera, err error) PasswordResult {
		cam.record(ctx, journal.SetPassword, req.User, "", err)
		res.Err = err
		return res
	}
	if err := vapix.ValidateUserName(req.User); err != nil {
		res.Err = err
		return res
	}
	report(progress, Progress{Step: StepIdentifying, Action: journal.SetPassword, Target: t})
	cam, err := open(ctx, env, t, ConnectOptions{AcceptNewCertificate: req.AfterReset}, progress)
	res.Identity = cam.ID
	if err != nil {
		cam.Close()
		return fail(cam, err)
	}
	defer cam.Close()
	if cam.knowsSetupState() && !cam.NeedsSetup() {
		return fail(cam, &vapix.Error{Kind: vapix.AlreadySetUp, Op: "set the first password", Host: t.Address()})
	}
	if err := cam.confirmUnencrypted(ctx, journal.SetPassword, progress); err != nil {
		// Nothing was sent and nothing typed: not recorded.
		res.Err = err
		return res
	}
	pw, err := req.Password(ctx, cam)
	if err != nil {
		res.Err = err
		return res
	}
	if err := vapix.ValidatePassword(pw); err != nil {
		res.Err = err
		return res
	}

	report(progress, Progress{Step: StepCreatingAccount, Action: journal.SetPassword, Target: t})
	user := req.User
	if mustBeRoot, known := vapix.FirstAdminMustBeRoot(cam.ID.Firmware); known && mustBeRoot {
		// The camera said which firmware it runs, and before 11.5 that
		// takes only root: asking for another name first would only be
		// refused, at the cost of one more exchange. Discovery's word
		// (Target.Firmware) is not enough, as the camera may have been
		// upgraded since; then CreateFirstAccount falls back itself.
		user = "root"
	}
	acct, err := cam.client.CreateFirstAccount(ctx, user, pw)
	if user != req.User {
		acct.FellBackToRoot = true
	}
	if err == nil && !acct.Verified {
		// CreateFirstAccount returns success only after logging in; a
		// client that says otherwise must not be reported as done.
		err = &vapix.Error{Kind: vapix.WrongPassword, Op: "log in with the new password", Host: t.Address()}
	}
	created, detail := acct.User, ""
	if created == "" {
		created = req.User
	}
	if acct.FellBackToRoot {
		detail = fmt.Sprintf(detailFellBackToRoot, req.User)
	}
	cam.record(ctx, journal.SetPassword, created, detail, err)
	res.Account = acct
	if err != nil {
		res.Err = err
		return res
	}
	res.Outcome = Done
	return res
}

// Bulk bounds a workflow run on many cameras.
type Bulk struct {
	// Parallel is how many cameras are worked on at once (default 16;
	// defaultParallel says why).
	Parallel int
	// Done, when set, hears each camera's result as soon as it is known
	// (i is its place in the list), so a front-end can show it at once.
	// It may be called from several goroutines at once.
	Done func(i int, r PasswordResult)
}

// defaultParallel is how many cameras a bulk run works on at once.
// Parallelism never reaches one camera: each is a device of its own and is
// sent one request at a time whatever this says (vapix.Client takes turns),
// so this bounds only the whole run. At 16, what crosses the network at any
// moment is 16 conversations of a few kilobytes each and at most 16 TLS
// handshakes: nothing to a small unmanaged switch, which forwards at line
// rate on every port, nor to a laptop. What it buys is waiting: a camera on
// a site network takes tens of milliseconds per answer and a first password
// is five or six answers, so 4 at a time kept 100 cameras waiting over 5 s
// (BenchmarkBulkFirstPassword), 16 about 1.5 s. More would gain less each
// time and leave more cameras half done when the user stops the run.
const defaultParallel = 16

// SetPasswords gives every camera in targets the same first administrator,
// several at a time, and returns one result per camera in the order given. A
// camera not yet started when ctx ends is NotSent: nothing reached it.
func SetPasswords(ctx context.Context, env Env, targets []Target, req PasswordRequest, bulk Bulk, progress func(Progress)) []PasswordResult {
	results := make([]PasswordResult, len(targets))
	done := func(i int) {
		if bulk.Done != nil {
			bulk.Done(i, results[i])
		}
	}
	Each(ctx, len(targets), bulk.Parallel, func(ctx context.Context, i int) {
		results[i] = SetPassword(ctx, env, targets[i], req, progress)
		done(i)
	}, func(i int) {
		results[i] = PasswordResult{Target: targets[i], Outcome: NotSent, Err: ctx.Err()}
		done(i)
	})
	return results
}
