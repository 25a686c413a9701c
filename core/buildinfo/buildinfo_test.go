package buildinfo

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestWithoutAStampTheVersionIsTheModuleVersionThenTheRevisionThenUnknown(t *testing.T) {
	rev := []debug.BuildSetting{{Key: "vcs.revision", Value: "7302ef3a9c41d2b8e5f60718293a4b5c6d7e8f90"}}
	dirty := append(rev, debug.BuildSetting{Key: "vcs.modified", Value: "true"})
	clean := append(rev, debug.BuildSetting{Key: "vcs.modified", Value: "false"})
	for _, tc := range []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"release", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}, Settings: dirty}, "v1.2.0"},
		{"clean checkout", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: clean}, "7302ef3a9c41"},
		{"changed checkout", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: dirty}, "7302ef3a9c41 (modified)"},
		{"no version control", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, ""},
		{"no build information", nil, ""},
	} {
		if got := FromBuildInfo(tc.info); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// The Makefile's -X flag is what puts the version from git into every
// program; a renamed variable or package would leave them all unstamped
// without a build error, which only building a program with the flag shows.
func TestTheLinkerFlagTheMakefileUsesStampsTheVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build with")
	}
	dir := t.TempDir()
	main := "package main\n\nimport (\n\t\"fmt\"\n\n\t\"github.com/openipu/openipu/core/buildinfo\"\n)\n\nfunc main() { fmt.Print(buildinfo.Version()) }\n"
	src := filepath.Join(dir, "stamped")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "main.go"), []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	// The program lives outside the module, so it is built as a file list
	// from the module's root, where the import resolves.
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(dir, "stamped.exe")
	build := exec.Command(gobin, "build", "-o", exe,
		"-ldflags", "-X github.com/openipu/openipu/core/buildinfo.version=9.8.7-dev.5+gabc",
		filepath.Join(src, "main.go"))
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(exe).Output()
	if err != nil {
		t.Fatalf("running the stamped program: %v", err)
	}
	if got := strings.TrimSpace(string(out)); got != "9.8.7-dev.5+gabc" {
		t.Errorf("the stamped program says %q, want 9.8.7-dev.5+gabc", got)
	}
}
