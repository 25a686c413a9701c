// Package window is OpenIPU's main window: the camera table and its
// model, the details of the selected camera, the toolbar, menu, status bar
// and empty state, and the way into every dialog. cmd/openipu builds it
// with NewMainWindow.
package window

import (
	"cmp"
	"context"
	"errors"
	"net/url"
	"slices"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/gui/apptheme"
	"github.com/openipu/openipu/gui/dialogs"
	"github.com/openipu/openipu/gui/resetwizard"
)

// Pace of the window's updates.
const (
	// flushEvery bounds table refreshes to about ten a second however fast
	// cameras answer; events in between are merged per camera.
	flushEvery = 100 * time.Millisecond
	// searchBurst is how long the activity indicator runs after a start or
	// "Search again": the engine's burst of queries lasts about 3 s.
	searchBurst = 4 * time.Second
	// statusEvery is how often the engine's status (interfaces, "nothing
	// heard") is read for the empty state and the status bar.
	statusEvery = time.Second
)

// minWindow is the smallest the window can be made. Everything stays usable
// at this size: the toolbar hands what does not fit to its More… menu,
// the table scrolls sideways, the details panel and the dialogs scroll.
var minWindow = fyne.NewSize(900, 600)

// atLeast gives its one child at least size: the window cannot be made
// smaller than its content's minimum, so this is the window's minimum.
type atLeast struct{ size fyne.Size }

func (l *atLeast) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *atLeast) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := l.size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// MainWindow is OpenIPU's window: the camera table, the details of the
// selected camera, and the way into every action. It keeps its widgets as
// fields so tests can reach them.
type MainWindow struct {
	app  fyne.App
	win  fyne.Window
	opts Options
	// do runs a function on the Fyne goroutine: fyne.Do in the app, a
	// queue the test drains in tests.
	do func(func())
	// applied, when set, hears each batch of cameras shown (the
	// benchmarks count them).
	applied func()
	now     func() time.Time

	ctx    context.Context
	cancel context.CancelFunc

	// mu guards what dialogs read through dialogs.Host from goroutines of
	// their own: the search, the busy cameras, and the camera list in rows
	// (changed only on the Fyne goroutine, under mu, so the Fyne goroutine
	// reads it without).
	mu sync.Mutex
	// be is the world the window works in; its Discovery is the search
	// running now.
	be      *backend.Backend
	session int
	stopRun context.CancelFunc
	busy    map[string]bool

	// Fyne goroutine only.
	rows     *cameraRows
	selected string
	anchor   string // where a Shift-click range starts
	// lastClick is the row clicked last and when, by clickClock, to tell
	// a double-click.
	lastClick   string
	lastClickAt time.Time
	clickClock  func() time.Time
	// rowMenu is the right-click menu shown last.
	rowMenu     *fyne.Menu
	searching   bool
	searchToken int
	status      discovery.Status
	runErr      error
	simulated   bool

	toolbar  *toolbar
	site     *siteBar
	ho       handoverState
	hoItems  map[string]*fyne.MenuItem
	filter   *widget.Entry
	header   *tableHeader
	list     *cameraList
	noMatch  *noMatch
	split    *container.Split
	details  *detailsPanel
	empty    *emptyState
	bar      *statusBar
	demoNote *fyne.Container
	menu     *fyne.MainMenu
	items    map[actionID]*fyne.MenuItem
	// dialogs open the action dialogs (runAction).
	dialogs actionDialogs
	// pinsQuestion asks whether to remember certificates in memory when
	// the certificate file cannot be used.
	pinsQuestion *dialog.ConfirmDialog
	// firewallDialog explains Windows' firewall question before the first
	// search.
	firewallDialog *dialog.CustomDialog
}

