package dialogs

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/handover"
	"github.com/openipu/openipu/core/report"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/usermsg/catalogue"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/widgets"
)

// exportDialog saves a document: the report, the camera list or the
// credentials sheet. The file is written whole or not at all, and an
// existing file is replaced only when the user says so.
type exportDialog struct {
	*frame
	path    *widgets.EscEntry
	format  *widget.RadioGroup
	paper   *widget.Select
	replace *widget.Check
	open    *widget.Button
	// language is the document's language, for the report; nil for
	// documents in the window's language.
	language *widget.Select
	form     *fyne.Container
	// tr is the chosen language's translator, read when Save is pressed
	// (on the Fyne goroutine) for the work that writes the document.
	tr      func(usermsg.Message) string
	saved   string
	formats []string
	exts    []string
	name    func(ext string) string
	write   func(ctx context.Context, w io.Writer, format int, paper string) error
}

// Translate renders the report's words in the window's language; a
// failure recorded by its key alone is shown as its sentence.
func Translate(m usermsg.Message) string { return i18n.Text(catalogue.Filled(m)) }

func newExportDialog(h Host, title, intro string, formats, exts []string, paper string, name func(string) string,
	write func(context.Context, io.Writer, int, string) error) *exportDialog {
	d := &exportDialog{formats: formats, exts: exts, name: name, write: write}
	body := container.NewVBox()
	d.frame = newFrame(h, title, body, lang.X("export.save", "Save"), d.submit)
	d.primary.SetIcon(theme.DocumentSaveIcon())
	d.path = widgets.NewEscEntry(d.escape)
	d.path.OnSubmitted = func(string) { d.submit() }
	d.format = widget.NewRadioGroup(formats, func(string) { d.retarget() })
	d.format.Required = true
	d.format.SetSelected(formats[0])
	choose := widget.NewButtonWithIcon(lang.X("export.choose", "Choose…"), theme.FolderOpenIcon(), d.choose)
	d.replace = widget.NewCheck(lang.X("export.replace", "Replace the file if it exists"), nil)
	d.open = widget.NewButtonWithIcon(lang.X("export.open", "Open it"), theme.FileIcon(), func() {
		if d.saved != "" {
			if err := d.h.OpenURL(fileURL(d.saved)); err != nil {
				d.problem.ShowError(err)
				d.relayout()
			}
		}
	})
	d.open.Hide()
	rows := []fyne.CanvasObject{}
	if len(formats) > 1 {
		rows = append(rows, widget.NewLabel(lang.X("export.format", "Format")), d.format)
	}
	if paper != "" {
		d.paper = widget.NewSelect([]string{report.A4, report.Letter}, nil)
		d.paper.SetSelected(paper)
		rows = append(rows, widget.NewLabel(lang.X("export.paper", "Paper")), d.paper)
	}
	rows = append(rows, widget.NewLabel(lang.X("export.file", "File")), container.NewBorder(nil, nil, nil, choose, d.path))
	d.form = container.New(layout.NewFormLayout(), rows...)
	body.Objects = []fyne.CanvasObject{widgets.Wrapped(intro), d.form, d.replace}
	d.setButtons(d.open)
	d.retarget()
	return d
}

func (d *exportDialog) formatIndex() int {
	for i, f := range d.formats {
		if f == d.format.Selected {
			return i
		}
	}
	return 0
}

// retarget proposes a file name that fits the format, in the folder of
// the one there.
func (d *exportDialog) retarget() {
	if d.path == nil {
		return
	}
	ext := d.exts[d.formatIndex()]
	dir := d.h.Backend().DocumentsDir
	if cur := strings.TrimSpace(d.path.Text); cur != "" {
		dir = filepath.Dir(cur)
	}
	d.path.SetText(filepath.Join(dir, d.name(ext)))
}

// choose opens the system's file chooser for the file to save.
func (d *exportDialog) choose() {
	fd := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		// The chooser creates the file to hand it over; the document is
		// written beside it and renamed over it, so the empty file is
		// replaced, not kept.
		path := w.URI().Path()
		w.Close()
		d.path.SetText(path)
		d.replace.SetChecked(true)
	}, d.h.Window())
	fd.SetFileName(filepath.Base(d.path.Text))
	fd.Show()
}

func (d *exportDialog) submit() {
	path := strings.TrimSpace(d.path.Text)
	if path == "" {
		d.problem.Set(widgets.NoticeError, lang.X("export.no_file", "Say where to save it first."), "")
		d.relayout()
		return
	}
	format, replace, paper := d.formatIndex(), d.replace.Checked, ""
	if d.paper != nil {
		paper = d.paper.Selected
	}
	d.open.Hide()
	d.tr = d.translator()
	d.run(nil, func(ctx context.Context) func() {
		err := report.SaveFile(path, replace, func(w io.Writer) error { return d.write(ctx, w, format, paper) })
		return func() {
			d.cancel.SetText(lang.X("dialog.button.close", "Close"))
			if err != nil {
				d.problem.ShowError(err)
				d.relayout()
				return
			}
			d.saved = path
			d.problem.Set(widgets.NoticeSuccess, lang.X("export.saved", "Saved as {{.Path}}", map[string]any{"Path": path}), "")
			d.open.Show()
			d.relayout()
		}
	})
}

// fileDate is today's date for a file name.
func fileDate() string { return time.Now().Format("2006-01-02") }

// safeName makes a site name fit for a file name on every system.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"/\|?*`, r) || r < 0x20 {
			return '-'
		}
		return r
	}, s)
	if len(s) > 80 {
		s = s[:80]
	}
	return strings.TrimSpace(s)
}

