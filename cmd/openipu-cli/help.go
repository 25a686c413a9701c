package main

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// helpWidth is the narrowest common terminal: no help line is longer.
const helpWidth = 80

var helpCommand = &command{
	name:    "help",
	args:    "[COMMAND]",
	summary: "Show this help, or the details and options of one command.",
	help:    `"openipu-cli COMMAND -h" shows the same details as "openipu-cli help COMMAND".`,
	run:     runHelp,
}

func isHelpFlag(s string) bool { return s == "-h" || s == "-help" || s == "--help" }

func runHelp(_ context.Context, c *cli, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(c.stdout, usageText())
		return nil
	}
	topic := args[0]
	if isHelpFlag(topic) {
		topic = "help"
	}
	cmd := lookup(topic)
	switch {
	case len(args) > 1:
		fmt.Fprintf(c.stderr, "openipu-cli help: give one command name.\n\n%s", commandList())
	case cmd == nil:
		fmt.Fprintf(c.stderr, "openipu-cli: unknown help topic %q.\n\n%s", topic, commandList())
	default:
		fmt.Fprint(c.stdout, cmd.usage())
		return nil
	}
	return errExplained
}

const intro = `openipu-cli sets up Axis network cameras: it finds them, shows what a camera
is, sets its first password, backs up its settings, resets it to factory
settings, restarts it and sets its IP address, or gives one that this computer
cannot reach an address by its MAC; it keeps handovers and writes their report.
It speaks English whatever the computer's language, because scripts read what it
prints; the window speaks English, German, French, Spanish and Swedish.`

// The explanations that go with the options every camera command has.
const (
	connectionHelp = `HTTPS is tried first: on the port given, or on 443. A camera's certificate is
remembered the first time and checked every time after; a device showing another
certificate gets no password. Only a camera that offers no HTTPS is reached over
plain HTTP, and then nothing is sent without --http. An address written
http://HOST is tried over HTTPS first too.`

	passwordHelp = `Before a password is asked for, the camera that answered is named on standard
error: check its model and MAC address (on its label) before typing.

Passwords are typed when asked (they are not shown), or read from the first line
of standard input when it is not a terminal. They are never accepted on the
command line or from environment variables, where other programs could read
them, and they are never written to any file.`

	exitCodesHelp = `Exit codes: 0 done; 1 the camera refused, failed or did not answer, or Ctrl-C
stopped the work; 2 the command or the typed input was wrong, so nothing was
sent.`

	sharedHeading = "Options of every command that takes HOST (before or after it):"
)

func usageText() string {
	var b strings.Builder
	writeParagraphs(&b, intro)
	b.WriteString("\n")
	b.WriteString(commandList())
	b.WriteString("\n")
	writeParagraphs(&b, `Run "openipu-cli help COMMAND" to see what a command does and all of its options.`)
	b.WriteString("\n" + sharedHeading + "\n")
	fs := newFlagSet("", new(options), "")
	writeFlags(&b, fs, fs.order)
	b.WriteString("\n")
	writeParagraphs(&b, connectionHelp, passwordHelp, exitCodesHelp)
	return b.String()
}

// commandList is every command of the table with its usage line and what it
// does.
func commandList() string {
	var b strings.Builder
	b.WriteString("Commands:\n")
	for _, c := range commands {
		writeSynopsis(&b, "  openipu-cli ", c)
		wrap(&b, "      ", 6, c.summary)
	}
	return b.String()
}

func (c *command) usage() string {
	var b strings.Builder
	writeSynopsis(&b, "Usage: openipu-cli ", c)
	b.WriteString("\n")
	writeParagraphs(&b, c.summary, c.help)
	if c.flags == nil {
		return b.String()
	}
	fs := c.flags()
	if own := ownFlags(fs); len(own) > 0 {
		b.WriteString("\nOptions:\n")
		writeFlags(&b, fs, own)
	}
	if fs.shared > 0 {
		b.WriteString("\n" + sharedHeading + "\n")
		writeFlags(&b, fs, fs.order[:fs.shared])
		b.WriteString("\n")
		writeParagraphs(&b, connectionHelp)
	}
	if fs.Lookup("user") != nil {
		b.WriteString("\n")
		writeParagraphs(&b, passwordHelp)
	}
	b.WriteString("\n")
	writeParagraphs(&b, exitCodesHelp)
	return b.String()
}

// ownFlags are the flags of fs that are not the shared ones, in the order
// they were defined; any defined behind flagSet's back come last, so that
// none is left out of help.
func ownFlags(fs *flagSet) []string {
	own := slices.Clone(fs.order[fs.shared:])
	fs.VisitAll(func(f *flag.Flag) {
		if !slices.Contains(fs.order, f.Name) {
			own = append(own, f.Name)
		}
	})
	return own
}