// Options are what the program hands the window.
type Options struct {
	// Backend is the world the window works in: the real network
	// (backend.Network) or the simulated office (demo.NewBackend). Its
	// Discovery starts at once.
	Backend *backend.Backend
	// StartDemo, when set, starts the simulated office ("Try with
	// simulated cameras" in the empty state).
	StartDemo func(ctx context.Context) (*backend.Backend, error)
	// OpenURL opens a web page or a file in the system's default program
	// (fyne.App.OpenURL in the program).
	OpenURL func(*url.URL) error
	// Now is the clock (tests fix it).
	Now func() time.Time
	// Version is this build's version, as About shows it: the module's
	// version or the commit it was built from; empty for "development
	// build".
	Version string
	// OnFirstCamera, when set, is called once, on Fyne's goroutine, when
	// the table first shows a camera (the start-up measurement).
	OnFirstCamera func()
	// ExplainFirewall is set where the system's firewall asks the user
	// about the search's first socket (Windows): the first search waits
	// until its question is explained (firewall.go), and Help explains it
	// again.
	ExplainFirewall bool
	// Restart starts the program again (for a new language to take
	// effect); nil when it cannot, and the window then asks the user to.
	Restart func() error
}

// NewMainWindow builds the window and starts searching with
// opts.Backend's Discovery. Show it with ShowAndRun.
func NewMainWindow(app fyne.App, opts Options) *MainWindow {
	return NewWith(app, opts, fyne.Do)
}

// NewWith is NewMainWindow with the window's work handed to the Fyne
// goroutine through do instead of fyne.Do: a test runs that work on its
// own goroutine.
func NewWith(app fyne.App, opts Options, do func(func())) *MainWindow {
	return newMainWindow(app, opts, do, nil)
}

func newMainWindow(app fyne.App, opts Options, do func(func()), applied func()) *MainWindow {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Backend == nil {
		opts.Backend = &backend.Backend{}
	}
	app.Settings().SetTheme(apptheme.New())
	w := &MainWindow{
		app:     app,
		opts:    opts,
		do:      do,
		applied: applied,
		now:     opts.Now,
		be:      opts.Backend,
		busy:    map[string]bool{},
		rows:    newCameraRows(opts.Now),
		items:   map[actionID]*fyne.MenuItem{},
		dialogs: defaultDialogs(),
		// Real time even when tests fix the clock: a double-click is
		// two clicks close together.
		clickClock: time.Now,
	}
	w.ctx, w.cancel = context.WithCancel(context.Background())
	w.win = app.NewWindow(lang.X("window.title", "OpenIPU"))
	w.build()
	w.win.SetMaster()
	w.win.SetOnClosed(w.cancel)
	w.win.Resize(fyne.NewSize(1240, 740))
	if opts.Backend.Discovery != nil && w.mustExplainFirewall() {
		w.refreshAll()
		w.explainFirewall(func() { w.startBackend(opts.Backend) })
	} else if opts.Backend.Discovery != nil {
		w.startBackend(opts.Backend)
	} else {
		w.refreshAll()
	}
	w.sayProblems(opts.Backend)
	return w
}

func (w *MainWindow) build() {
	w.toolbar = newToolbar(w)
	w.filter = w.toolbar.filter
	w.header = newTableHeader(w)
	w.list = newCameraList(w)
	w.noMatch = newNoMatch(w)
	w.details = newDetailsPanel(w)
	w.empty = newEmptyState(w)
	w.bar = newStatusBar()
	w.demoNote = newDemoNote()
	w.demoNote.Hide()
	w.site = newSiteBar(w)

	table := container.NewBorder(w.header.box, nil, nil, nil, container.NewStack(w.list, w.noMatch.box))
	// The columns scroll sideways in a narrow window (or at 200 %)
	// instead of forcing a huge minimum size.
	w.split = container.NewHSplit(container.NewHScroll(table), w.details.root)
	w.split.Offset = 0.68
	top := container.NewVBox(w.toolbar.box, w.demoNote, w.site.box)
	w.win.SetContent(container.New(&atLeast{size: minWindow},
		container.NewBorder(top, w.bar.box, nil, nil, container.NewStack(w.split, w.empty.root))))
	w.menu = newMainMenu(w)
	w.win.SetMainMenu(w.menu)
	w.addShortcuts()
}

