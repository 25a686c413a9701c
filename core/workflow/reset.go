package workflow

import (
	"context"
	"fmt"
	"time"

	"github.com/openipu/openipu/core/backup"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
)

// RebootWait is how long a workflow waits for a camera to come back by
// default: most are back within a minute, large PTZ and multi-sensor
// models take longer.
const RebootWait = 3 * time.Minute

// Login is how a workflow gets an administrator's credentials: asked for
// once the camera is identified and, over plain HTTP, once
// Env.ConfirmPlainHTTP agreed (the command line prompts then; the window
// hands over what was typed). cam tells which camera answered (model, MAC),
// for the user to see before typing. An error from it is returned as it is
// and not recorded: nothing was sent.
type Login func(ctx context.Context, cam *Camera) (Credentials, error)

// As is a Login for credentials already typed.
func As(cr Credentials) Login {
	return func(context.Context, *Camera) (Credentials, error) { return cr, nil }
}

// FactoryDefaultRequest says how to reset.
type FactoryDefaultRequest struct {
	Mode vapix.ResetMode
	// Backup is where the settings are saved first: a file, or a folder
	// (ending in a separator, or existing). SkipBackup resets without one.
	Backup     string
	SkipBackup bool
	// Wait is how long to wait for the camera to come back; 0 does not
	// wait.
	Wait time.Duration
}

// FactoryDefaultResult is what a factory default did.
type FactoryDefaultResult struct {
	Identity vapix.Identity
	// User is the administrator who logged in.
	User string
	// BackupPath is the saved settings ("" without a backup).
	BackupPath string
	// Accepted: the camera took the reset; it finishes by itself even if
	// the wait then fails.
	Accepted bool
	// Back: the camera answered again with factory settings.
	Back bool
}

// FactoryDefault logs in, saves the settings (nothing is sent when that
// fails), resets the camera and waits for it to come back. After a hard
// reset the camera may come back elsewhere; the wait then ends with
// vapix.RebootTimeout while Accepted is true.
func FactoryDefault(ctx context.Context, env Env, t Target, login Login, req FactoryDefaultRequest, progress func(Progress)) (FactoryDefaultResult, error) {
	const action = journal.FactoryDefault
	var res FactoryDefaultResult
	detail := string(req.Mode)
	if req.Mode != vapix.Soft && req.Mode != vapix.Hard {
		return res, &vapix.Error{Kind: vapix.InvalidSettings, Op: "reset the camera to factory settings", Host: t.Address(), Detail: "unknown reset mode " + detail}
	}
	cam, cr, err := openAndLogIn(ctx, env, t, login, action, detail, progress)
	res.Identity, res.User = cam.ID, cr.User
	if err != nil {
		return res, err
	}
	defer cam.Close()

	if !req.SkipBackup {
		report(progress, Progress{Step: StepSavingBackup, Action: action, Target: t})
		path, berr := cam.saveBackup(ctx, req.Backup)
		if path == "" {
			path = req.Backup
		}
		cam.record(ctx, journal.Backup, cr.User, path, berr)
		if berr != nil {
			err := &Error{Kind: BackupFailed, Host: t.Address(), Err: berr}
			cam.record(ctx, action, cr.User, fmt.Sprintf(detailBackupFailed, detail), berr)
			return res, err
		}
		res.BackupPath = path
		report(progress, Progress{Step: StepBackupSaved, Action: action, Target: t, Path: path})
	}

	before := cam.readyBefore(ctx)
	report(progress, Progress{Step: StepSending, Action: action, Target: t})
	err = cam.client.FactoryDefault(ctx, req.Mode)
	cam.record(ctx, action, cr.User, detail, err)
	if err != nil {
		return res, err
	}
	res.Accepted = true
	if req.Wait <= 0 {
		return res, nil
	}
	// The camera makes a new HTTPS certificate as it resets; from here on
	// only anonymous status questions are asked, of a client that accepts
	// it, once the camera says over it that it has factory settings, and
	// pins it under the camera's MAC for what follows. This reset, sent
	// here and watched, is what makes a new certificate expected.
	waiter, werr := connect(ctx, env, cam.reached(), ConnectOptions{AcceptNewCertificate: true})
	if werr != nil {
		waiter = cam.client
	} else {
		defer waiter.Close()
	}
	if err := waitBack(ctx, waiter, before, req.Wait, action, t, progress); err != nil {
		return res, err
	}
	res.Back = true
	return res, nil
}

// RestartResult is what a restart did.
type RestartResult struct {
	Identity vapix.Identity
	User     string
	Accepted bool
	Back     bool
}

