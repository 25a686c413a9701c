package dialogs

import (
	"bytes"
	"image/color"
	"image/png"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/internal/uitest"
)

func shotCameras() ([2]discovery.Device, discovery.Device, discovery.Device) {
	a, b := gen11Device("ACCC8E000041"), gen11Device("B8A44F000042")
	a.Addresses = []netip.Addr{netip.MustParseAddr("192.168.1.41")}
	b.Addresses = []netip.Addr{netip.MustParseAddr("192.168.1.42")}
	b.Firmware = "10.12.228"
	ready := cameraAt("E82725000043", "192.168.1.43")
	ready.Firmware = "12.9.57"
	elsewhere := cameraAt("00408C000044", "192.168.0.90")
	return [2]discovery.Device{a, b}, ready, elsewhere
}

// TestEveryDialogShotOpensFitsTheWindowAndClosesWithoutTheNetwork draws each
// staged dialog at the screenshot size. With OPENIPU_DIALOG_SHOTS set to a
// folder it also writes them there as dialog-<name>-<light|dark>.png.
func TestEveryDialogShotOpensFitsTheWindowAndClosesWithoutTheNetwork(t *testing.T) {
	dir := os.Getenv("OPENIPU_DIALOG_SHOTS")
	h := newFakeHost(t)
	h.Win.Resize(fyne.NewSize(1180, 720))
	need, ready, elsewhere := shotCameras()
	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		fyne.CurrentApp().Settings().SetTheme(shotTheme{variant})
		for _, s := range DialogShots(need, ready, elsewhere) {
			closeIt := s.Open(h)
			top := h.Win.Canvas().Overlays().Top()
			if top == nil {
				t.Fatalf("%s: nothing opened", s.Name)
			}
			if c := outerColumn(top); c == nil {
				t.Errorf("%s: no dialog content found", s.Name)
			} else if got, need := c.Size().Height, c.MinSize().Height; got+1 < need {
				t.Errorf("%s: the content needs %.0f px but gets %.0f: it is squeezed under the buttons", s.Name, need, got)
			}
			if strings.Contains(uitest.Painted(top), shotPassword) {
				t.Errorf("%s: the password is shown in clear", s.Name)
			}
			if dir != "" {
				var b bytes.Buffer
				if err := png.Encode(&b, h.Win.Canvas().Capture()); err != nil {
					t.Fatal(err)
				}
				name := "dialog-" + s.Name + "-" + map[fyne.ThemeVariant]string{theme.VariantLight: "light", theme.VariantDark: "dark"}[variant] + ".png"
				if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			closeIt()
			if n := len(h.Win.Canvas().Overlays().List()); n != 0 {
				t.Errorf("%s: %d dialogs left open after closing", s.Name, n)
			}
		}
	}
	if h.B.Env.Connect != nil || len(h.journal().all()) != 0 {
		t.Error("a screenshot touched a camera or the journal")
	}
}

// outerColumn is the dialog's content: the outermost column.
func outerColumn(o fyne.CanvasObject) *fyne.Container {
	if c, ok := o.(*fyne.Container); ok {
		if _, ok := c.Layout.(*column); ok {
			return c
		}
		for _, x := range c.Objects {
			if found := outerColumn(x); found != nil {
				return found
			}
		}
		return nil
	}
	if w, ok := o.(fyne.Widget); ok {
		for _, x := range test.WidgetRenderer(w).Objects() {
			if found := outerColumn(x); found != nil {
				return found
			}
		}
	}
	return nil
}

// shotTheme is Fyne's default theme in a fixed variant.
type shotTheme struct{ variant fyne.ThemeVariant }

func (s shotTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, s.variant)
}
func (s shotTheme) Font(st fyne.TextStyle) fyne.Resource    { return theme.DefaultTheme().Font(st) }
func (s shotTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }
func (s shotTheme) Size(n fyne.ThemeSizeName) float32       { return theme.DefaultTheme().Size(n) }
