package main

import (
	"context"
	"fmt"
	"runtime/debug"
)

var versionCommand = &command{
	name:    "version",
	summary: "Show which version of openipu-cli this is; --version does the same.",
	help: `The version is the module's release version when the program was built from
one, otherwise the revision it was built from, marked "(modified)" when the
source had changes that were not committed, or "devel" when neither is known.`,
	flags: func() *flagSet { return newCommandFlags("version") },
	run:   runVersion,
}

func isVersionFlag(s string) bool { return s == "-version" || s == "--version" }

func runVersion(_ context.Context, c *cli, args []string) error {
	pos, err := parseArgs(newCommandFlags("version"), args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		// Not repeated back: a word typed here may be a password.
		return usageErrorf("version takes no arguments")
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		info = nil
	}
	fmt.Fprintf(c.stdout, "openipu-cli %s\n", versionOf(info))
	return nil
}

// versionOf is the version a build says it is: the main module's version
// when it has one, otherwise the commit it was built from (marked when the
// work tree had changes), otherwise "devel".
func versionOf(info *debug.BuildInfo) string {
	if info == nil {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var revision string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if revision == "" {
		return "devel"
	}
	// As long as Go's own short form of a revision, in pseudo-versions.
	if len(revision) > 12 {
		revision = revision[:12]
	}
	if modified {
		revision += " (modified)"
	}
	return revision
}
