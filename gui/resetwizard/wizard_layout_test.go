package resetwizard

import (
	"fmt"
	"image/color"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/openipu/openipu/assets"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
)

// rect is a rectangle on the window.
type rect struct{ min, max fyne.Position }

func (r rect) String() string {
	return fmt.Sprintf("(%.0f,%.0f)-(%.0f,%.0f)", r.min.X, r.min.Y, r.max.X, r.max.Y)
}

func (r rect) intersect(o rect) rect {
	return rect{
		fyne.NewPos(max(r.min.X, o.min.X), max(r.min.Y, o.min.Y)),
		fyne.NewPos(min(r.max.X, o.max.X), min(r.max.Y, o.max.Y)),
	}
}

// onScreen is where target is drawn on w, and the part of it a person
// sees: what the window and every scrolling area around it do not cut
// off. found is false when target is not on the window at all, or hidden.
func onScreen(w fyne.Window, target fyne.CanvasObject) (drawn, seen rect, found bool) {
	// The app's driver lays out again whatever changed before it draws;
	// the test canvas needs telling.
	for _, o := range w.Canvas().Overlays().List() {
		uitest.Relayout(o)
	}
	window := rect{max: fyne.NewPos(w.Canvas().Size().Width, w.Canvas().Size().Height)}
	var visit func(o fyne.CanvasObject, at fyne.Position, clip rect) bool
	visit = func(o fyne.CanvasObject, at fyne.Position, clip rect) bool {
		if o == nil || !o.Visible() {
			return false
		}
		at = at.Add(o.Position())
		here := rect{at, at.Add(fyne.NewPos(o.Size().Width, o.Size().Height))}
		if o == target {
			drawn, seen, found = here, here.intersect(clip), true
			return true
		}
		var children []fyne.CanvasObject
		switch x := o.(type) {
		case *fyne.Container:
			children = x.Objects
		case fyne.Widget:
			if _, ok := x.(*container.Scroll); ok {
				clip = clip.intersect(here)
			}
			children = test.WidgetRenderer(x).Objects()
		}
		for _, c := range children {
			if visit(c, at, clip) {
				return true
			}
		}
		return false
	}
	top := w.Canvas().Overlays().Top()
	visit(top, fyne.Position{}, window)
	return drawn, seen, found
}

// inView fails the test unless all of o shows on the window.
func inView(t *testing.T, w fyne.Window, what string, o fyne.CanvasObject) {
	t.Helper()
	drawn, seen, found := onScreen(w, o)
	switch {
	case !found:
		t.Errorf("%s is not on the window", what)
	case seen != drawn:
		t.Errorf("%s is drawn at %v but only %v of it shows in the %.0f×%.0f window", what, drawn, seen, w.Canvas().Size().Width, w.Canvas().Size().Height)
	}
}

// everyPage visits each page of the wizard, the outcomes included, as a
// user reaches them.
func everyPage(r *wizardRig, visit func(p wizardPage)) {
	r.t.Helper()
	for p := pageChoose; p <= pageWait; p++ {
		r.walkTo(p)
		visit(p)
	}
	test.Tap(r.wait.stuck)
	visit(pageTrouble)
	r.seen([]discovery.Device{fakes.Camera(macLost, discovery.SetupNeeded, "192.168.1.77")})
	if r.page != pageBack {
		r.t.Fatalf("the camera came back, but the wizard is on page %d", r.page)
	}
	visit(pageBack)
}

func TestResetWizardIsOneSizeAndItsButtonsStayPutOnEveryPage(t *testing.T) {
	cam := fakes.Camera(macLost, discovery.SetupDone, "192.168.1.41")
	r := openWizard(t, cam, cam)
	type place struct{ dialog, cancel, back, next rect }
	where := func() place {
		var p place
		for _, x := range []struct {
			to *rect
			o  fyne.CanvasObject
		}{{&p.dialog, r.content}, {&p.cancel, r.cancel}, {&p.back, r.back}, {&p.next, r.next}} {
			drawn, _, found := onScreen(r.h.Win, x.o)
			if !found {
				t.Fatalf("page %d: %T is not on the window", r.page, x.o)
			}
			*x.to = drawn
		}
		return p
	}
	first := where()
	everyPage(r, func(p wizardPage) {
		if got := where(); got != first {
			t.Errorf("page %d (%q) has the wizard at %v and Cancel, Back, Next at %v %v %v; page 1 had %v and %v %v %v",
				p, r.heading.Text, got.dialog, got.cancel, got.back, got.next, first.dialog, first.cancel, first.back, first.next)
		}
	})
}

