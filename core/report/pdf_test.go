package report

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/handover"
	"github.com/openipu/openipu/core/internal/wine"
	"github.com/openipu/openipu/core/testdir"
)

// poppler finds a poppler tool. Outside CI a missing tool skips the test
// that needs it; in CI (env CI set) it fails, so the check is never lost
// quietly.
func poppler(t *testing.T, tool string) string {
	t.Helper()
	if wine.Running() {
		t.Skipf("%s is a Linux program, out of reach of a Windows program under Wine; the Linux run reads the PDF", tool)
	}
	p, err := exec.LookPath(tool)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s (poppler-utils) is needed in CI: %v", tool, err)
		}
		t.Skipf("%s not installed (apt-get install poppler-utils); skipping the check of the PDF's contents", tool)
	}
	return p
}

func writeTempPDF(t *testing.T, raw []byte) string {
	t.Helper()
	path := filepath.Join(testdir.New(t), "doc.pdf")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func extractText(t *testing.T, raw []byte) string {
	t.Helper()
	tool := poppler(t, "pdftotext")
	out, err := exec.Command(tool, "-enc", "UTF-8", writeTempPDF(t, raw), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func pdfInfo(t *testing.T, raw []byte) map[string]string {
	t.Helper()
	tool := poppler(t, "pdfinfo")
	out, err := exec.Command(tool, writeTempPDF(t, raw)).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	info := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	return info
}

func renderPDF(t testing.TB, s handover.Session, opts Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WritePDF(context.Background(), &b, s, opts); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// flat is extracted text with its line breaks and runs of spaces made
// single spaces, as a wrapped value may be split across lines.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestReportPDFHoldsEveryCameraNonASCIINamesAndPageNumbers(t *testing.T) {
	s, dir := sampleSession(t, 6)
	raw := renderPDF(t, s, sampleOptions(dir))
	text := extractText(t, raw)
	ft := flat(text)
	for _, want := range []string{
		"Handover report", sampleSite, "Łódź", "Müller", "Ångström Fastigheter AB",
		"4 of 5 cameras handed over", "1 camera left out", "Owned by the tenant of unit 4",
		"AXIS M3086-V runs different firmware versions on this site: 11.11.73, 12.2.45",
		"What is still open", "Signatures", "+73.2 s", "-3.2 s", "not checked",
		"by hand: Set by the site's IT on the DHCP reservation", "failed at 2026-03-14 09:31: vapix.unreachable",
		"Date of this report", "2026-03-14", "No snapshot taken",
	} {
		if !strings.Contains(ft, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
	for _, c := range s.Cameras {
		if !strings.Contains(text, c.Serial) {
			t.Errorf("serial %s missing", c.Serial)
		}
	}
	pages := strings.Count(text, "\f")
	if pages < 2 {
		t.Fatalf("%d pages", pages)
	}
	for p := 1; p <= pages; p++ {
		if want := "Page " + strconv.Itoa(p) + " of " + strconv.Itoa(pages); !strings.Contains(text, want) {
			t.Errorf("no %q", want)
		}
	}
	if strings.Contains(text, samplePass) || bytes.Contains(raw, []byte(samplePass)) {
		t.Error("the report holds a password")
	}
	info := pdfInfo(t, raw)
	if info["Title"] != "Handover report" || info["Creator"] != "OpenIPU" || info["Subject"] != sampleSite {
		t.Errorf("metadata: title %q creator %q subject %q", info["Title"], info["Creator"], info["Subject"])
	}
}

func TestReportPDFTranslatesLabelsButNotValues(t *testing.T) {
	s, dir := sampleSession(t, 2)
	opts := sampleOptions(dir)
	opts.Translate = translateUpper
	text := flat(extractText(t, renderPDF(t, s, opts)))
	for _, want := range []string{"HANDOVER REPORT", "WHAT IS STILL OPEN", "PAGE 1 OF", "ACCC8E0A0001", "AXIS M3086-V"} {
		if !strings.Contains(text, want) {
			t.Errorf("translated PDF lacks %q", want)
		}
	}
}

func TestPaperSizeLetterDiffersFromA4(t *testing.T) {
	s, dir := sampleSession(t, 1)
	sizes := map[string]string{}
	for _, paper := range []string{A4, Letter} {
		opts := sampleOptions(dir)
		opts.Paper = paper
		sizes[paper] = pdfInfo(t, renderPDF(t, s, opts))["Page size"]
	}
	if !strings.Contains(sizes[A4], "595.28 x 841.89") || !strings.Contains(sizes[A4], "A4") {
		t.Errorf("A4 page is %q", sizes[A4])
	}
	if !strings.Contains(sizes[Letter], "612 x 792") || !strings.Contains(sizes[Letter], "letter") {
		t.Errorf("Letter page is %q", sizes[Letter])
	}
}

// TestMediaBoxFollowsPaper reads the page size from the PDF itself, so the
// paper choice is checked where poppler is not installed too.
func TestMediaBoxFollowsPaper(t *testing.T) {
	s, dir := sampleSession(t, 1)
	box := regexp.MustCompile(`/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]`)
	for paper, want := range map[string]string{A4: "595.28 841.89", Letter: "612.00 792.00", "": "595.28 841.89"} {
		opts := sampleOptions(dir)
		opts.Paper = paper
		m := box.FindSubmatch(renderPDF(t, s, opts))
		if m == nil || string(m[1])+" "+string(m[2]) != want {
			t.Errorf("paper %q: MediaBox %q, want %s", paper, m, want)
		}
	}
	// The caller's choice wins; without one, the session's.
	s.Paper = Letter
	if m := box.FindSubmatch(renderPDF(t, s, sampleOptions(dir))); m == nil || string(m[1]) != "612.00" {
		t.Errorf("session's Letter ignored: %q", m)
	}
	opts := sampleOptions(dir)
	opts.Paper = A4
	if m := box.FindSubmatch(renderPDF(t, s, opts)); m == nil || string(m[1]) != "595.28" {
		t.Errorf("caller's A4 ignored: %q", m)
	}
}

func TestMissingSnapshotPrintsAPlaceholder(t *testing.T) {
	s, dir := sampleSession(t, 3)
	if err := os.Remove(filepath.Join(dir, s.Cameras[0].SnapshotFile)); err != nil {
		t.Fatal(err)
	}
	// A damaged file is no picture either.
	if err := os.WriteFile(filepath.Join(dir, s.Cameras[2].SnapshotFile), []byte("\xff\xd8 not really"), 0o600); err != nil {
		t.Fatal(err)
	}
	s.Cameras[1].SnapshotFile = "../../etc/passwd"
	text := extractText(t, renderPDF(t, s, sampleOptions(dir)))
	if n := strings.Count(text, "Snapshot file not found"); n != 3 {
		t.Errorf("%d placeholders for missing files, want 3", n)
	}
	// Without a snapshot folder, nothing is looked up and nothing fails.
	text = extractText(t, renderPDF(t, s, sampleOptions("")))
	if n := strings.Count(text, "No snapshot taken"); n != 3 {
		t.Errorf("%d placeholders without a folder, want 3", n)
	}
}

func TestReportPDFEmbedsTheSnapshots(t *testing.T) {
	s, dir := sampleSession(t, 3)
	raw := renderPDF(t, s, sampleOptions(dir))
	if n := bytes.Count(raw, []byte("/Subtype /Image")); n != 2 {
		t.Errorf("%d images in the PDF, want the 2 snapshots", n)
	}
}

func TestReportPDFStopsWhenCanceled(t *testing.T) {
	s, dir := sampleSession(t, 2)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var b bytes.Buffer
	if err := WritePDF(ctx, &b, s, sampleOptions(dir)); !errors.Is(err, context.Canceled) {
		t.Fatalf("WritePDF = %v", err)
	}
	if b.Len() != 0 {
		t.Error("a canceled report wrote a partial document")
	}
}

func TestEmptySessionStillPrints(t *testing.T) {
	text := flat(extractText(t, renderPDF(t, handover.Session{Site: "Empty site"}, Options{Now: sampleNow, Location: time.UTC})))
	for _, want := range []string{"No camera is part of this handover", "Nothing: every camera", "(not named)"} {
		if !strings.Contains(text, want) {
			t.Errorf("empty report lacks %q", want)
		}
	}
}

// TestScreenshots renders the first two pages of a sample report to PNG
// for the documentation: OPENIPU_SCREENSHOTS names the folder to write
// report-page-1.png and report-page-2.png to (docs/screenshots).
func TestScreenshots(t *testing.T) {
	out := os.Getenv("OPENIPU_SCREENSHOTS")
	if out == "" {
		t.Skip("set OPENIPU_SCREENSHOTS to a folder to render the report's pages")
	}
	tool := poppler(t, "pdftoppm")
	s, dir := sampleSession(t, 6)
	pdf := writeTempPDF(t, renderPDF(t, s, sampleOptions(dir)))
	prefix := filepath.Join(testdir.New(t), "page")
	if b, err := exec.Command(tool, "-png", "-r", "60", "-f", "1", "-l", "2", pdf, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, b)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	pngs, _ := filepath.Glob(prefix + "-*.png")
	if len(pngs) != 2 {
		t.Fatalf("pdftoppm made %v", pngs)
	}
	for i, p := range pngs {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, "report-page-"+strconv.Itoa(i+1)+".png"), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// FuzzReportPDFTakesAnyText: whatever a camera or a user typed (invalid
// UTF-8, control characters, glyphs the font lacks, very long words), the
// report renders and is a PDF.
func FuzzReportPDFTakesAnyText(f *testing.F) {
	for _, s := range []string{"", "Östra", "\xff\xfe", "a\x00b\tc\r\n", "🙂 漢字", strings.Repeat("W", 400), "{nb}"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		at := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
		s := handover.Session{Site: a, HandedOverBy: b, ReceivedBy: a + b, Cameras: []handover.Camera{{
			MAC: "ACCC8E000001", Name: a, Location: b, Model: b, Firmware: a, Excluded: len(a)%2 == 1, ExcludedReason: b,
			Steps: map[handover.Step]handover.Tick{
				handover.Network:  {Done: true, Manual: true, Note: a, At: at},
				handover.Password: {Done: true, User: b, At: at, Detail: a},
				handover.Clock:    {FailedAt: at, FailedKey: b},
			},
		}}}
		var out bytes.Buffer
		if err := WritePDF(context.Background(), &out, s, Options{Now: at, Location: time.UTC}); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(out.Bytes(), []byte("%PDF-")) || !bytes.Contains(out.Bytes(), []byte("%%EOF")) {
			t.Fatal("output is not a whole PDF")
		}
		var creds bytes.Buffer
		if err := WriteCredentialsPDF(context.Background(), &creds, a, []Credential{{Camera: a, User: b, Password: a + b}}, Options{Now: at}); err != nil {
			t.Fatal(err)
		}
	})
}