// Window is the Fyne window (dialogs.Host).
func (w *MainWindow) Window() fyne.Window { return w.win }

// Do runs fn on the Fyne goroutine (dialogs.Host). Safe from any
// goroutine.
func (w *MainWindow) Do(fn func()) { w.do(fn) }

// Cameras is every camera in the list, whatever the filter shows
// (dialogs.Host). Safe from any goroutine.
func (w *MainWindow) Cameras() []discovery.Device {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]discovery.Device, 0, len(w.rows.byMAC))
	for _, d := range w.rows.byMAC {
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b discovery.Device) int { return cmp.Compare(a.MAC, b.MAC) })
	return out
}

// Camera is one camera of the list by MAC (dialogs.Host). Safe from any
// goroutine.
func (w *MainWindow) Camera(mac string) (discovery.Device, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.rows.device(mac)
}

// Search is the search running now and its token (dialogs.Finder).
func (w *MainWindow) Search() (backend.Discoverer, int) { return w.discoverer() }

// Found shows cameras a dialog found through the search with that token,
// and selects the first (dialogs.Finder). Fyne goroutine only.
func (w *MainWindow) Found(session int, devs ...discovery.Device) {
	if !w.current(session) {
		return
	}
	w.upsert(devs)
	w.rows.rebuild()
	if len(devs) > 0 {
		w.selectMAC(devs[0].MAC)
	}
	w.refreshAll()
}

// Searched is the network connections being searched (dialogs.Finder).
// Fyne goroutine only.
func (w *MainWindow) Searched() []netif.Interface { return w.status.Interfaces }

// SearchWith replaces the search with d (dialogs.Finder). Fyne goroutine
// only.
func (w *MainWindow) SearchWith(d backend.Discoverer) { w.startDiscovery(d) }

// ShowAndRun shows the window and runs the app until it is closed.
func (w *MainWindow) ShowAndRun() { w.win.ShowAndRun() }

// Show shows the window.
func (w *MainWindow) Show() { w.win.Show() }

// Close closes the window and stops its searching.
func (w *MainWindow) Close() {
	w.cancel()
	w.win.Close()
}

// Backend is the world the window works in, with the search running now
// (dialogs.Host). Safe from any goroutine.
func (w *MainWindow) Backend() *backend.Backend {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.be
}

// OpenURL opens a page or a file in the system's own program
// (dialogs.Host).
func (w *MainWindow) OpenURL(u *url.URL) error {
	if w.opts.OpenURL == nil {
		return errors.New("this window cannot open web pages")
	}
	return w.opts.OpenURL(u)
}

// SetBusy marks a camera as busy while an action works on it (dialogs.Host).
// Safe from any goroutine.
func (w *MainWindow) SetBusy(mac string, busy bool) {
	w.mu.Lock()
	if busy {
		w.busy[mac] = true
	} else {
		delete(w.busy, mac)
	}
	w.mu.Unlock()
	w.do(func() {
		w.syncBusy()
		w.rows.rebuild()
		w.refreshAll()
	})
}

// Refresh searches again (dialogs.Host). Safe from any goroutine.
func (w *MainWindow) Refresh() {
	d, session := w.discoverer()
	if d == nil {
		return
	}
	d.Refresh()
	w.do(func() { w.startSearching(session) })
}

func (w *MainWindow) discoverer() (backend.Discoverer, int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.be.Discovery, w.session
}

func (w *MainWindow) current(session int) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return session == w.session
}

// upsert records cameras in the list. The list is the Fyne goroutine's,
// but dialogs read it from theirs (Cameras, Camera), so it changes under
// the lock.
func (w *MainWindow) upsert(devs []discovery.Device) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.rows.upsert(devs)
}