// Someone holding the camera's button with one hand presses Start with the
// other, and watches the count: both must be in view on a small screen.
func TestResetWizardShowsStartAndTheCountWithoutScrollingInA900x600Window(t *testing.T) {
	cam := fakes.Camera(macLost, discovery.SetupDone, "192.168.1.41")
	h := fakes.NewHost(t)
	h.Win.Resize(fyne.NewSize(900, 600))
	r := openWizardOn(t, h, cam, cam)
	r.walkTo(pageHold)
	check := func(when string) {
		t.Helper()
		inView(t, h.Win, "Start "+when, r.count.start)
		inView(t, h.Win, "the count "+when, r.count.number)
		inView(t, h.Win, "what to do "+when, r.count.say)
		inView(t, h.Win, "Next "+when, r.next)
	}
	check("before the count")
	test.Tap(r.count.start)
	for r.count.left > 0 {
		r.count.tick()
	}
	check("when it is time to let go")
}

func TestResetWizardChooserScrollsAListOfEightCamerasWithinTheWizard(t *testing.T) {
	h := fakes.NewHost(t)
	h.Win.Resize(fyne.NewSize(900, 600))
	var cams []discovery.Device
	for i := range 8 {
		cams = append(cams, fakes.Camera(fmt.Sprintf("ACCC8E7A10%02d", i+10), discovery.SetupDone, fmt.Sprintf("192.168.1.%d", 50+i)))
	}
	r := openWizardOn(t, h, discovery.Device{}, cams...)
	sizeOnChooser := r.content.Size()
	if list := r.choose.list; list.Size().Height >= list.Content.MinSize().Height {
		t.Errorf("the list of 9 choices gets %.0f px, all it needs (%.0f): this window is meant to be too short for it", list.Size().Height, list.Content.MinSize().Height)
	}
	inView(t, h.Win, "the list", r.choose.list)
	inView(t, h.Win, "Next", r.next)

	// The last choice, scrolled to, opens the MAC field below the list,
	// which shows too.
	r.choose.list.ScrollToBottom()
	last := r.choose.options.Buttons[r.choose.notListedAt]
	test.Tap(last)
	inView(t, h.Win, "the MAC address field", r.choose.mac)
	if _, seen, _ := onScreen(h.Win, last); seen.max.Y <= seen.min.Y {
		t.Error("the choice just made is scrolled out of view")
	}
	r.tapNext()
	if r.content.Size() != sizeOnChooser {
		t.Errorf("the wizard is %v on the chooser and %v after it", sizeOnChooser, r.content.Size())
	}
}

// greenPixels counts the pixels of the status light's green in ill as the
// wizard draws it.
func greenPixels(t *testing.T, ill assets.Illustration) int {
	t.Helper()
	img := drawPictures(t, theme.VariantLight, pictureSize, ill)
	green := color.NRGBA{R: 0x1f, G: 0xa6, B: 0x4a, A: 0xff}
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if near(img.At(x, y), green, 12) {
				n++
			}
		}
	}
	return n
}

func TestResetWizardShowsTheGreenLightOnlyOnceTheCameraIsBack(t *testing.T) {
	cam := fakes.Camera(macLost, discovery.SetupDone, "192.168.1.41")
	r := openWizard(t, cam, cam)
	r.walkTo(pageWait)
	r.network(gone(cam))
	r.advance(30 * time.Second)
	if n := greenPixels(t, r.wait.picture.ill); n != 0 {
		t.Errorf("while the camera is away the wait page's picture shows %d green pixels of a ready status light", n)
	}
	r.network(fakes.Camera(macLost, discovery.SetupNeeded, "192.168.1.77"))
	r.until("the camera is back", func() bool { return r.page == pageBack })
	var back *pictureView
	uitest.Walk(r.done.box, func(o fyne.CanvasObject) {
		if v, ok := o.(*pictureView); ok {
			back = v
		}
	})
	if back == nil || greenPixels(t, back.ill) == 0 {
		t.Error("the page that says the camera is back shows no green light")
	}
}
