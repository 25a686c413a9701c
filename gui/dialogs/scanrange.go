package dialogs

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/widgets"
)

// scanTimeout bounds a whole range scan (a /22 at 64 probes at a time).
const scanTimeout = 5 * time.Minute

// scanProgressEvery is how often the scan's progress is shown: it arrives
// from many probes at once.
const scanProgressEvery = 100 * time.Millisecond

// scanRangeDialog is "Scan address range…": it asks every address of a
// range, for cameras that announcements cannot reach.
type scanRangeDialog struct {
	*frame
	f     Finder
	entry *rangeEntry
	// words says which addresses the typed range holds, for people who
	// do not read 10.0.4.0/24.
	words *widget.Label
}

// ShowScanRange opens "Scan address range…" while the window searches.
func ShowScanRange(f Finder) {
	if d, _ := f.Search(); d == nil {
		return
	}
	s := newScanRangeDialog(f)
	s.show(s.entry)
}

func newScanRangeDialog(f Finder) *scanRangeDialog {
	s := &scanRangeDialog{f: f}
	body := container.NewVBox()
	s.frame = newFrame(f, lang.X("scan.title", "Scan an address range"), body, lang.X("scan.button", "Scan"), s.submit)
	s.primary.SetIcon(theme.SearchIcon())
	finding(s.frame)
	s.measure = true
	s.entry = newRangeEntry(s.escape)
	s.entry.SetText(suggestRange(Local(f.Backend())))
	s.entry.SetPlaceHolder(lang.X("scan.placeholder", "for example 192.168.1.0/24"))
	s.entry.OnSubmitted = func(string) { s.submit() }
	s.words = widgets.Wrapped("")
	s.entry.OnChanged = func(string) { s.describe() }
	s.describe()
	body.Objects = []fyne.CanvasObject{
		widgets.Wrapped(lang.X("scan.intro", "OpenIPU asks every address in a range whether it is a camera. Use this when a camera is on another part of the network, behind a router, where the automatic search does not reach.")),
		s.entry, s.words,
		widgets.Note(lang.X("scan.hint", "A range is written as its first address, a slash and its size: /24 is 256 addresses (192.168.1.0 to 192.168.1.255), /22 is 1024, the most at once.")),
	}
	return s
}

// describe puts the typed range in words under the field, or nothing
// while it is not a range yet.
func (s *scanRangeDialog) describe() {
	p, bad := parseRange(s.entry.Text)
	if bad != "" {
		s.words.SetText("")
		s.words.Hide()
		return
	}
	s.words.SetText(lang.X("scan.range_words", "To be asked: {{.Network}}", map[string]any{"Network": NetworkWords(p)}))
	s.words.Show()
}

// rangeEntry is the range field. It starts with a suggestion, which is
// selected whenever the field gets the focus, by the keyboard or the
// mouse, so that what is typed replaces it instead of being added to its
// end. Escape goes to the dialog, as in every other field.
type rangeEntry struct {
	widget.Entry
	onEscape func()
	focused  bool
	// pressFocused: the mouse press that is down gave the focus. The
	// entry puts the cursor where the press was, after the focus selected
	// everything, so the release selects everything again.
	pressFocused bool
}