func (w *MainWindow) syncBusy() {
	w.mu.Lock()
	defer w.mu.Unlock()
	clear(w.rows.busy)
	for mac := range w.busy {
		w.rows.busy[mac] = true
	}
}

// startDiscovery replaces whatever searched before with d, in the same
// world, and starts it. Fyne goroutine only.
func (w *MainWindow) startDiscovery(d backend.Discoverer) {
	w.mu.Lock()
	b := *w.be
	w.mu.Unlock()
	b.Discovery = d
	w.startBackend(&b)
}

// startBackend makes b the window's world and starts its search. Fyne
// goroutine only.
func (w *MainWindow) startBackend(b *backend.Backend) {
	d := b.Discovery
	w.mu.Lock()
	if w.stopRun != nil {
		w.stopRun()
	}
	w.session++
	session := w.session
	ctx, cancel := context.WithCancel(w.ctx)
	w.be, w.stopRun = b, cancel
	w.mu.Unlock()

	w.simulated = b.Simulated
	w.mu.Lock()
	w.rows.clear()
	w.mu.Unlock()
	w.selected, w.anchor = "", ""
	w.status, w.runErr = discovery.Status{}, nil
	w.showSimulated()
	w.startSearching(session)
	w.refreshAll()
	if w.ho.stop != nil {
		w.ho.stop()
		w.ho.stop = nil
	}
	if b.Handover.Live() == nil || w.ho.shown == nil {
		w.ho.shown = nil
		w.reopenHandover()
	}
	go w.run(ctx, session, d)
}

func (w *MainWindow) run(ctx context.Context, session int, d backend.Discoverer) {
	events, err := d.Run(ctx)
	if err != nil {
		w.do(func() {
			if w.current(session) {
				w.runErr = err
				w.searching = false
				w.refreshAll()
			}
		})
		return
	}
	go w.pollStatus(ctx, session, d)
	w.pump(ctx, session, events)
}

// pump merges events per camera and hands them to the Fyne goroutine in
// batches, at most every flushEvery: a burst of a thousand answers costs a
// few table refreshes, not a thousand.
func (w *MainWindow) pump(ctx context.Context, session int, events <-chan discovery.Event) {
	pending := map[string]int{} // MAC → index in batch
	var batch []discovery.Device
	var timer *time.Timer
	var fire <-chan time.Time
	last := time.Time{}
	flush := func() {
		b := batch
		batch, pending = nil, map[string]int{}
		fire, last = nil, time.Now()
		w.do(func() { w.applyBatch(session, b) })
	}
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				if len(batch) > 0 {
					flush()
				}
				return
			}
			if i, seen := pending[ev.Device.MAC]; seen {
				batch[i] = ev.Device
			} else {
				pending[ev.Device.MAC] = len(batch)
				batch = append(batch, ev.Device)
			}
			if fire == nil {
				wait := max(0, flushEvery-time.Since(last))
				if timer == nil {
					timer = time.NewTimer(wait)
				} else {
					timer.Reset(wait)
				}
				fire = timer.C
			}
		case <-fire:
			flush()
		}
	}
}

func (w *MainWindow) applyBatch(session int, devs []discovery.Device) {
	if !w.current(session) {
		return
	}
	w.upsert(devs)
	w.syncBusy()
	w.rows.rebuild()
	w.refreshAll()
	w.addToHandover(devs)
	if first := w.opts.OnFirstCamera; first != nil && len(w.rows.view) > 0 {
		w.opts.OnFirstCamera = nil
		first()
	}
	if w.applied != nil {
		w.applied()
	}
}

// statusNotifier is a search that says when its status changed (the
// engine does, when a network connection comes or goes).
type statusNotifier interface {
	StatusChanged() <-chan struct{}
}

