package report

import (
	"context"
	"fmt"
	"io"
)

// Credential is one camera's login, for the credentials sheet only. It is
// filled from memory when the user asks for the sheet; nothing in this
// package keeps it or writes it anywhere but the writer it is given.
type Credential struct {
	Camera   string // the camera's label, as the report names it
	Address  string
	MAC      string
	User     string
	Password string
}

// WriteCredentialsPDF writes the credentials sheet for the new owner: a
// warning that the sheet opens the cameras to whoever holds it, then each
// camera's address, user name and password, large enough to type from.
// It is a document of its own, never a page of the report.
func WriteCredentialsPDF(ctx context.Context, w io.Writer, site string, creds []Credential, opts Options) (err error) {
	defer recoverPDF("credentials sheet", &err)
	site = pdfText(site)
	title := opts.tr(msgCredTitle)
	d := newDoc(opts, title, site)
	d.AddPage()
	d.setFont("B", 20, colText)
	d.MultiCell(d.width, 9, title, "", "L", false)
	d.setFont("", 13, colText)
	d.MultiCell(d.width, 7, site, "", "L", false)
	d.setFont("", 9.5, colMuted)
	d.MultiCell(d.width, 5, opts.tr(msgDate)+": "+d.now.Format("2006-01-02"), "", "L", false)
	d.Ln(5)

	// The warning, boxed in red, before anything else.
	warning := opts.tr(msgCredWarning)
	d.setFont("B", 10.5, colFailed)
	h := float64(d.lines(warning, d.width-8))*5.4 + 6
	y := d.GetY()
	d.SetDrawColor(colFailed[0], colFailed[1], colFailed[2])
	d.SetLineWidth(0.6)
	d.Rect(marginLR, y, d.width, h, "D")
	d.SetXY(marginLR+4, y+3)
	d.MultiCell(d.width-8, 5.4, warning, "", "L", false)
	d.SetY(y + h + 6)

	labelW := 32.0
	for i, c := range creds {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("write the credentials sheet: %w", err)
		}
		c := Credential{Camera: pdfText(c.Camera), Address: pdfText(c.Address), MAC: pdfText(c.MAC),
			User: pdfText(c.User), Password: pdfText(c.Password)}
		rows := []struct {
			label, value string
			big          bool
		}{
			{opts.tr(msgAddress), c.Address, false},
			{opts.tr(msgMAC), c.MAC, false},
			{opts.tr(msgUser), c.User, true},
			{opts.tr(msgCredPassword), c.Password, true},
		}
		d.SetFont(font, "B", 13)
		blockH := 8 + float64(d.lines(c.Password, d.width-labelW))*6.5 + 3*6.5 + 6
		d.ensure(blockH)
		d.setFont("B", 11.5, colText)
		d.MultiCell(d.width, 6, fmt.Sprintf("%d.  %s", i+1, c.Camera), "", "L", false)
		d.rule()
		d.Ln(1.5)
		for _, r := range rows {
			y := d.GetY()
			d.setFont("", 9.5, colMuted)
			d.SetXY(marginLR, y+0.8)
			d.CellFormat(labelW, 5, fit(d, r.label, labelW-1), "", 0, "L", false, 0, "")
			d.SetXY(marginLR+labelW, y)
			if r.big {
				d.setFont("B", 13, colText)
				d.MultiCell(d.width-labelW, 6.5, r.value, "", "L", false)
			} else {
				d.setFont("", 10.5, colText)
				d.MultiCell(d.width-labelW, 6.5, r.value, "", "L", false)
			}
		}
		d.Ln(5)
		if d.Err() {
			return fmt.Errorf("write the credentials sheet: %w", d.Error())
		}
	}
	if err := d.Output(w); err != nil {
		return fmt.Errorf("write the credentials sheet: %w", err)
	}
	return nil
}

// WriteCredentialsCSV writes the credentials as CSV, by the rules of the
// other CSV files: a password that starts with = + - or @ (the generator
// uses those) gets the leading apostrophe that keeps a spreadsheet from
// running it, which is not part of the password; the PDF sheet shows every
// password exactly.
func WriteCredentialsCSV(ctx context.Context, w io.Writer, site string, creds []Credential, opts Options) error {
	t, err := newCSVTable(w, []string{
		opts.tr(msgCSVSite), opts.tr(msgCredCamera), opts.tr(msgAddress), opts.tr(msgMAC),
		opts.tr(msgUser), opts.tr(msgCredPassword),
	})
	if err != nil {
		return err
	}
	for _, c := range creds {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("write the credentials: %w", err)
		}
		for _, s := range []string{site, c.Camera, c.Address, c.MAC, c.User, c.Password} {
			t.text(s)
		}
		if err := t.end(); err != nil {
			return err
		}
	}
	return t.close()
}