// offerLanguages adds the choice of the document's language, the window's
// first, each language named in itself.
func (d *exportDialog) offerLanguages() {
	var names []string
	for _, l := range i18n.Languages {
		names = append(names, l.Name)
	}
	d.language = widget.NewSelect(names, nil)
	d.language.SetSelected(i18n.NameOf(i18n.Active()))
	d.form.Objects = append([]fyne.CanvasObject{widget.NewLabel(lang.X("export.language", "Language")), d.language}, d.form.Objects...)
	d.form.Refresh()
}

// translator renders the document in the chosen language.
func (d *exportDialog) translator() func(usermsg.Message) string {
	if d.language == nil {
		return Translate
	}
	for _, l := range i18n.Languages {
		if l.Name == d.language.Selected {
			if tr, err := i18n.TranslatorFor(l.Code); err == nil {
				return tr
			}
		}
	}
	return Translate
}

// ShowExportReport saves the handover's report as a PDF or a CSV table, in
// the language chosen for it (the window's, unless the user picks
// another): headings and words only; names, serials, addresses and times
// stay as they are.
func ShowExportReport(h Host, live *handover.Live) {
	s := live.Session()
	paper := s.Paper
	if paper == "" {
		paper = report.DefaultPaper(lang.SystemLocale().String())
	}
	dir := live.Store().SnapshotDir(s.ID)
	var d *exportDialog
	d = newExportDialog(h, lang.X("export.report.title", "Export the handover report"),
		lang.X("export.report.intro", "The report lists every camera with its checklist, times and snapshot, what is still open, and lines for the signatures. It never holds a password."),
		[]string{lang.X("export.format.pdf", "PDF report"), lang.X("export.format.csv", "CSV table, for a spreadsheet")}, []string{".pdf", ".csv"}, paper,
		func(ext string) string {
			return safeName(lang.X("export.report.file", "Handover {{.Site}} {{.Date}}", map[string]any{"Site": s.Site, "Date": fileDate()})) + ext
		},
		func(ctx context.Context, w io.Writer, format int, paper string) error {
			s := live.Session() // as it is when saved
			opts := report.Options{Paper: paper, SnapshotDir: dir, Translate: d.tr}
			if format == 1 {
				return report.WriteCSV(ctx, w, s, opts)
			}
			return report.WritePDF(ctx, w, s, opts)
		})
	d.offerLanguages()
	d.show(d.path)
}

// ShowExportList saves the camera list as a CSV table, with or without a
// handover.
func ShowExportList(h Host, cams []discovery.Device, rows func([]discovery.Device) []report.DeviceRow) {
	d := newExportDialog(h, lang.X("export.list.title", "Export the camera list"),
		i18n.Counted("export.list.intro", "The list of the camera found, as a CSV table for a spreadsheet.", "The list of the {{.Count}} cameras found, as a CSV table for a spreadsheet.", len(cams)),
		[]string{"CSV"}, []string{".csv"}, "",
		func(ext string) string {
			return safeName(lang.X("export.list.file", "Cameras {{.Date}}", map[string]any{"Date": fileDate()})) + ext
		},
		func(ctx context.Context, w io.Writer, _ int, _ string) error {
			return report.WriteDeviceListCSV(ctx, w, rows(cams), report.Options{Translate: Translate})
		})
	d.show(d.path)
}

// ShowCredentialsSheet saves, for the new owner, the user names and
// passwords set in this run: held in memory only, and written nowhere but
// where the user chooses now.
func ShowCredentialsSheet(h Host, live *handover.Live) {
	creds := h.Backend().Typed.List()
	site := ""
	if live != nil {
		s := live.Session()
		site = s.Site
		for i, c := range creds {
			if cam, ok := s.Camera(c.MAC); ok && cam.Name != "" {
				creds[i].Camera = cam.Label()
			}
		}
	}
	d := newExportDialog(h, lang.X("export.creds.title", "Credentials sheet for the new owner"),
		i18n.Counted("export.creds.intro",
			"This sheet holds the user name and password of the camera set up in this run. Anyone holding it can log in to the camera: hand it over in person, keep it locked away, and never send it by e-mail. It is not part of the report, and OpenIPU keeps no copy.",
			"This sheet holds the user names and passwords of the {{.Count}} cameras set up in this run. Anyone holding it can log in to the cameras: hand it over in person, keep it locked away, and never send it by e-mail. It is not part of the report, and OpenIPU keeps no copy.", len(creds)),
		[]string{lang.X("export.format.pdf_print", "PDF, to print"), lang.X("export.format.csv_manager", "CSV, for a password manager")}, []string{".pdf", ".csv"}, "",
		func(ext string) string {
			return safeName(lang.X("export.creds.file", "Credentials {{.Site}} {{.Date}}", map[string]any{"Site": site, "Date": fileDate()})) + ext
		},
		func(ctx context.Context, w io.Writer, format int, _ string) error {
			opts := report.Options{Translate: Translate, Paper: report.DefaultPaper(lang.SystemLocale().String())}
			if format == 1 {
				return report.WriteCredentialsCSV(ctx, w, site, creds, opts)
			}
			return report.WriteCredentialsPDF(ctx, w, site, creds, opts)
		})
	d.note.SetText(lang.X("export.creds.warning", "Keep this file safe: it opens the cameras."))
	d.note.Show()
	if len(creds) == 0 {
		d.problem.Set(widgets.NoticeInfo, lang.X("export.creds.none", "No password was set in this run of OpenIPU, so there is nothing to put on the sheet."),
			lang.X("export.creds.none_next", "Passwords are kept only while OpenIPU runs; set them again, or write the sheet by hand."))
		d.primary.Disable()
	}
	d.show(d.path)
}
