package main

import (
	"context"

	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
)

var setPasswordCommand = &command{
	name:    "set-password",
	args:    "HOST[:PORT] --user NAME [options]",
	summary: "Create the first administrator account of a new or reset camera.",
	help: `The password is typed twice when asked, without being shown; in a script,
send it as the first line of standard input. Use 1 to 64 characters from the
keyboard's letters, digits, spaces and punctuation; 8 or more is recommended.

The new password is tried by logging in with it before success is reported.`,
	flags: func() *flagSet { return newFlagSet("set-password", new(options), newUserUsage) },
	run:   runSetPassword,
}

const newUserUsage = "Create the account `NAME`: 1 to 14 letters and digits. Cameras with software " +
	"older than 11.5 only accept \"root\"; on those the account is created as root, and this command says so."

type setPasswordResult struct {
	OK             bool       `json:"ok"`
	Camera         jsonCamera `json:"camera"`
	User           string     `json:"user"`
	FellBackToRoot bool       `json:"fell_back_to_root"`
	Verified       bool       `json:"verified"`
	Weak           bool       `json:"weak_password"`
}

func runSetPassword(ctx context.Context, c *cli, args []string) error {
	var o options
	fs := newFlagSet("set-password", &o, newUserUsage)
	target, err := c.parseTarget(fs, &o, args)
	if err != nil {
		return err
	}
	if err := requireUser(&o); err != nil {
		return err
	}
	s, err := c.open(target, &o, true)
	if err != nil {
		return err
	}
	defer s.close()

	return setPassword(ctx, s)
}

func setPassword(ctx context.Context, s *session) error {
	user := s.opts.user
	weak := false
	res := workflow.SetPassword(ctx, s.env, s.target, workflow.PasswordRequest{
		User: user,
		Password: func(ctx context.Context, cam *workflow.Camera) (string, error) {
			s.showCamera(cam)
			pw, err := s.password(ctx, user, true)
			if err != nil {
				return "", err
			}
			if err := vapix.ValidatePassword(pw); err != nil {
				return "", &badInput{err: err}
			}
			if weak = vapix.PasswordIsWeak(pw); weak {
				s.progress("Warning: a password shorter than %d characters is easy to guess. It will be used, but consider a longer one.", vapix.RecommendedPasswordLen)
			}
			return pw, nil
		},
	}, s.reportProgress())
	if res.Err != nil {
		return res.Err
	}
	acct, id := res.Account, res.Identity
	s.say("%s now has an administrator account %q with the new password.", s.name(id), acct.User)
	if acct.Verified {
		s.say("Logging in with it worked.")
	}
	if acct.FellBackToRoot {
		firmware := id.Firmware
		if firmware == "" {
			firmware = "older than 11.5"
		}
		s.say("Note: this camera's software (%s) only accepts the name \"root\" for its first account, so the account is called \"root\", not %q. Log in as root with the password you chose.", firmware, user)
	}
	s.emit(setPasswordResult{OK: true, Camera: s.jsonCamera(id), User: acct.User, FellBackToRoot: acct.FellBackToRoot, Verified: acct.Verified, Weak: weak})
	return nil
}

// requireUser checks --user for the commands that log in or create an account.
func requireUser(o *options) error {
	if o.user == "" {
		return usageErrorf("say which administrator account to use with --user NAME (for example --user root)")
	}
	if err := vapix.ValidateUserName(o.user); err != nil {
		return &badInput{err: err}
	}
	return nil
}