func newRangeEntry(onEscape func()) *rangeEntry {
	e := &rangeEntry{onEscape: onEscape}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey hands Escape to the dialog.
func (e *rangeEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(ev)
}

// FocusGained selects the whole text.
func (e *rangeEntry) FocusGained() {
	e.Entry.FocusGained()
	e.focused = true
	e.selectAll()
}

func (e *rangeEntry) FocusLost() {
	e.focused = false
	e.pressFocused = false
	e.Entry.FocusLost()
}

func (e *rangeEntry) MouseDown(m *desktop.MouseEvent) {
	fresh := !e.focused
	e.Entry.MouseDown(m)
	e.pressFocused = fresh && e.focused
}

// MouseUp selects the whole text again after the press that gave the
// focus, unless the press dragged over a part of it to select that.
func (e *rangeEntry) MouseUp(m *desktop.MouseEvent) {
	e.Entry.MouseUp(m)
	if e.pressFocused {
		e.pressFocused = false
		if e.SelectedText() == "" {
			e.selectAll()
		}
	}
}

func (e *rangeEntry) selectAll() { e.TypedShortcut(&fyne.ShortcutSelectAll{}) }

// suggestRange is the computer's first network as a range, which is where
// people look first.
func suggestRange(local []netif.Interface) string {
	for _, i := range netif.Usable(local) {
		for _, p := range i.Prefixes {
			if p.Addr().IsLinkLocalUnicast() {
				continue
			}
			if p.Bits() < 24 {
				p = netip.PrefixFrom(p.Addr(), 24)
			}
			return p.Masked().String()
		}
	}
	return ""
}

// parseRange reads what someone typed: a range such as 10.0.4.0/24, or a
// single address, taken as its /24.
func parseRange(s string) (netip.Prefix, string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return netip.Prefix{}, lang.X("scan.empty", "Type the range to scan, for example 192.168.1.0/24.")
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		a, aerr := netip.ParseAddr(s)
		if aerr != nil || !a.Is4() {
			return netip.Prefix{}, lang.X("scan.bad", "“{{.Range}}” is not an address range. Write it like 192.168.1.0/24.", map[string]any{"Range": s})
		}
		p = netip.PrefixFrom(a, 24)
	}
	if !p.Addr().Is4() {
		return netip.Prefix{}, lang.X("scan.not_ipv4", "Only IPv4 ranges (like 192.168.1.0/24) can be scanned.")
	}
	if p.Bits() < 22 {
		return netip.Prefix{}, lang.X("scan.too_large", "{{.Range}} holds {{.Count}} addresses; at most 1024 (a /22) can be scanned at once. Scan a smaller part, for example {{.Smaller}}.",
			map[string]any{"Range": p.Masked().String(), "Count": fmt.Sprint(uint64(1) << (32 - p.Bits())), "Smaller": netip.PrefixFrom(p.Addr(), 24).Masked().String()})
	}
	return p.Masked(), ""
}

func (s *scanRangeDialog) submit() {
	prefix, bad := parseRange(s.entry.Text)
	if bad != "" {
		s.problem.Set(widgets.NoticeError, bad, "")
		s.relayout()
		return
	}
	s.entry.SetText(prefix.String())
	d, session := s.f.Search()
	s.entry.Disable()
	s.status.SetText(lang.X("scan.starting", "Starting…"))
	s.run(nil, func(ctx context.Context) func() {
		ctx, cancel := context.WithTimeout(ctx, scanTimeout)
		defer cancel()
		var done, total atomic.Int64
		finished := make(chan struct{})
		go func() {
			tick := time.NewTicker(scanProgressEvery)
			defer tick.Stop()
			for {
				select {
				case <-finished:
					return
				case <-tick.C:
					d, t := done.Load(), total.Load()
					s.ui(func() { s.showProgress(int(d), int(t)) })
				}
			}
		}()
		found, err := d.Scan(ctx, prefix, func(d, t int) {
			done.Store(int64(d))
			total.Store(int64(t))
		})
		close(finished)
		return func() { s.scanned(session, found, err) }
	})
}

func (s *scanRangeDialog) showProgress(done, total int) {
	if s.closed || !s.running || total == 0 {
		return
	}
	s.measured.SetValue(float64(done) / float64(total))
	s.status.SetText(lang.X("scan.progress", "Checked {{.Done}} of {{.Total}} addresses…", map[string]any{"Done": done, "Total": total}))
}

func (s *scanRangeDialog) scanned(session int, found int, err error) {
	if s.closed {
		return
	}
	s.entry.Enable()
	if err != nil && found == 0 {
		s.status.SetText("")
		s.problem.ShowError(err)
		return
	}
	switch found {
	case 0:
		s.status.SetText(lang.X("scan.none", "No camera answered in this range."))
	default:
		s.status.SetText(i18n.Counted("scan.found", "Found {{.Count}} camera. It is in the list now.", "Found {{.Count}} cameras. They are in the list now.", found))
	}
	s.f.Found(session)
}
