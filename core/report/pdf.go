package report

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/openipu/openipu/core/handover"
	"github.com/openipu/openipu/core/usermsg"
)

// Layout of a camera block, in millimetres.
const (
	thumbW  = 56.0 // a snapshot's width on paper
	thumbH  = 31.5 // a placeholder's height (16:9, like most Axis views)
	maxTh   = 42.0 // a portrait picture is shrunk to fit this height
	labelW  = 30.0 // the labels of a camera's details
	colStep = 36.0 // checklist columns; Detail takes the rest
	colStat = 25.0
	colTime = 27.0
	rowLH   = 4.0 // checklist line height
	tableFS = 8.0 // checklist font size
	infoFS  = 9.0
)

// WritePDF writes the handover report of s as a PDF: a cover with the site,
// the people and a summary; one block per camera with its details, its
// checklist and its snapshot; what is still open; and lines for the two
// signatures. A missing or damaged snapshot prints as a placeholder. ctx
// is checked between cameras. With opts.Paper empty, the session's own
// paper choice (s.Paper) is used.
func WritePDF(ctx context.Context, w io.Writer, s handover.Session, opts Options) (err error) {
	defer recoverPDF("handover report", &err)
	s = pdfSession(s)
	if opts.Paper == "" {
		opts.Paper = s.Paper
	}
	title := opts.tr(msgTitle)
	d := newDoc(opts, title, s.Site)
	d.SetAuthor(s.HandedOverBy, true)
	d.AddPage()
	writeCover(d, &s)

	d.AddPage()
	d.heading(opts.tr(msgCamerasHeading), 15)
	for i, c := range s.Cameras {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("write the handover report: %w", err)
		}
		writeCamera(d, &s, i, c)
		if d.Err() {
			return fmt.Errorf("write the handover report: camera %s: %w", c.MAC, d.Error())
		}
	}
	writeOpen(d, &s)
	writeSignatures(d, &s)
	if err := d.Output(w); err != nil {
		return fmt.Errorf("write the handover report: %w", err)
	}
	return nil
}

func orNotNamed(o Options, s string) string {
	if strings.TrimSpace(s) == "" {
		return o.tr(msgNotNamed)
	}
	return s
}

func writeCover(d *doc, s *handover.Session) {
	o := d.opts
	d.setFont("B", 24, colText)
	d.MultiCell(d.width, 11, o.tr(msgTitle), "", "L", false)
	d.setFont("", 16, colText)
	d.MultiCell(d.width, 8, s.Site, "", "L", false)
	d.Ln(6)
	kv := func(label, value string) {
		d.setFont("", 10, colMuted)
		y := d.GetY()
		d.MultiCell(48, 5.5, label, "", "L", false)
		d.SetXY(marginLR+50, y)
		d.setFont("B", 10, colText)
		d.MultiCell(d.width-50, 5.5, value, "", "L", false)
		d.Ln(1)
	}
	kv(o.tr(msgSite), s.Site)
	kv(o.tr(msgDate), d.now.Format("2006-01-02"))
	kv(o.tr(msgHandedOverBy), orNotNamed(o, s.HandedOverBy))
	kv(o.tr(msgReceivedBy), orNotNamed(o, s.ReceivedBy))
	d.Ln(2)
	d.para(o.tr(msgTimeZone.With("Offset", d.now.Format("-07:00"))), 8.5, colMuted)
	d.Ln(6)

	d.heading(o.tr(msgSummary), 14)
	done, total := s.Progress()
	if total == 0 {
		d.para(o.tr(msgNoCameras), 10.5, colText)
	} else {
		m := plural(total, msgHandedOverOne, msgHandedOverOther)
		d.para(o.tr(m.With("Done", done).With("Total", total)), 11, colText)
	}
	var out []handover.Camera
	for _, c := range s.Cameras {
		if c.Excluded {
			out = append(out, c)
		}
	}
	if len(out) > 0 {
		d.Ln(3)
		d.para(o.tr(plural(len(out), msgLeftOutOne, msgLeftOutOther).With("Count", len(out))), 10.5, colText)
		for _, c := range out {
			bullet(d, o.tr(msgLeftOutItem.With("Camera", c.Label()+" ("+c.MAC+")").With("Reason", c.ExcludedReason)))
		}
	}
	d.Ln(5)
	d.heading(o.tr(msgFirmwareHeading), 12)
	mix := s.FirmwareMix()
	if len(mix) == 0 {
		d.para(o.tr(msgFirmwareSame), 10.5, colText)
	}
	models := make([]string, 0, len(mix))
	for m := range mix {
		models = append(models, m)
	}
	slices.Sort(models)
	for _, m := range models {
		bullet(d, o.tr(msgFirmwareMixed.With("Model", m).With("Versions", strings.Join(mix[m], ", "))))
	}
}

