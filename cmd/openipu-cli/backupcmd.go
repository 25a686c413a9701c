package main

import (
	"context"
	"path/filepath"

	"github.com/openipu/openipu/core/workflow"
)

var backupCommand = &command{
	name:    "backup",
	args:    "HOST[:PORT] --user NAME [-o FILE] [options]",
	summary: "Save all of the camera's settings to a file.",
	help: `The file holds the camera's own list of settings exactly as it sent it. It may
contain secrets such as Wi-Fi keys or SNMP communities, so it is readable only
by you; keep it somewhere private.`,
	flags: func() *flagSet { return new(backupFlags).flagSet() },
	run:   runBackup,
}

type backupFlags struct {
	options
	dest string
}

func (f *backupFlags) flagSet() *flagSet {
	fs := newFlagSet("backup", &f.options, logInUsage)
	fs.StringVar(&f.dest, "o", "", "Where to save: a `FILE`, or a folder. An existing file is never replaced. "+
		"By default the file goes to the \"backups\" folder next to the journal, named "+
		"openipu-backup-<MAC>-<date>-<time>.txt.")
	fs.StringVar(&f.dest, "output", "", "The same as -o `FILE`.")
	return fs
}

type backupResult struct {
	OK     bool       `json:"ok"`
	Camera jsonCamera `json:"camera"`
	File   string     `json:"file"`
}

func runBackup(ctx context.Context, c *cli, args []string) error {
	var f backupFlags
	target, err := c.parseTarget(f.flagSet(), &f.options, args)
	if err != nil {
		return err
	}
	dest := f.dest
	if err := requireUser(&f.options); err != nil {
		return err
	}
	if dest == "" && c.backupDir != "" {
		dest = c.backupDir + string(filepath.Separator)
	}
	s, err := c.open(target, &f.options, true)
	if err != nil {
		return err
	}
	defer s.close()

	r, err := workflow.Backup(ctx, s.env, s.target, s.login(), dest, s.reportProgress())
	if err != nil {
		return err
	}
	s.say("The settings of %s are saved in %s", s.name(r.Identity), r.Path)
	s.emit(backupResult{OK: true, Camera: s.jsonCamera(r.Identity), File: r.Path})
	return nil
}
