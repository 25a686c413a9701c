package main

import (
	"flag"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHelpForAnUnknownTopicExitsTwoAndListsTheCommands(t *testing.T) {
	h := newHarness(t)
	for _, args := range [][]string{{"help", "nosuch"}, {"help", "info", "extra"}} {
		r := h.run(args...)
		if r.code != exitUsage || r.stdout != "" {
			t.Errorf("%v: exit %d, stdout %q; want exit %d and nothing on stdout", args, r.code, r.stdout, exitUsage)
		}
		for _, c := range commands {
			if !strings.Contains(r.stderr, "openipu-cli "+c.name) {
				t.Errorf("%v: stderr does not list %s:\n%s", args, c.name, r.stderr)
			}
		}
	}
	if r := h.run("help", "nosuch"); !strings.Contains(r.stderr, "unknown help topic") {
		t.Errorf("stderr does not say the topic is unknown:\n%s", r.stderr)
	}
}

func TestGeneralHelpListsEveryCommandOfTheTableWithItsUsageLine(t *testing.T) {
	h := newHarness(t)
	general := h.run("help")
	bare := h.run()
	for _, c := range commands {
		// The usage line and the command's own help begin the same way.
		line := "  openipu-cli " + c.name + "\n"
		if args := strings.Fields(c.args); len(args) > 0 {
			line = "  openipu-cli " + c.name + " " + args[0]
		}
		if !strings.Contains(general.stdout, line) {
			t.Errorf("help does not list %q", line)
		}
		if !strings.Contains(bare.stderr, line) {
			t.Errorf("openipu-cli without a command does not list %q", line)
		}
		if !strings.Contains(general.stdout, c.summary[:strings.IndexByte(c.summary, ' ')]) {
			t.Errorf("help does not say what %s does", c.name)
		}
		r := h.run("help", c.name)
		if r.code != exitOK || !strings.HasPrefix(r.stdout, "Usage: openipu-cli "+c.name) {
			t.Errorf("help %s: exit %d, stdout:\n%s", c.name, r.code, r.stdout)
		}
	}
	for _, c := range []string{"assign-ip-by-mac", "help"} {
		if !strings.Contains(general.stdout, "  openipu-cli "+c+" ") {
			t.Errorf("help leaves out %s", c)
		}
	}
}

func TestNoHelpLineIsWiderThan80Columns(t *testing.T) {
	h := newHarness(t)
	runs := map[string]string{
		"help":                  h.run("help").stdout,
		"(no command)":          h.run().stderr,
		"help nosuch":           h.run("help", "nosuch").stderr,
		"(an unknown command)":  h.run("nosuch").stderr,
		"(an unknown --option)": h.run("info", "--nosuch", "10.0.0.1").stderr,
	}
	for _, c := range commands {
		runs["help "+c.name] = h.run("help", c.name).stdout
		if c.flags != nil {
			runs[c.name+" -h"] = h.run(c.name, "-h").stdout
		}
	}
	for what, out := range runs {
		if out == "" {
			t.Errorf("%s printed nothing", what)
		}
		for _, line := range strings.Split(out, "\n") {
			if n := utf8.RuneCountInString(line); n > 80 {
				t.Errorf("%s: a line of %d columns:\n%s", what, n, line)
			}
		}
	}
}

// flagEntries reads a help text's option lists: each flag's entry, its
// continuation lines joined to it.
func flagEntries(help string) map[string][]string {
	entry := regexp.MustCompile(`^  --?([a-z][a-z-]*)(?: |$)`)
	entries := map[string][]string{}
	var name string
	for _, line := range strings.Split(help, "\n") {
		switch m := entry.FindStringSubmatch(line); {
		case m != nil:
			name = m[1]
			entries[name] = append(entries[name], line)
		case name != "" && strings.HasPrefix(line, "    "):
			n := len(entries[name]) - 1
			entries[name][n] += " " + strings.TrimSpace(line)
		default:
			name = ""
		}
	}
	for _, es := range entries {
		for i, e := range es {
			es[i] = strings.Join(strings.Fields(e), " ")
		}
	}
	return entries
}

func TestEachFlagIsListedOnceInItsCommandsHelpWithItsDefault(t *testing.T) {
	h := newHarness(t)
	for _, c := range commands {
		if c.flags == nil {
			continue
		}
		entries := flagEntries(h.run("help", c.name).stdout)
		fs := c.flags()
		fs.VisitAll(func(f *flag.Flag) {
			es := entries[f.Name]
			if len(es) != 1 {
				t.Errorf("help %s lists --%s %d times: %q", c.name, f.Name, len(es), es)
				return
			}
			def := defaultText(f)
			if def != "" && !strings.Contains(es[0], "(default "+def+")") {
				t.Errorf("help %s: --%s does not give its default %s: %q", c.name, f.Name, def, es[0])
			}
			if def == "" && strings.Contains(es[0], "(default") {
				t.Errorf("help %s: --%s has no default but shows one: %q", c.name, f.Name, es[0])
			}
		})
		for name := range entries {
			if fs.Lookup(name) == nil {
				t.Errorf("help %s lists --%s, which the command does not take", c.name, name)
			}
		}
	}
}

func TestDiscoverHelpGivesTheDefaultsDiscoverUses(t *testing.T) {
	h := newHarness(t)
	entries := flagEntries(h.run("help", "discover").stdout)
	// Searching ends after 3s unless told otherwise; the engine checks
	// cameras again every 10s when given no pace.
	for name, def := range map[string]string{"timeout": "3s", "liveness": "10s"} {
		if es := entries[name]; len(es) != 1 || !strings.Contains(es[0], "(default "+def+")") {
			t.Errorf("--%s: want one entry with default %s, got %q", name, def, es)
		}
	}
	var f discoverFlags
	if _, err := parseArgs(f.flagSet(), nil); err != nil || f.timeout != searchTime || f.liveness != defaultLiveness {
		t.Errorf("without flags discover searches %v and rechecks every %v (err %v)", f.timeout, f.liveness, err)
	}
}

func TestUsageLinesNameOnlyFlagsTheCommandTakes(t *testing.T) {
	flagWord := regexp.MustCompile(`(?:^|[\s\[(|])(--?[a-z][a-z-]*)`)
	for _, c := range commands {
		var fs *flagSet
		if c.flags != nil {
			fs = c.flags()
		}
		for _, m := range flagWord.FindAllStringSubmatch(c.args, -1) {
			name := strings.TrimLeft(m[1], "-")
			if fs == nil || fs.Lookup(name) == nil {
				t.Errorf("the usage line of %s names %s, which it does not take", c.name, m[1])
			}
		}
	}
}