// writeSynopsis writes prefix, the command's name and its arguments, the
// arguments wrapped under the first of them.
func writeSynopsis(b *strings.Builder, prefix string, c *command) {
	first := prefix + c.name + " "
	units := synopsisUnits(c.args)
	indent := columns(first)
	for _, u := range units {
		if indent+columns(u) > helpWidth {
			indent = columns(prefix) + 4
		}
	}
	wrapUnits(b, first, indent, units)
}

// synopsisUnits splits a synopsis where a line may break: not inside
// brackets or parentheses, and not between a flag and its value, so that
// "[--window D]" and "--user NAME" stay whole.
func synopsisUnits(args string) []string {
	var units []string
	depth, start := 0, 0
	for i, r := range args + " " {
		switch {
		case r == '[' || r == '(':
			depth++
		case r == ']' || r == ')':
			depth--
		case r == ' ' && depth == 0:
			if w := args[start:i]; w != "" {
				if n := len(units); n > 0 && isFlagWord(units[n-1]) && !strings.ContainsAny(w[:1], "-[(") {
					units[n-1] += " " + w
				} else {
					units = append(units, w)
				}
			}
			start = i + 1
		}
	}
	return units
}

func isFlagWord(w string) bool { return strings.HasPrefix(w, "-") && !strings.Contains(w, " ") }

// writeFlags lists the flags names of fs with their placeholders, usage and
// defaults, as the flag set defines them.
func writeFlags(b *strings.Builder, fs *flagSet, names []string) {
	type entry struct{ left, text string }
	var entries []entry
	col := 0
	for _, name := range names {
		f := fs.Lookup(name)
		placeholder, usage := flag.UnquoteUsage(f)
		if !strings.Contains(f.Usage, "`") {
			placeholder = strings.ToUpper(placeholder) // a type name: "duration"
		}
		left := "  -" + name
		if len(name) > 1 {
			left = "  --" + name
		}
		if placeholder != "" {
			left += " " + placeholder
		}
		if def := defaultText(f); def != "" {
			usage = strings.TrimSuffix(usage, ".") + " (default " + def + ")."
		}
		entries = append(entries, entry{left, usage})
		col = max(col, columns(left)+2)
	}
	// A flag too wide for the column gets a line of its own, rather than
	// squeezing every description into a narrow column.
	col = min(col, 30)
	for _, e := range entries {
		if columns(e.left)+2 <= col {
			wrap(b, e.left+strings.Repeat(" ", col-columns(e.left)), col, e.text)
			continue
		}
		b.WriteString(e.left + "\n")
		wrap(b, strings.Repeat(" ", col), col, e.text)
	}
}

// defaultText is f's default as help shows it, or "" when the default is
// nothing at all. Durations lose their zero tails ("3m", not "3m0s"); they
// parse back the same.
func defaultText(f *flag.Flag) string {
	switch f.DefValue {
	case "", "false", "0", "0s", "[]":
		return ""
	}
	if g, ok := f.Value.(flag.Getter); ok {
		if _, isDuration := g.Get().(time.Duration); isDuration {
			if d, err := time.ParseDuration(f.DefValue); err == nil {
				return shortDuration(d)
			}
		}
	}
	return f.DefValue
}

func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// writeParagraphs reflows each text, whose paragraphs are separated by blank
// lines, with a blank line between paragraphs. Empty texts are skipped.
func writeParagraphs(b *strings.Builder, texts ...string) {
	first := true
	for _, t := range texts {
		for _, p := range strings.Split(strings.TrimSpace(t), "\n\n") {
			if strings.TrimSpace(p) == "" {
				continue
			}
			if !first {
				b.WriteString("\n")
			}
			first = false
			wrap(b, "", 0, p)
		}
	}
}

// wrap writes text's words in lines of at most helpWidth columns, the first
// line after first and the others after indent spaces.
func wrap(b *strings.Builder, first string, indent int, text string) {
	wrapUnits(b, first, indent, strings.Fields(text))
}

// wrapUnits is wrap with the places a line may break given: between units.
// A unit wider than the line is not broken: it stands on a line of its own.
func wrapUnits(b *strings.Builder, first string, indent int, units []string) {
	line, empty := first, true
	for _, w := range units {
		switch {
		case empty:
			line += w
		case columns(line)+1+columns(w) > helpWidth:
			b.WriteString(line + "\n")
			line = strings.Repeat(" ", indent) + w
		default:
			line += " " + w
		}
		empty = false
	}
	b.WriteString(strings.TrimRight(line, " ") + "\n")
}

// columns is how wide s is on a terminal: help has no wide characters.
func columns(s string) int { return utf8.RuneCountInString(s) }
