package gui

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/widgets"
)

// scanTimeout bounds a whole range scan (a /22 at 64 probes at a time).
const scanTimeout = 5 * time.Minute

// scanRangeDialog is "Scan address range…": it asks every address of a
// range, for cameras that announcements cannot reach.
type scanRangeDialog struct {
	w        *MainWindow
	dlg      *dialog.CustomDialog
	entry    *windowEntry
	problem  *widget.Label
	progress *widget.ProgressBar
	detail   *widget.Label
	scan     *widget.Button
	cancel   *widget.Button
	stop     context.CancelFunc
	closed   bool
	running  bool
}

func (w *MainWindow) showScanRange() {
	if d, _ := w.discoverer(); d == nil {
		return
	}
	s := &scanRangeDialog{w: w}
	intro := widget.NewLabel(lang.X("scan.intro", "OpenIPU asks every address in a range whether it is a camera. Use this when a camera is on another part of the network, behind a router, where the automatic search does not reach."))
	intro.Wrapping = fyne.TextWrapWord
	s.entry = newWindowEntry(s.close)
	s.entry.SetText(suggestRange(w.Local()))
	s.entry.SetPlaceHolder(lang.X("scan.placeholder", "for example 192.168.1.0/24"))
	s.entry.OnSubmitted = func(string) { s.submit() }
	hint := widgets.Note(lang.X("scan.hint", "A range is written as its first address, a slash and its size: /24 is 256 addresses (192.168.1.0 to 192.168.1.255), /22 is 1024, the most at once."))
	s.problem = widget.NewLabel("")
	s.problem.Wrapping = fyne.TextWrapWord
	s.problem.Importance = widget.DangerImportance
	s.problem.Hide()
	s.progress = widget.NewProgressBar()
	s.progress.Hide()
	s.detail = widget.NewLabel("")
	s.detail.Wrapping = fyne.TextWrapWord
	s.detail.Hide()
	s.scan = widget.NewButton(lang.X("scan.button", "Scan"), s.submit)
	s.scan.Importance = widget.HighImportance
	s.cancel = widget.NewButton(lang.X("window.cancel", "Cancel"), s.close)
	content := container.NewVBox(intro, s.entry, hint, s.problem, s.progress, s.detail,
		container.NewHBox(layout.NewSpacer(), s.cancel, s.scan))
	s.dlg = dialog.NewCustomWithoutButtons(lang.X("scan.title", "Scan an address range"), content, w.win)
	s.dlg.Resize(fyne.NewSize(520, 0))
	s.dlg.Show()
	w.openDialog(s.close)
	w.win.Canvas().Focus(s.entry)
	w.scanDialog = s
}

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
	if s.running {
		return
	}
	prefix, bad := parseRange(s.entry.Text)
	if bad != "" {
		s.problem.SetText(bad)
		s.problem.Show()
		return
	}
	s.problem.Hide()
	s.entry.SetText(prefix.String())
	d, session := s.w.discoverer()
	s.running = true
	s.entry.Disable()
	s.scan.Disable()
	s.progress.SetValue(0)
	s.progress.Show()
	s.detail.SetText(lang.X("scan.starting", "Starting…"))
	s.detail.Show()

	ctx, cancel := context.WithTimeout(s.w.ctx, scanTimeout)
	s.stop = cancel
	var done, total atomic.Int64
	finished := make(chan struct{})
	go func() {
		// Progress arrives from many probes at once; the dialog shows it
		// ten times a second.
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-finished:
				return
			case <-tick.C:
				d, t := done.Load(), total.Load()
				s.w.do(func() { s.showProgress(int(d), int(t)) })
			}
		}
	}()
	go func() {
		found, err := d.Scan(ctx, prefix, func(d, t int) {
			done.Store(int64(d))
			total.Store(int64(t))
		})
		close(finished)
		cancel()
		s.w.do(func() { s.finished(session, found, err) })
	}()
}

func (s *scanRangeDialog) showProgress(done, total int) {
	if s.closed || !s.running || total == 0 {
		return
	}
	s.progress.SetValue(float64(done) / float64(total))
	s.detail.SetText(lang.X("scan.progress", "Checked {{.Done}} of {{.Total}} addresses…", map[string]any{"Done": done, "Total": total}))
}

func (s *scanRangeDialog) finished(session int, found int, err error) {
	s.running = false
	if s.closed {
		return
	}
	s.entry.Enable()
	s.scan.Enable()
	s.progress.SetValue(1)
	if err != nil && found == 0 {
		s.progress.Hide()
		s.detail.Hide()
		s.problem.SetText(plainProblem(err))
		s.problem.Show()
		return
	}
	var text string
	switch found {
	case 0:
		text = lang.X("scan.none", "No camera answered in this range.")
	default:
		text = i18n.Counted("scan.found", "Found {{.Count}} camera. It is in the list now.", "Found {{.Count}} cameras. They are in the list now.", found)
	}
	s.detail.SetText(text)
	s.cancel.SetText(lang.X("window.close", "Close"))
	if s.w.current(session) {
		s.w.refreshAll()
	}
}

func (s *scanRangeDialog) close() {
	s.closed = true
	if s.stop != nil {
		s.stop()
	}
	s.dlg.Hide()
	s.w.closedDialog()
}
