package report

import (
	"bytes"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/openipu/openipu/assets/fonts"
)

const (
	font      = "Noto"
	creator   = "OpenIPU" // the program's name, the same in every language
	nbAlias   = "{nb}"    // replaced by the page count when the PDF is written
	marginLR  = 18.0      // mm
	marginTop = 16.0
	// marginBottom leaves room for the footer line below the text.
	marginBottom = 20.0
	lineH        = 5.0
	// maxPicture bounds a snapshot file read into the PDF. Snapshots are
	// kept as 480-pixel-wide JPEGs of some tens of kilobytes; anything far
	// bigger is not one, and a site of hundreds must stay printable.
	maxPicture = 2 << 20
)

// Colours, as RGB: a dark grey for text that is not the point (labels,
// the footer), red for failures, amber for what is still to do.
var (
	colText   = [3]int{20, 20, 20}
	colMuted  = [3]int{100, 100, 100}
	colRule   = [3]int{190, 190, 190}
	colFailed = [3]int{180, 20, 20}
	colOpen   = [3]int{170, 95, 0}
	colShade  = [3]int{238, 238, 238}
)

// doc is a PDF page layout with the package's font, margins and footer.
type doc struct {
	*fpdf.Fpdf
	opts  Options
	now   time.Time
	width float64 // between the margins
}

func newDoc(opts Options, title, subject string) *doc {
	d := &doc{opts: opts, now: opts.now()}
	d.Fpdf = fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: opts.paper()})
	d.AddUTF8FontFromBytes(font, "", fonts.NotoSansRegular)
	d.AddUTF8FontFromBytes(font, "B", fonts.NotoSansBold)
	d.SetMargins(marginLR, marginTop, marginLR)
	d.SetAutoPageBreak(true, marginBottom)
	d.SetTitle(title, true)
	d.SetSubject(subject, true)
	d.SetCreator(creator, true)
	d.SetProducer(creator, true)
	// The document's dates are the report's, so the same session printed
	// twice at the same moment gives the same bytes.
	d.SetCreationDate(d.now)
	d.SetModificationDate(d.now)
	d.AliasNbPages(nbAlias)
	pw, _ := d.GetPageSize()
	d.width = pw - 2*marginLR
	d.SetFooterFunc(func() {
		_, ph := d.GetPageSize()
		d.setFont("", 8, colMuted)
		d.SetXY(marginLR, ph-marginBottom+6)
		d.CellFormat(d.width*0.6, 4, fit(d, title+" · "+subject, d.width*0.6), "", 0, "L", false, 0, "")
		page := opts.tr(msgPage.With("Page", d.PageNo()).With("Pages", nbAlias))
		// The alias is wider than the number it becomes: measure with
		// the number's likely width so the text ends near the margin.
		w := d.GetStringWidth(strings.ReplaceAll(page, nbAlias, "99"))
		d.SetXY(marginLR+d.width-w, ph-marginBottom+6)
		d.CellFormat(w, 4, page, "", 0, "L", false, 0, "")
	})
	return d
}

func (d *doc) setFont(style string, size float64, col [3]int) {
	d.SetFont(font, style, size)
	d.SetTextColor(col[0], col[1], col[2])
}

// roomLeft is the height left on the page above the bottom margin.
func (d *doc) roomLeft() float64 {
	_, ph := d.GetPageSize()
	return ph - marginBottom - d.GetY()
}

// ensure starts a new page unless h millimetres fit on this one, so that
// a block is not split from its heading.
func (d *doc) ensure(h float64) {
	if d.roomLeft() < h {
		d.AddPage()
	}
}

func (d *doc) heading(text string, size float64) {
	d.ensure(size*0.6 + 12)
	d.setFont("B", size, colText)
	d.MultiCell(d.width, size*0.5, text, "", "L", false)
	d.Ln(2)
}

func (d *doc) para(text string, size float64, col [3]int) {
	d.setFont("", size, col)
	d.MultiCell(d.width, size*0.5, text, "", "L", false)
}

func (d *doc) rule() {
	d.SetDrawColor(colRule[0], colRule[1], colRule[2])
	d.SetLineWidth(0.2)
	y := d.GetY()
	d.Line(marginLR, y, marginLR+d.width, y)
}

// lines is how many lines text takes in a column w wide, at the current
// font.
func (d *doc) lines(text string, w float64) int {
	n := 0
	for _, para := range strings.Split(text, "\n") {
		n += max(1, len(d.SplitText(para, w)))
	}
	return n
}

// fit shortens text with an ellipsis to w millimetres.
func fit(d *doc, text string, w float64) string {
	if d.GetStringWidth(text) <= w {
		return text
	}
	r := []rune(text)
	for len(r) > 0 && d.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

func (d *doc) formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(d.opts.loc()).Format("2006-01-02 15:04")
}

// picture registers the JPEG at path under name and returns its size in
// pixels; ok is false when there is no usable picture there. Nothing about
// a picture fails the document: a snapshot folder copied without its
// files, or a damaged file, prints as a placeholder.
func (d *doc) picture(name, path string) (w, h int, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, false
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, maxPicture+1))
	if err != nil || len(raw) > maxPicture {
		return 0, 0, false
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(raw))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return 0, 0, false
	}
	d.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "JPG"}, bytes.NewReader(raw))
	if d.Err() {
		// The file decoded as a JPEG header but not as a picture the PDF
		// can hold; the document carries on without it.
		d.ClearError()
		return 0, 0, false
	}
	return cfg.Width, cfg.Height, true
}

// snapshotPath is where a camera's snapshot is, "" if it has none. The
// file name comes from the session file, so it is kept to a name in the
// folder.
func snapshotPath(dir, file string) string {
	if dir == "" || file == "" {
		return ""
	}
	base := filepath.Base(file)
	if base == "." || base == ".." || base != file {
		return ""
	}
	return filepath.Join(dir, base)
}

var imageJPG = fpdf.ImageOptions{ImageType: "JPG"}
