package window

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
	"github.com/openipu/openipu/gui/widgets"
)

// helpItem runs the Help menu's item with that label.
func (w *testWindow) helpItem(t *testing.T, label string) {
	t.Helper()
	help := w.menu.Items[len(w.menu.Items)-1]
	for _, it := range help.Items {
		if it.Label == label {
			it.Action()
			return
		}
	}
	t.Fatalf("the Help menu has no %q", label)
}

// recordOpened makes the window note the pages it opens.
func (w *testWindow) recordOpened() *[]string {
	var opened []string
	w.opts.OpenURL = func(u *url.URL) error {
		opened = append(opened, u.String())
		return nil
	}
	return &opened
}

func TestAboutShowsVersionLicenceAndWebsiteAndEnterOrEscapeCloseIt(t *testing.T) {
	d := &fakes.Discoverer{}
	w := newTestWindow(t, d)
	w.opts.Version = "v1.4.0"
	opened := w.recordOpened()

	w.helpItem(t, "About OpenIPU")
	texts := uitest.TopTexts(w.win)
	for _, want := range []string{"Version", "v1.4.0", "Licence", "MIT licence", "Website", "https://github.com/openipu/openipu"} {
		if !strings.Contains(texts, want) {
			t.Errorf("About lacks %q:\n%s", want, texts)
		}
	}
	if b, ok := w.win.Canvas().Focused().(*widgets.EscButton); !ok || b.Text != "Close" {
		t.Fatalf("the keyboard is on %v, want Close", w.win.Canvas().Focused())
	}
	var site *widget.Hyperlink
	uitest.WalkShown(w.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Hyperlink); ok && l.Text == "https://github.com/openipu/openipu" {
			site = l
		}
	})
	if site == nil {
		t.Fatal("the website is not a link")
	}
	test.TapAt(site, fyne.NewPos(20, site.Size().Height/2))
	if !slices.Equal(*opened, []string{"https://github.com/openipu/openipu"}) {
		t.Errorf("the link opened %q", *opened)
	}
	w.win.Canvas().Focus(dialogButton(t, w.win, "Close"))
	w.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("Enter left About open")
	}

	w.opts.Version = ""
	w.helpItem(t, "About OpenIPU")
	if texts := uitest.TopTexts(w.win); !strings.Contains(texts, "development build") {
		t.Errorf("About without a version:\n%s", texts)
	}
	w.win.Canvas().Unfocus()
	pressEscape(w.win)
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape left About open")
	}
	before := d.Refreshes()
	w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5})
	if d.Refreshes() != before+1 {
		t.Error("F5 does not search again once About is closed")
	}
}

func TestHelpHoldsAGettingStartedGuideOfTheHandoverAndTheReadme(t *testing.T) {
	w := newTestWindow(t, &fakes.Discoverer{})
	opened := w.recordOpened()

	w.helpItem(t, "Getting started")
	texts := uitest.TopTexts(w.win)
	for _, want := range []string{"Find the cameras", "Guided factory reset…", "Set the first password", "Give it its address on the site network", "Check that it answers"} {
		if !strings.Contains(texts, want) {
			t.Errorf("the guide lacks %q:\n%s", want, texts)
		}
	}
	pressEscape(w.win)
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape left the guide open")
	}

	w.helpItem(t, "Open the README")
	if !slices.Equal(*opened, []string{"https://github.com/openipu/openipu#readme"}) {
		t.Errorf("Open the README opened %q", *opened)
	}
}
