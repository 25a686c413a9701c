package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/openipu/openipu/core/durable"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
)

var snapshotCommand = &command{
	name:    "snapshot",
	args:    "HOST[:PORT] --user NAME {-o FILE | --session NAME} [--force] [options]",
	summary: "Save a picture from the camera as a JPEG file.",
	help: `The picture is checked to be a JPEG before it is saved; the file appears
whole or not at all. "-o -" writes it to standard output instead. With
--session the picture, made small, is also kept with the handover for its
report, and the camera's snapshot step is ticked; -o is then optional.`,
	flags: func() *flagSet { return new(snapshotFlags).flagSet() },
	run:   runSnapshot,
}

type snapshotFlags struct {
	options
	dest  string
	force bool
}

func (f *snapshotFlags) flagSet() *flagSet {
	fs := newFlagSet("snapshot", &f.options, logInUsage)
	fs.StringVar(&f.dest, "o", "", "Save the picture in `FILE` (\"-\" for standard output).")
	fs.StringVar(&f.dest, "output", "", "The same as -o `FILE`.")
	fs.BoolVar(&f.force, "force", false, "Replace FILE if it exists.")
	return fs
}

type snapshotResult struct {
	OK     bool       `json:"ok"`
	Camera jsonCamera `json:"camera"`
	File   string     `json:"file"`
	Bytes  int        `json:"bytes"`
}

func runSnapshot(ctx context.Context, c *cli, args []string) error {
	var f snapshotFlags
	target, err := c.parseTarget(f.flagSet(), &f.options, args)
	if err != nil {
		return err
	}
	if err := requireUser(&f.options); err != nil {
		return err
	}
	toStdout := f.dest == "-"
	switch {
	case f.dest == "" && f.session == "":
		return usageErrorf("say where to save the picture with -o FILE (or -o - for standard output), or give --session NAME to keep it with a handover")
	case f.dest == "":
	case toStdout && c.json:
		return usageErrorf("-o - and --json both want standard output; give a file with -o")
	case !toStdout && !f.force:
		if _, err := os.Lstat(f.dest); err == nil {
			return usageErrorf("%s exists; add --force to replace it", f.dest)
		}
	}
	if !toStdout {
		if info, err := os.Stat(filepath.Dir(f.dest)); err != nil || !info.IsDir() {
			return usageErrorf("the folder of %s does not exist", f.dest)
		}
	}
	s, err := c.open(target, &f.options, true)
	if err != nil {
		return err
	}
	defer s.close()

	var id vapix.Identity
	var mac string
	login := s.login()
	seen := func(ctx context.Context, cam *workflow.Camera) (workflow.Credentials, error) {
		id, mac = cam.ID, cam.MAC()
		return login(ctx, cam)
	}
	pic, err := workflow.TakeSnapshot(ctx, s.env, s.target, seen, s.reportProgress())
	if err != nil {
		return err
	}
	if s.live != nil {
		if err := s.live.AttachSnapshot(mac, pic); err != nil {
			return err
		}
		s.progress("The picture is kept with the handover %q.", s.live.Session().Site)
		if f.dest == "" {
			s.emit(snapshotResult{OK: true, Camera: s.jsonCamera(id), Bytes: len(pic)})
			return nil
		}
	}
	if toStdout {
		if _, err := c.stdout.Write(pic); err != nil {
			return fmt.Errorf("writing the picture to standard output: %w", err)
		}
		c.progress("The picture from %s went to standard output (%d bytes).", s.name(id), len(pic))
		return nil
	}
	if err := writeWhole(f.dest, pic, f.force); err != nil {
		return err
	}
	s.say("The picture from %s is saved in %s", s.name(id), f.dest)
	s.emit(snapshotResult{OK: true, Camera: s.jsonCamera(id), File: f.dest, Bytes: len(pic)})
	return nil
}

// writeWhole writes data to path so that the file appears whole or not at
// all: into a temporary file next to it, then under its name, which
// replaces an existing file only when replace says so.
func writeWhole(path string, data []byte, replace bool) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".openipu-snapshot-*.tmp")
	if err != nil {
		return fmt.Errorf("saving the picture in %s: %w", dir, err)
	}
	name := tmp.Name()
	defer os.Remove(name)
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("saving the picture in %s: %w", dir, err)
	}
	if replace {
		err = os.Rename(name, path)
	} else {
		// A link fails if the name was taken meanwhile, where a rename
		// would replace the file.
		err = os.Link(name, path)
	}
	switch {
	case errors.Is(err, fs.ErrExist):
		return usageErrorf("%s exists; add --force to replace it", path)
	case err != nil:
		return fmt.Errorf("saving the picture as %s: %w", path, err)
	}
	_ = durable.SyncDir(dir)
	return nil
}