func bullet(d *doc, text string) {
	d.setFont("", 10, colText)
	y := d.GetY()
	d.CellFormat(5, 5.2, "•", "", 0, "L", false, 0, "")
	d.SetXY(marginLR+5, y)
	d.MultiCell(d.width-5, 5.2, text, "", "L", false)
}

// clockText is a clock offset as the report prints it: a sign always, so
// "ahead" and "behind" cannot be confused. The minus is ASCII: the
// embedded font has no glyph for the typographic one.
func clockText(o Options, t handover.Tick) string {
	if !t.ClockRead {
		return o.tr(msgClockNotChecked)
	}
	v := strconv.FormatFloat(float64(t.ClockOffsetMS)/1000, 'f', 1, 64)
	if t.ClockOffsetMS > 0 {
		v = "+" + v
	}
	return o.tr(msgClockOffset.With("Offset", v))
}

type infoRow struct {
	label, value string
	flag         string // shown after the value in the failure colour
}

func cameraInfo(o Options, s *handover.Session, c handover.Camera) []infoRow {
	dash := func(v string) string {
		if v == "" {
			return "—"
		}
		return v
	}
	rows := []infoRow{
		{label: o.tr(msgLocation), value: dash(c.Location)},
		{label: o.tr(msgModel), value: dash(c.Model)},
		{label: o.tr(msgSerial), value: dash(c.Serial)},
		{label: o.tr(msgMAC), value: c.MAC},
		{label: o.tr(msgFirmware), value: dash(c.Firmware)},
		{label: o.tr(msgAddress), value: dash(c.Address)},
		{label: o.tr(msgUser), value: dash(c.Tick(handover.Password).User)},
		{label: o.tr(msgClock), value: clockText(o, c.Tick(handover.Clock))},
	}
	if s.FirmwareDiffers(c) {
		rows[4].flag = o.tr(msgFirmwareDiffers)
	}
	return rows
}

type stepRow struct {
	step, status, time, detail string
	col                        [3]int
}

func checklist(d *doc, c handover.Camera) []stepRow {
	o := d.opts
	var rows []stepRow
	for _, st := range handover.Steps {
		t := c.Tick(st)
		r := stepRow{step: o.tr(stepName(st)), col: colText}
		var detail []string
		switch {
		case t.Done && t.Manual:
			r.status, r.time = o.tr(msgStatusByHand), d.formatTime(t.At)
			detail = append(detail, o.tr(msgDetailByHand.With("Note", t.Note)))
		case t.Done:
			r.status, r.time = o.tr(msgStatusDone), d.formatTime(t.At)
			if m := handover.DetailMessage(c, st); m.Text != "" {
				detail = append(detail, o.tr(m))
			}
		case t.Failed():
			r.status, r.col = o.tr(msgStatusFailed), colFailed
		case st.Required():
			r.status, r.col = o.tr(msgStatusNotDone), colOpen
		default:
			r.status, r.col = o.tr(msgStatusOptional), colMuted
		}
		if t.Failed() {
			// The failure's message key is looked up in the reader's
			// language; with no translation at hand, the key itself is
			// what a support person can search for.
			problem := o.tr(usermsg.Message{Key: t.FailedKey, Text: t.FailedKey})
			detail = append(detail, o.tr(msgDetailFailed.With("Time", d.formatTime(t.FailedAt)).With("Problem", problem)))
		}
		r.detail = strings.Join(detail, "\n")
		rows = append(rows, r)
	}
	return rows
}

