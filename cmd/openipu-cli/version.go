package main

import (
	"context"
	"fmt"

	"github.com/openipu/openipu/core/buildinfo"
)

var versionCommand = &command{
	name:    "version",
	summary: "Show which version of openipu-cli this is; --version does the same.",
	help: `The version is the one stamped by the build from git (0.1.0 for a release,
0.1.0-dev.N+gCOMMIT between releases); for a plain "go build" it is the
revision it was built from, marked "(modified)" when the source had changes
that were not committed, or "devel" when neither is known.`,
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
	fmt.Fprintf(c.stdout, "openipu-cli %s\n", buildinfo.Text())
	return nil
}