// pollStatus reads the search's status every statusEvery, and at once when
// the search says it changed: a connection plugged in is shown while its
// first burst of queries runs, not a second later.
func (w *MainWindow) pollStatus(ctx context.Context, session int, d backend.Discoverer) {
	tick := time.NewTicker(statusEvery)
	defer tick.Stop()
	var changed <-chan struct{} // nil: never ready
	if n, ok := d.(statusNotifier); ok {
		changed = n.StatusChanged()
	}
	for {
		st := d.Status()
		w.do(func() {
			if w.current(session) {
				w.status = st
				w.refreshStatus()
			}
		})
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-changed:
		}
	}
}

// startSearching turns the activity indicator on for the engine's burst.
func (w *MainWindow) startSearching(session int) {
	if !w.current(session) {
		return
	}
	w.searchToken++
	token := w.searchToken
	w.searching = true
	w.refreshStatus()
	ctx := w.ctx
	go func() {
		t := time.NewTimer(searchBurst)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		w.do(func() {
			if w.searchToken == token {
				w.searching = false
				w.refreshStatus()
			}
		})
	}()
}

// searchAgain is the toolbar's and the menu's "Search again".
func (w *MainWindow) searchAgain() {
	d, session := w.discoverer()
	if d == nil {
		return
	}
	d.Refresh()
	w.startSearching(session)
}

// startDemo is "Try with simulated cameras".
func (w *MainWindow) startDemo() {
	if w.opts.StartDemo == nil || w.simulated {
		return // one simulated office is enough
	}
	w.empty.demo.Disable()
	ctx := w.ctx
	go func() {
		b, err := w.opts.StartDemo(ctx)
		w.do(func() {
			w.empty.demo.Enable()
			if err != nil {
				dialogs.ShowError(w.win, lang.X("demo.failed", "The simulated cameras could not start"), err)
				return
			}
			w.startBackend(b)
		})
	}()
}

func (w *MainWindow) showSimulated() {
	title := lang.X("window.title", "OpenIPU")
	if w.simulated {
		title = lang.X("window.title_simulated", "OpenIPU — simulated cameras")
		w.demoNote.Show()
	} else {
		w.demoNote.Hide()
	}
	w.win.SetTitle(title)
}

// refreshAll brings every part of the window in line with the model.
func (w *MainWindow) refreshAll() {
	if w.selected != "" {
		if _, ok := w.rows.device(w.selected); !ok {
			w.selected = ""
		}
	}
	w.header.update(w.rows)
	w.list.Refresh()
	w.noMatch.update(w.rows)
	w.details.update()
	w.refreshStatus()
	w.updateActions()
}

// refreshStatus updates what depends on the engine's status and the
// activity indicator: the status bar and the empty state.
func (w *MainWindow) refreshStatus() {
	w.bar.update(w.rows.counts(), w.searching, w.status, w.simulated)
	empty := len(w.rows.byMAC) == 0
	if empty {
		w.split.Hide()
	} else {
		w.split.Show()
	}
	w.empty.update(empty, w.searching, w.status, w.runErr, w.opts.StartDemo != nil && !w.simulated)
	w.toolbar.update(w)
}

// The window's own dialogs, from the toolbar, the menu and the empty
// state.
func (w *MainWindow) showAddCamera()  { dialogs.ShowAddCamera(w) }
func (w *MainWindow) showScanRange()  { dialogs.ShowScanRange(w) }
func (w *MainWindow) showInterfaces() { dialogs.ShowInterfaces(w) }

// showResetWizard is "Guided factory reset…" in the toolbar and the menu:
// about the selected camera, if there is one.
func (w *MainWindow) showResetWizard() {
	cam, _ := w.selectedDevice()
	w.GuidedReset(cam)
}

// GuidedReset opens the guided physical factory reset about cam, or about
// a camera still to be chosen when cam is the zero Device (dialogs.Host):
// for a dialog that finds nobody knows the camera's password. Fyne
// goroutine only.
func (w *MainWindow) GuidedReset(cam discovery.Device) { resetwizard.Show(w, cam) }
