package window

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
)

// newWindowOnApp is a window on app, with the firewall explained or not,
// so that two starts can share the app's preferences.
func newWindowOnApp(t *testing.T, app fyne.App, b *backend.Backend, explain bool) *testWindow {
	t.Helper()
	t.Setenv("LANG", "en_US.UTF-8")
	if err := i18n.LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	ui := uitest.NewLoop()
	w := NewWith(app, Options{Backend: b, Now: testNowFunc, ExplainFirewall: explain}, ui.Do)
	t.Cleanup(func() {
		w.Close()
		ui.Settle()
	})
	return &testWindow{MainWindow: w, ui: ui}
}

func testNowFunc() time.Time { return testNow }

func searchOn(d *fakes.Discoverer) *backend.Backend {
	b := &backend.Backend{}
	fakes.UseSearch(b, d)
	return b
}

func TestFirstStartOnWindowsSearchesOnlyAfterTheFirewallIsExplained(t *testing.T) {
	app := test.NewTempApp(t)
	d := &fakes.Discoverer{}
	w := newWindowOnApp(t, app, searchOn(d), true)
	w.ui.Settle()
	if n := d.RunCount(); n != 0 {
		t.Fatalf("the search started %d times before Continue", n)
	}
	text := topDialog(w.win)
	for _, want := range []string{"Private networks", "5353", "1900", "Allow an app through firewall", "Continue"} {
		if !strings.Contains(text, want) {
			t.Errorf("the explanation does not say %q:\n%s", want, text)
		}
	}
	if app.Preferences().Bool(firewallExplainedKey) {
		t.Error("remembered as read before Continue")
	}

	w.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	w.ui.Until(t, "the search starts after Continue", func() bool { return d.RunCount() == 1 })
	if w.win.Canvas().Overlays().Top() != nil {
		t.Errorf("the explanation stayed open:\n%s", topDialog(w.win))
	}
	if !app.Preferences().Bool(firewallExplainedKey) {
		t.Error("Continue was not remembered")
	}

	// The next start of OpenIPU, with the same preferences, does not ask.
	again := &fakes.Discoverer{}
	w2 := newWindowOnApp(t, app, searchOn(again), true)
	w2.ui.Until(t, "the second start searches at once", func() bool { return again.RunCount() == 1 })
	if top := w2.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("the explanation came again:\n%s", topDialog(w2.win))
	}
}

func TestTheFirewallExplanationIsNeverShownForSimulatedCamerasOrAwayFromWindows(t *testing.T) {
	for _, c := range []struct {
		name      string
		explain   bool
		simulated bool
	}{{"simulated cameras on Windows", true, true}, {"real cameras elsewhere", false, false}} {
		t.Run(c.name, func(t *testing.T) {
			d := &fakes.Discoverer{}
			b := searchOn(d)
			b.Simulated = c.simulated
			w := newWindowOnApp(t, test.NewTempApp(t), b, c.explain)
			w.ui.Until(t, "the search starts at once", func() bool { return d.RunCount() == 1 })
			if w.firewallDialog != nil {
				t.Error("the firewall was explained")
			}
		})
	}
}

func TestHelpExplainsTheFirewallAgainOnWindowsOnly(t *testing.T) {
	app := test.NewTempApp(t)
	app.Preferences().SetBool(firewallExplainedKey, true)
	w := newWindowOnApp(t, app, searchOn(&fakes.Discoverer{}), true)
	w.helpItem(t, "Windows firewall…")
	if text := uitest.TopTexts(w.win); !strings.Contains(text, "Private networks") {
		t.Errorf("Help → Windows firewall… shows:\n%s", text)
	}

	other := newWindowOnApp(t, test.NewTempApp(t), searchOn(&fakes.Discoverer{}), false)
	for _, it := range other.menu.Items[len(other.menu.Items)-1].Items {
		if strings.Contains(it.Label, "firewall") {
			t.Errorf("the Help menu away from Windows has %q", it.Label)
		}
	}
}
