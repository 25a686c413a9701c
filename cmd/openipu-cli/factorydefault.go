package main

import (
	"context"
	"path/filepath"
	"strings"
	"time"

	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
)

var factoryDefaultCommand = &command{
	name:    "factory-default",
	args:    "HOST[:PORT] --mode soft|hard --user NAME --yes [--backup FILE | --no-backup] [--no-wait] [options]",
	summary: "Back up the camera's settings, then reset it to factory settings.",
	help: `If the settings cannot be saved, the camera is not reset. After the reset the
camera has no password: set one with the set-password command.`,
	flags: func() *flagSet { return new(factoryDefaultFlags).flagSet() },
	run:   runFactoryDefault,
}

type factoryDefaultFlags struct {
	options
	mode                  string
	yes, noBackup, noWait bool
	backupDest            string
	waitTimeout           time.Duration
}

func (f *factoryDefaultFlags) flagSet() *flagSet {
	fs := newFlagSet("factory-default", &f.options, logInUsage)
	fs.StringVar(&f.mode, "mode", "", "How much to erase (`soft|hard`): soft erases every setting except the "+
		"network settings, so the camera keeps its IP address; hard erases everything, including the IP "+
		"address, so the camera may come back at a different address.")
	fs.BoolVar(&f.yes, "yes", false, "Required: confirms that the settings may be erased.")
	fs.StringVar(&f.backupDest, "backup", "", "Where to save the settings before the reset: a `FILE`, or a "+
		"folder. By default they go to the \"backups\" folder next to the journal.")
	fs.BoolVar(&f.noBackup, "no-backup", false, "Reset without saving the settings first.")
	fs.BoolVar(&f.noWait, "no-wait", false, noWaitUsage)
	fs.DurationVar(&f.waitTimeout, "wait-timeout", defaultWaitTimeout, waitUsage)
	return fs
}

type factoryDefaultResult struct {
	OK            bool       `json:"ok"`
	Camera        jsonCamera `json:"camera"`
	Mode          string     `json:"mode"`
	Backup        string     `json:"backup,omitempty"`
	Waited        bool       `json:"waited"`
	NeedsPassword bool       `json:"needs_password"`
}

func runFactoryDefault(ctx context.Context, c *cli, args []string) error {
	var f factoryDefaultFlags
	target, err := c.parseTarget(f.flagSet(), &f.options, args)
	if err != nil {
		return err
	}
	mode, yes, noBackup, backupDest, waitTimeout := f.mode, f.yes, f.noBackup, f.backupDest, f.waitTimeout
	m := vapix.ResetMode(mode)
	switch m {
	case vapix.Soft, vapix.Hard:
	case "":
		return usageErrorf("choose --mode soft (erases every setting except the network settings, so the camera keeps its IP address) or --mode hard (erases everything, including the IP address)")
	default:
		return usageErrorf("--mode must be soft or hard")
	}
	if !yes {
		if m == vapix.Hard {
			return usageErrorf("a hard factory reset erases everything on the camera, including its IP address, its accounts and its passwords, so it may come back at a different address. Add --yes to go ahead")
		}
		return usageErrorf("a soft factory reset erases every setting on the camera, including its accounts and passwords; only the network settings (its IP address) are kept. Add --yes to go ahead")
	}
	if noBackup && backupDest != "" {
		return usageErrorf("--backup and --no-backup contradict each other")
	}
	if err := requireUser(&f.options); err != nil {
		return err
	}
	if waitTimeout <= 0 {
		return usageErrorf("--wait-timeout must be a positive duration such as 3m")
	}
	if backupDest == "" && c.backupDir != "" {
		backupDest = c.backupDir + string(filepath.Separator)
	}

	s, err := c.open(target, &f.options, true)
	if err != nil {
		return err
	}
	defer s.close()
	if f.noWait {
		waitTimeout = 0
	}
	return factoryDefault(ctx, s, m, backupDest, noBackup, waitTimeout)
}

// factoryDefault runs the reset; a zero wait means --no-wait.
func factoryDefault(ctx context.Context, s *session, mode vapix.ResetMode, backupDest string, noBackup bool, wait time.Duration) error {
	req := workflow.FactoryDefaultRequest{Mode: mode, Backup: backupDest, SkipBackup: noBackup, Wait: wait}
	r, err := workflow.FactoryDefault(ctx, s.env, s.target, s.login(), req, s.reportProgress())
	switch {
	case workflow.KindOf(err) == workflow.BackupFailed:
		return &withNote{err: err, note: "To reset without saving the settings, use --no-backup instead."}
	case err != nil && r.Accepted:
		return &withNote{err: err, note: "The camera had already accepted the reset; it finishes by itself."}
	case err != nil:
		return err
	}
	if r.BackupPath != "" {
		s.say("Settings saved to %s", r.BackupPath)
	}
	s.say("%s accepted the %s factory reset.", s.name(r.Identity), mode)
	if r.Back {
		s.say("The camera is back with factory settings, at the same address.")
	} else {
		s.say("It is restarting now, which usually takes about a minute.")
		if mode == vapix.Hard {
			s.say("After a hard reset it may come back at a different address: from the network's DHCP server, or 192.168.0.90, or 169.254.x.x when there is no DHCP server. If it does not answer at %s, find it with the OpenIPU app.", s.host())
		}
	}
	if !r.Back && strings.HasPrefix(r.Identity.HTTPURL, "https://") {
		// Not watched back: its new certificate is expected, but only the
		// user can say so, next time.
		s.say("It has no password now. Set one with: openipu-cli set-password %s --user NAME --accept-new-certificate (it makes a new secure certificate as it resets)", s.again())
	} else {
		s.say("It has no password now. Set one with: openipu-cli set-password %s --user NAME", s.again())
	}
	s.emit(factoryDefaultResult{OK: true, Camera: s.jsonCamera(r.Identity), Mode: string(mode), Backup: r.BackupPath, Waited: r.Back, NeedsPassword: true})
	return nil
}
