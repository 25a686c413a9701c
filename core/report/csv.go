package report

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/openipu/openipu/core/handover"
)

// bom starts every CSV file: without it, Excel on Windows reads UTF-8 as
// the local code page and "Östra" turns into mojibake.
const bom = "\uFEFF"

// formulaStarts are the first characters that make a spreadsheet read a
// cell as a formula (or, for tab and carriage return, hide one behind
// them). Camera names and firmware strings come off the network, so a
// hostile device could otherwise put "=HYPERLINK(...)" in an export.
const formulaStarts = "=+-@\t\r"

// escapeCell makes text safe to open in a spreadsheet: a cell that starts
// with a formula character, even after spaces, gets a leading apostrophe,
// which spreadsheets read as "this is text". The rule has no exceptions
// for text cells; numbers the package formats itself are written by
// numberCell instead.
func escapeCell(s string) string {
	t := strings.TrimLeft(s, " ")
	if t != "" && strings.IndexByte(formulaStarts, t[0]) >= 0 {
		return "'" + s
	}
	return s
}

// cleanCell escapes s and makes it plain UTF-8 with \n line breaks. The
// CSV writer turns each \n into CRLF and would drop a lone \r, so line
// breaks are made one kind first and a cell reads back as written.
func cleanCell(s string) string {
	s = escapeCell(strings.ToValidUTF8(s, "\uFFFD"))
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// numberCell is a number column's cell. A plain decimal such as "-3.2"
// starts with a formula character but is no formula: spreadsheets read it
// as the number, which is what a numeric column is for, so it is written
// as it is. Only what matches numberPattern is trusted this way.
type numberCell string

var numberPattern = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// csvTable writes one CSV document: a byte-order mark, a header row, then
// rows, RFC 4180 with CRLF line ends.
type csvTable struct {
	w     *csv.Writer
	cells []string
}

func newCSVTable(w io.Writer, header []string) (*csvTable, error) {
	if _, err := io.WriteString(w, bom); err != nil {
		return nil, fmt.Errorf("write CSV: %w", err)
	}
	t := &csvTable{w: csv.NewWriter(w)}
	t.w.UseCRLF = true
	for _, h := range header {
		t.text(h)
	}
	return t, t.end()
}

func (t *csvTable) text(s string) { t.cells = append(t.cells, cleanCell(s)) }

func (t *csvTable) number(n numberCell) {
	if n != "" && !numberPattern.MatchString(string(n)) {
		t.text(string(n))
		return
	}
	t.cells = append(t.cells, string(n))
}

func (t *csvTable) time(at time.Time, loc *time.Location) {
	if at.IsZero() {
		t.cells = append(t.cells, "")
		return
	}
	t.cells = append(t.cells, at.In(loc).Format(time.RFC3339))
}

func (t *csvTable) bool(b bool) { t.cells = append(t.cells, strconv.FormatBool(b)) }

// end writes the row begun by the cell calls.
func (t *csvTable) end() error {
	err := t.w.Write(t.cells)
	t.cells = t.cells[:0]
	if err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

func (t *csvTable) close() error {
	t.w.Flush()
	if err := t.w.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

// offsetSeconds is a clock offset for a CSV's number column: seconds with
// one decimal, negative when the camera was behind, "" when not read.
func offsetSeconds(t handover.Tick) numberCell {
	if !t.ClockRead {
		return ""
	}
	return numberCell(strconv.FormatFloat(float64(t.ClockOffsetMS)/1000, 'f', 1, 64))
}

// WriteCSV writes the handover report as CSV: one row per camera, in the
// session's order, under a header row in the reader's language. Cells hold
// values, not sentences: times in RFC 3339, yes/no as true/false, the
// steps still open and failures as their identifiers, so a script can read
// the file whatever language it was written in. The clock offset is a
// number column in seconds ("-3.2": the camera is behind), the one kind of
// cell exempt from the formula escaping that every text cell gets.
func WriteCSV(ctx context.Context, w io.Writer, s handover.Session, opts Options) error {
	header := []string{
		opts.tr(msgCSVSite), opts.tr(msgLocation), opts.tr(msgName), opts.tr(msgModel), opts.tr(msgSerial),
		opts.tr(msgMAC), opts.tr(msgFirmware), opts.tr(msgCSVFirmwareDiffer), opts.tr(msgAddress), opts.tr(msgUser),
		opts.tr(msgCSVClockOffset), opts.tr(msgCSVHandedOver), opts.tr(msgCSVLeftOut), opts.tr(msgCSVLeftOutReason),
		opts.tr(msgCSVOpen), opts.tr(msgCSVSnapshot),
	}
	for _, st := range handover.Steps {
		name := opts.tr(stepName(st))
		header = append(header,
			opts.tr(msgCSVStepDoneAt.With("Step", name)), opts.tr(msgCSVStepByHand.With("Step", name)),
			opts.tr(msgCSVStepDetail.With("Step", name)), opts.tr(msgCSVStepFailedAt.With("Step", name)),
			opts.tr(msgCSVStepProblem.With("Step", name)))
	}
	t, err := newCSVTable(w, header)
	if err != nil {
		return err
	}
	loc := opts.loc()
	mix := s.FirmwareMix()
	for _, c := range s.Cameras {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("write the handover report: %w", err)
		}
		_, mixed := mix[c.Model]
		t.text(s.Site)
		t.text(c.Location)
		t.text(c.Name)
		t.text(c.Model)
		t.text(c.Serial)
		t.text(c.MAC)
		t.text(c.Firmware)
		t.bool(mixed && !c.Excluded)
		t.text(c.Address)
		t.text(c.Tick(handover.Password).User)
		t.number(offsetSeconds(c.Tick(handover.Clock)))
		t.bool(!c.Excluded && c.HandedOver())
		t.bool(c.Excluded)
		t.text(c.ExcludedReason)
		t.text(openIDs(c))
		t.text(c.SnapshotFile)
		for _, st := range handover.Steps {
			tick := c.Tick(st)
			t.time(doneAt(tick), loc)
			t.bool(tick.Done && tick.Manual)
			if tick.Manual {
				t.text(tick.Note)
			} else {
				t.text(tick.Detail)
			}
			if tick.Failed() {
				t.time(tick.FailedAt, loc)
				t.text(tick.FailedKey)
			} else {
				t.text("")
				t.text("")
			}
		}
		if err := t.end(); err != nil {
			return err
		}
	}
	return t.close()
}

func doneAt(t handover.Tick) time.Time {
	if !t.Done {
		return time.Time{}
	}
	return t.At
}

// openIDs lists the required steps not done, by identifier, space
// separated; "" for a camera left out, which owes nothing.
func openIDs(c handover.Camera) string {
	if c.Excluded {
		return ""
	}
	var ids []string
	for _, s := range c.Open() {
		ids = append(ids, string(s))
	}
	return strings.Join(ids, " ")
}

// DeviceRow is one camera of the main window's list, as exported. It is
// filled by the caller from what discovery knows; PasswordState and
// Reachability are the list's own words for them (already in the reader's
// language), never a password.
type DeviceRow struct {
	Model, Name, Address, MAC, Serial, Firmware string
	PasswordState, Reachability, FoundVia       string
	LastSeen                                    time.Time
}

// WriteDeviceListCSV writes the camera list, one row per camera under a
// translated header row, by the same rules as WriteCSV.
func WriteDeviceListCSV(ctx context.Context, w io.Writer, rows []DeviceRow, opts Options) error {
	t, err := newCSVTable(w, []string{
		opts.tr(msgModel), opts.tr(msgName), opts.tr(msgAddress), opts.tr(msgMAC), opts.tr(msgSerial),
		opts.tr(msgFirmware), opts.tr(msgListPassword), opts.tr(msgListReachability), opts.tr(msgListFoundVia),
		opts.tr(msgListLastSeen),
	})
	if err != nil {
		return err
	}
	loc := opts.loc()
	for i, r := range rows {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("write the camera list: %w", err)
			}
		}
		for _, s := range []string{r.Model, r.Name, r.Address, r.MAC, r.Serial, r.Firmware, r.PasswordState, r.Reachability, r.FoundVia} {
			t.text(s)
		}
		t.time(r.LastSeen, loc)
		if err := t.end(); err != nil {
			return err
		}
	}
	return t.close()
}
