package main

import (
	"context"
	"path/filepath"

	"github.com/openipu/openipu/core/workflow"
)

var backupCommand = &command{
	name:    "backup",
	args:    "HOST[:PORT] --user NAME [-o FILE]",
	summary: "Save all of the camera's settings to a file.",
	help: `--user NAME   An administrator account on the camera; its password is asked for.
-o FILE       Where to save (a file, or a folder). An existing file is never
              replaced. By default the file goes to the "backups" folder next
              to the journal, named openipu-backup-<MAC>-<date>-<time>.txt.

The file holds the camera's own list of settings exactly as it sent it. It may
contain secrets such as Wi-Fi keys or SNMP communities, so it is readable only
by you; keep it somewhere private.`,
	run: runBackup,
}

type backupResult struct {
	OK     bool       `json:"ok"`
	Camera jsonCamera `json:"camera"`
	File   string     `json:"file"`
}

func runBackup(ctx context.Context, c *cli, args []string) error {
	var o options
	var dest string
	fs := newFlagSet("backup", &o, true)
	fs.StringVar(&dest, "o", "", "")
	fs.StringVar(&dest, "output", "", "")
	target, err := c.parseTarget(fs, &o, args)
	if err != nil {
		return err
	}
	if err := requireUser(&o); err != nil {
		return err
	}
	if dest == "" && c.backupDir != "" {
		dest = c.backupDir + string(filepath.Separator)
	}
	s, err := c.open(target, &o, true)
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