func (d *doc) rowHeight(r stepRow, detailW float64) float64 {
	d.SetFont(font, "", tableFS)
	n := max(d.lines(r.step, colStep-1), d.lines(r.status, colStat-1), d.lines(r.detail, detailW-1))
	return float64(n)*rowLH + 1.6
}

func writeCamera(d *doc, s *handover.Session, i int, c handover.Camera) {
	o := d.opts
	info := cameraInfo(o, s, c)
	valueW := d.width - thumbW - 6 - labelW

	// The picture's size decides the block's height.
	path := snapshotPath(o.SnapshotDir, c.SnapshotFile)
	pw, ph, havePic := 0, 0, false
	if path != "" {
		pw, ph, havePic = d.picture("snapshot-"+c.MAC, path)
	}
	imgW, imgH := thumbW, thumbH
	if havePic {
		imgH = thumbW * float64(ph) / float64(pw)
		if imgH > maxTh {
			imgW, imgH = maxTh*float64(pw)/float64(ph), maxTh
		}
	}

	d.SetFont(font, "", infoFS)
	infoH := 0.0
	for _, r := range info {
		infoH += float64(d.lines(r.value+"  "+r.flag, valueW)) * 4.4
	}
	var steps []stepRow
	firstRow := 0.0
	detailW := d.width - colStep - colStat - colTime
	if !c.Excluded {
		steps = checklist(d, c)
		firstRow = 6 + d.rowHeight(steps[0], detailW)
	}
	// A camera's block stays on one page when it fits on one; a longer
	// one (notes of hundreds of words) keeps at least its heading, details,
	// picture and the table's first row together.
	head := 9 + max(infoH, imgH) + 4
	whole := head + firstRow
	for _, r := range steps[min(1, len(steps)):] {
		whole += d.rowHeight(r, detailW)
	}
	if _, ph := d.GetPageSize(); whole+5 <= ph-marginTop-marginBottom {
		d.ensure(whole + 5)
	} else {
		d.ensure(head + firstRow)
	}

	d.Ln(2)
	d.setFont("B", 11.5, colText)
	heading := strconv.Itoa(i+1) + ".  " + c.Label()
	d.MultiCell(d.width, 6, heading, "", "L", false)
	d.rule()
	d.Ln(1.5)
	top := d.GetY()

	// The picture, or a placeholder saying why there is none.
	x := marginLR + d.width - imgW
	if havePic {
		d.ImageOptions("snapshot-"+c.MAC, x, top, imgW, imgH, false, imageJPG, 0, "")
		d.SetDrawColor(colRule[0], colRule[1], colRule[2])
		d.Rect(x, top, imgW, imgH, "D")
	} else {
		d.SetFillColor(colShade[0], colShade[1], colShade[2])
		d.SetDrawColor(colRule[0], colRule[1], colRule[2])
		d.Rect(x, top, imgW, imgH, "FD")
		text := o.tr(msgSnapshotNone)
		if c.SnapshotFile != "" && o.SnapshotDir != "" {
			text = o.tr(msgSnapshotMissing)
		}
		d.setFont("", 8, colMuted)
		lines := d.lines(text, imgW-4)
		d.SetXY(x+2, top+imgH/2-float64(lines)*2)
		d.MultiCell(imgW-4, 4, text, "", "C", false)
	}

	d.SetY(top)
	for _, r := range info {
		y := d.GetY()
		d.setFont("", infoFS, colMuted)
		d.SetXY(marginLR, y)
		d.CellFormat(labelW, 4.4, fit(d, r.label, labelW-1), "", 0, "L", false, 0, "")
		d.SetXY(marginLR+labelW, y)
		d.setFont("B", infoFS, colText)
		if r.flag == "" {
			d.MultiCell(valueW, 4.4, r.value, "", "L", false)
			continue
		}
		// The value, then the warning in red on the same line when it fits.
		vw := d.GetStringWidth(r.value + "  ")
		d.CellFormat(vw, 4.4, r.value, "", 0, "L", false, 0, "")
		d.setFont("B", infoFS, colFailed)
		if d.GetStringWidth(r.flag) > valueW-vw {
			d.Ln(4.4)
			d.SetX(marginLR + labelW)
			d.MultiCell(valueW, 4.4, r.flag, "", "L", false)
		} else {
			d.MultiCell(valueW-vw, 4.4, r.flag, "", "L", false)
		}
	}
	d.SetY(max(d.GetY(), top+imgH) + 3)

	if c.Excluded {
		d.para(o.tr(msgCameraLeftOut.With("Reason", c.ExcludedReason)), 9.5, colOpen)
		d.Ln(3)
		return
	}
	tableHeader := func() {
		d.setFont("B", tableFS, colMuted)
		y := d.GetY()
		for _, col := range []struct {
			text string
			x, w float64
		}{
			{o.tr(msgColStep), 0, colStep}, {o.tr(msgColStatus), colStep, colStat},
			{o.tr(msgColTime), colStep + colStat, colTime}, {o.tr(msgColDetail), colStep + colStat + colTime, detailW},
		} {
			d.SetXY(marginLR+col.x, y)
			d.CellFormat(col.w, 5, fit(d, col.text, col.w-1), "", 0, "L", false, 0, "")
		}
		d.SetY(y + 5)
		d.rule()
	}
	tableHeader()
	for _, r := range steps {
		h := d.rowHeight(r, detailW)
		if d.roomLeft() < h {
			d.AddPage()
			tableHeader()
		}
		y := d.GetY() + 0.8
		d.setFont("", tableFS, colText)
		d.SetXY(marginLR, y)
		d.MultiCell(colStep-1, rowLH, r.step, "", "L", false)
		d.setFont("B", tableFS, r.col)
		d.SetXY(marginLR+colStep, y)
		d.MultiCell(colStat-1, rowLH, r.status, "", "L", false)
		d.setFont("", tableFS, colText)
		d.SetXY(marginLR+colStep+colStat, y)
		d.MultiCell(colTime-1, rowLH, r.time, "", "L", false)
		d.SetXY(marginLR+colStep+colStat+colTime, y)
		d.MultiCell(detailW-1, rowLH, r.detail, "", "L", false)
		d.SetY(y - 0.8 + h)
		d.rule()
	}
	d.Ln(5)
}