// Restart logs in, asks the camera to restart and waits up to wait for it
// to come back (0: does not wait). Its settings are kept.
func Restart(ctx context.Context, env Env, t Target, login Login, wait time.Duration, progress func(Progress)) (RestartResult, error) {
	const action = journal.Restart
	var res RestartResult
	cam, cr, err := openAndLogIn(ctx, env, t, login, action, "", progress)
	res.Identity, res.User = cam.ID, cr.User
	if err != nil {
		return res, err
	}
	defer cam.Close()
	before := cam.readyBefore(ctx)
	report(progress, Progress{Step: StepSending, Action: action, Target: t})
	err = cam.client.Restart(ctx)
	cam.record(ctx, action, cr.User, "", err)
	if err != nil {
		return res, err
	}
	res.Accepted = true
	if wait <= 0 {
		return res, nil
	}
	if err := waitBack(ctx, cam.client, before, wait, action, t, progress); err != nil {
		return res, err
	}
	res.Back = true
	return res, nil
}

// BackupResult is what a backup did.
type BackupResult struct {
	Identity vapix.Identity
	User     string
	Path     string
}

// Backup logs in and saves the camera's settings to dest (a file, or a
// folder).
func Backup(ctx context.Context, env Env, t Target, login Login, dest string, progress func(Progress)) (BackupResult, error) {
	const action = journal.Backup
	var res BackupResult
	cam, cr, err := openAndLogIn(ctx, env, t, login, action, dest, progress)
	res.Identity, res.User = cam.ID, cr.User
	if err != nil {
		return res, err
	}
	defer cam.Close()
	report(progress, Progress{Step: StepSavingBackup, Action: action, Target: t})
	path, err := cam.saveBackup(ctx, dest)
	if path == "" {
		path = dest
	}
	cam.record(ctx, action, cr.User, path, err)
	if err != nil {
		return res, err
	}
	res.Path = path
	return res, nil
}

// openAndLogIn opens the camera, asks for credentials and proves them.
// Failures after the camera was reached are recorded as the action's; on
// failure the camera is closed already (its identity is still there for
// the caller's result).
func openAndLogIn(ctx context.Context, env Env, t Target, login Login, action journal.Action, detail string, progress func(Progress)) (*Camera, Credentials, error) {
	cam, cr, err := logInTo(ctx, env, t, login, action, detail, progress)
	if err != nil {
		cam.Close()
	}
	return cam, cr, err
}

func logInTo(ctx context.Context, env Env, t Target, login Login, action journal.Action, detail string, progress func(Progress)) (*Camera, Credentials, error) {
	report(progress, Progress{Step: StepIdentifying, Action: action, Target: t})
	cam, err := open(ctx, env, t, ConnectOptions{}, progress)
	if err != nil {
		cam.record(ctx, action, "", detail, err)
		return cam, Credentials{}, err
	}
	if cam.NeedsSetup() {
		err := &vapix.Error{Kind: vapix.NeedsSetup, Op: "log in", Host: t.Address()}
		cam.record(ctx, action, "", detail, err)
		return cam, Credentials{}, err
	}
	if err := cam.confirmUnencrypted(ctx, action, progress); err != nil {
		// Nothing was sent: not recorded, like a login not given.
		return cam, Credentials{}, err
	}
	cr, err := login(ctx, cam)
	if err != nil {
		return cam, Credentials{}, err
	}
	report(progress, Progress{Step: StepLoggingIn, Action: action, Target: t})
	if err := cam.logIn(ctx, cr); err != nil {
		if vapix.KindOf(err) != vapix.InvalidUserName {
			cam.record(ctx, action, cr.User, detail, err)
		}
		return cam, cr, err
	}
	return cam, cr, nil
}

// readyBefore is the camera's state just before a reset or restart, so its
// return can be recognised (new boot id, lower uptime); the answer from
// Identify serves when the question fails.
func (c *Camera) readyBefore(ctx context.Context) vapix.SystemReady {
	if sr, err := c.client.SystemReady(ctx); err == nil {
		return sr
	}
	return c.ID.Ready2
}

func (c *Camera) saveBackup(ctx context.Context, dest string) (string, error) {
	id := backup.Identity{MAC: c.MAC(), Serial: c.ID.Serial, Model: c.Model(), Firmware: c.Firmware(), Host: c.target.Address()}
	return backup.Save(ctx, c.client, id, dest)
}

func waitBack(ctx context.Context, client Client, before vapix.SystemReady, wait time.Duration, action journal.Action, t Target, progress func(Progress)) error {
	_, err := client.WaitForReboot(ctx, before, wait, func(p vapix.RebootProgress) {
		report(progress, Progress{Step: StepRebooting, Action: action, Target: t, Reboot: p, Elapsed: p.Elapsed})
	})
	return err
}
