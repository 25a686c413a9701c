// Package buildinfo says which version of OpenIPU a program is, for
// --version, About and anything that records what did the work.
package buildinfo

import "runtime/debug"

// version is stamped at build time by the Makefile from git and
// FyneApp.toml (.ci/version):
//
//	go build -ldflags "-X github.com/openipu/openipu/core/buildinfo.version=0.1.0" ...
//
// A plain `go build` or `go run` leaves it empty, and the version then comes
// from what Go itself recorded in the binary.
var version string

// Version is this build's version: the one stamped at build time; else the
// module version Go recorded (a release tag when built as a dependency);
// else the commit it was built from, marked "(modified)" when the work tree
// had changes; "" when none of these is known (a development build).
func Version() string {
	if version != "" {
		return version
	}
	info, _ := debug.ReadBuildInfo()
	return FromBuildInfo(info)
}

// Text is Version for a program to print: "devel" when the build does not
// know its version.
func Text() string {
	if v := Version(); v != "" {
		return v
	}
	return "devel"
}

// FromBuildInfo is Version's answer for a binary that was not stamped.
func FromBuildInfo(info *debug.BuildInfo) string {
	if info == nil {
		return ""
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
		return ""
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
