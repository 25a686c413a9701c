// Package shots puts the real window on the simulated office for the
// screenshots of the dialogs and the reset wizard, which their packages'
// tests stage over it. Only tests import it, so none of it is built into
// the program.
package shots

import (
	"cmp"
	"context"
	"net/netip"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/apptheme"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/internal/uitest"
	"github.com/openipu/openipu/gui/window"
)

// officeSize is how many cameras the simulated office has.
const officeSize = 8

// Office is the window on the simulated office, every camera found and
// asked, the search's burst over, in the app's theme held to variant. The
// loop runs the window's work on the test goroutine.
type Office struct {
	Window *window.MainWindow
	Loop   *uitest.Loop
	// The cameras by what they need, in the table's order (by address).
	NeedPassword, Ready, Unreachable []discovery.Device
}

// DemoOffice starts the simulated office through office (the caller's
// demo.NewBackend, so this package needs no office of its own) and the
// window on it.
func DemoOffice(t *testing.T, variant fyne.ThemeVariant, office func(context.Context) (*backend.Backend, error)) *Office {
	t.Helper()
	t.Setenv("LANG", "en_US.UTF-8")
	if err := i18n.LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	// `make screenshots LANG=de_DE.UTF-8` draws them in German.
	if err := i18n.UseForScreenshots(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	b, err := office(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Shutdown)
	app := test.NewTempApp(t)
	o := &Office{Loop: uitest.NewLoop()}
	o.Window = window.NewWith(app, window.Options{Backend: b}, o.Loop.Do)
	t.Cleanup(func() {
		o.Window.Close()
		o.Loop.Settle()
	})
	app.Settings().SetTheme(uitest.Pinned(apptheme.New(), variant))
	o.Window.Window().Content().Refresh()
	o.Loop.UntilWithin(t, time.Minute, "every simulated camera is found and asked", func() bool {
		cams := o.Window.Cameras()
		if len(cams) != officeSize {
			return false
		}
		for _, c := range cams {
			if !c.Lost && !unreachable(c) && c.Setup == discovery.SetupUnknown {
				return false
			}
		}
		return true
	})
	o.Loop.UntilWithin(t, time.Minute, "the search's burst is over", func() bool {
		return !shows(o.Window.Window().Content(), "Searching…")
	})
	cams := o.Window.Cameras()
	first := func(d discovery.Device) netip.Addr {
		if len(d.Addresses) == 0 {
			return netip.Addr{}
		}
		return d.Addresses[0]
	}
	slices.SortFunc(cams, func(a, b discovery.Device) int {
		return cmp.Or(first(a).Compare(first(b)), cmp.Compare(a.MAC, b.MAC))
	})
	for _, c := range cams {
		switch {
		case c.Lost:
		case unreachable(c):
			o.Unreachable = append(o.Unreachable, c)
		case c.Setup == discovery.SetupNeeded:
			o.NeedPassword = append(o.NeedPassword, c)
		case c.Setup == discovery.SetupDone:
			o.Ready = append(o.Ready, c)
		}
	}
	return o
}

// unreachable: this computer cannot ask the camera anything where it is.
func unreachable(d discovery.Device) bool {
	switch d.Diagnosis.Reach {
	case discovery.ReachFactoryAddress, discovery.ReachLinkLocalOnly, discovery.ReachOtherSubnet, discovery.ReachNoHTTP:
		return true
	}
	return false
}

// shows says whether a label with text is on screen under o.
func shows(o fyne.CanvasObject, text string) bool {
	found := false
	uitest.WalkShown(o, func(x fyne.CanvasObject) {
		if l, ok := x.(*widget.Label); ok && l.Text == text {
			found = true
		}
	})
	return found
}

// Close takes every dialog off the window.
func (o *Office) Close() {
	c := o.Window.Window().Canvas()
	for c.Overlays().Top() != nil {
		c.Overlays().Remove(c.Overlays().Top())
	}
}