func writeOpen(d *doc, s *handover.Session) {
	o := d.opts
	d.Ln(4)
	d.heading(o.tr(msgOpenHeading), 14)
	any := false
	for _, c := range s.Cameras {
		open := c.Open()
		if c.Excluded || len(open) == 0 {
			continue
		}
		any = true
		names := make([]string, len(open))
		for i, st := range open {
			names[i] = o.tr(stepName(st))
		}
		bullet(d, o.tr(msgOpenItem.With("Camera", c.Label()+" ("+c.MAC+")").With("Steps", strings.Join(names, ", "))))
	}
	if !any {
		d.para(o.tr(msgOpenNone), 10.5, colText)
	}
}

func writeSignatures(d *doc, s *handover.Session) {
	o := d.opts
	d.Ln(8)
	d.ensure(75)
	d.heading(o.tr(msgSignHeading), 14)
	d.Ln(2)
	colW := (d.width - 12) / 2
	top := d.GetY()
	for i, p := range []struct{ role, name string }{
		{o.tr(msgHandedOverBy), s.HandedOverBy}, {o.tr(msgReceivedBy), s.ReceivedBy},
	} {
		x := marginLR + float64(i)*(colW+12)
		d.SetXY(x, top)
		d.setFont("B", 10.5, colText)
		d.MultiCell(colW, 5.5, p.role, "", "L", false)
		y := top + 10
		for _, line := range []struct{ label, value string }{
			{o.tr(msgSignName), p.name}, {o.tr(msgSignDate), ""}, {o.tr(msgSignSignature), ""},
		} {
			y += 13
			d.SetXY(x, y-5)
			d.setFont("", 10, colText)
			d.CellFormat(colW, 5, fit(d, line.value, colW), "", 0, "L", false, 0, "")
			d.SetDrawColor(colText[0], colText[1], colText[2])
			d.SetLineWidth(0.3)
			d.Line(x, y, x+colW, y)
			d.SetXY(x, y+0.8)
			d.setFont("", 8, colMuted)
			d.CellFormat(colW, 4, line.label, "", 0, "L", false, 0, "")
		}
	}
	d.SetY(top + 10 + 3*13 + 8)
}
