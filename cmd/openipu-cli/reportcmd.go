package main

import (
	"context"
	"io"
	"os"
	"strings"

	"github.com/openipu/openipu/core/report"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/usermsg/catalogue"
)

var reportCommand = &command{
	name:    "report",
	args:    "--session NAME --format pdf|csv -o FILE [--paper A4|Letter] [--force]",
	summary: "Write a handover session's report as a PDF or a CSV file.",
	help: `The PDF has a cover with the site, the date and the people, a summary, one
block per camera with its checklist, times and snapshot, what is still open,
and lines for the signatures. The CSV has one row per camera with the same
facts, for a spreadsheet (UTF-8 with a byte-order mark; cells that a
spreadsheet would run as a formula are escaped). Neither ever holds a password.

The report is in English here; the window writes it in the language chosen
there. "-o -" writes it to standard output.`,
	flags: func() *flagSet { return new(reportFlags).flagSet() },
	run:   runReport,
}

type reportFlags struct {
	session, format, dest, paper string
	force                        bool
}

func (f *reportFlags) flagSet() *flagSet {
	fs := newCommandFlags("report")
	fs.StringVar(&f.session, "session", "", "The handover session `NAME` (its ID or its site name).")
	fs.StringVar(&f.format, "format", "pdf", "pdf or csv.")
	fs.StringVar(&f.dest, "o", "", "Write the report to `FILE` (\"-\" for standard output).")
	fs.StringVar(&f.dest, "output", "", "The same as -o `FILE`.")
	fs.StringVar(&f.paper, "paper", "", "A4 or Letter `PAPER` for the PDF; without it, the session's choice, else this computer's region.")
	fs.BoolVar(&f.force, "force", false, "Replace FILE if it exists.")
	return fs
}

// englishReport renders the report's words in English, with a failure
// recorded by its key alone shown as its sentence.
func englishReport(m usermsg.Message) string { return catalogue.Filled(m).String() }

func runReport(ctx context.Context, c *cli, args []string) error {
	var f reportFlags
	fs := f.flagSet()
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) > 0:
		return usageErrorf("report takes no address; name the session with --session NAME")
	case f.session == "":
		return usageErrorf("name the handover with --session NAME (see \"openipu-cli session list\")")
	case f.format != "pdf" && f.format != "csv":
		return usageErrorf("--format takes pdf or csv, not %q", f.format)
	case f.dest == "":
		return usageErrorf("say where to write the report with -o FILE (or -o - for standard output)")
	case f.paper != "" && f.paper != report.A4 && f.paper != report.Letter:
		return usageErrorf("--paper takes A4 or Letter")
	}
	live, err := c.openHandover(f.session)
	if err != nil {
		return &badInput{err: err}
	}
	s := live.Session()
	paper := f.paper
	if paper == "" && s.Paper == "" {
		paper = report.DefaultPaper(systemLocale())
	}
	opts := report.Options{Paper: paper, SnapshotDir: live.Store().SnapshotDir(s.ID), Translate: englishReport}
	write := func(w io.Writer) error {
		if f.format == "csv" {
			return report.WriteCSV(ctx, w, s, opts)
		}
		return report.WritePDF(ctx, w, s, opts)
	}
	if f.dest == "-" {
		return write(c.stdout)
	}
	if err := report.SaveFile(f.dest, f.force, write); err != nil {
		return err
	}
	done, total := s.Progress()
	c.say("The report on %q (%d of %d cameras handed over) is in %s", s.Site, done, total, f.dest)
	return nil
}

// systemLocale is the user's locale as the environment says it, for the
// paper size ("en_US.UTF-8" → Letter).
func systemLocale() string {
	for _, v := range []string{"LC_ALL", "LC_PAPER", "LANG"} {
		if l := os.Getenv(v); l != "" {
			l, _, _ = strings.Cut(l, ".")
			return l
		}
	}
	return ""
}
