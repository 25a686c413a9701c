package report

import (
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/openipu/openipu/core/usermsg"
)

// Paper sizes a document can be printed on.
const (
	A4     = "A4"
	Letter = "Letter"
)

// Options says how a document is rendered. The zero Options gives an
// English A4 document dated now, in the computer's time zone.
type Options struct {
	// Paper is A4 or Letter; anything else is A4. "" lets WritePDF use
	// the session's choice. DefaultPaper gives the one of the user's
	// region.
	Paper string
	// SnapshotDir is the session's snapshot folder
	// (handover.Store.SnapshotDir); "" prints no pictures.
	SnapshotDir string
	// Translate renders a message in the reader's language; nil renders
	// the English text.
	Translate func(usermsg.Message) string
	// Now is the date the document carries; zero means time.Now().
	Now time.Time
	// Location is the time zone times are shown in; nil means time.Local.
	Location *time.Location
}

// tr renders m in the reader's language, made safe for the PDF writer
// (a translation file is text from outside the program).
func (o Options) tr(m usermsg.Message) string {
	if o.Translate == nil {
		return pdfText(m.String())
	}
	return pdfText(o.Translate(m))
}

func (o Options) now() time.Time {
	t := o.Now
	if t.IsZero() {
		t = time.Now()
	}
	return t.In(o.loc())
}

func (o Options) loc() *time.Location {
	if o.Location == nil {
		return time.Local
	}
	return o.Location
}

func (o Options) paper() string {
	if strings.EqualFold(o.Paper, Letter) {
		return Letter
	}
	return A4
}

// letterRegions print on US Letter; the rest of the world uses A4.
var letterRegions = map[string]bool{
	"US": true, "CA": true, "MX": true, "PH": true, "CL": true, "CO": true, "VE": true,
	"PR": true, "GT": true, "CR": true, "PA": true, "SV": true, "NI": true, "BZ": true,
	"DO": true,
}

// DefaultPaper is the paper size usual in a locale's region: Letter in the
// Americas' Letter countries and the Philippines, A4 elsewhere. A locale
// without a region ("en", "C") gets A4, since guessing the United States
// for every English speaker would be wrong more often than not. POSIX
// ("en_US.UTF-8") and BCP 47 ("en-US") spellings are both read.
func DefaultPaper(locale string) string {
	locale, _, _ = strings.Cut(locale, ".")
	locale, _, _ = strings.Cut(locale, "@")
	locale = strings.ReplaceAll(locale, "_", "-")
	tag, err := language.Parse(locale)
	if err != nil {
		return A4
	}
	region, conf := tag.Region()
	if conf != language.Exact {
		return A4
	}
	if letterRegions[region.String()] {
		return Letter
	}
	return A4
}
