package window

import (
	"strings"
	"testing"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/gui/internal/fakes"
)

// The search's notice that announcements cannot be heard shows where the
// search's problems show: in the empty state, and, once cameras are
// listed, in the status bar.
func TestAnnouncementsUnheardNoticeShowsInTheEmptyStateAndTheStatusBar(t *testing.T) {
	d := &fakes.Discoverer{}
	w := newTestWindow(t, d)
	held := (&discovery.AnnouncementsUnheardError{}).Explain()
	d.SetStatus(discovery.Status{Interfaces: fakes.Office[1:2], Notices: []usermsg.Problem{held}})
	w.ui.Until(t, "the status is read", func() bool { return len(w.status.Notices) == 1 })
	if !strings.Contains(w.empty.problem.Text, "UDP port 1900") || !w.empty.problemBox.Visible() {
		t.Errorf("the empty state says %q", w.empty.problem.Text)
	}
	if !w.empty.checklist.Visible() {
		t.Error("the notice hid the checklist, which still applies")
	}
	d.Send(discovery.Added, fleetOfFive()[0])
	w.waitRows(t, 1)
	if !w.bar.notice.Visible() || !strings.Contains(w.bar.notice.Text, "UDP port 1900") {
		t.Errorf("the status bar says %q (shown %v)", w.bar.notice.Text, w.bar.notice.Visible())
	}
}
