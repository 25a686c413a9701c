package window

import (
	"testing"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/internal/fakes"
)

// A connection plugged in while the search runs is named in the status
// bar, with the activity indicator, while its first queries go out, and
// the status bar goes back to the connections searched once they have.
func TestStatusBarNamesAConnectionPluggedInWhileItsFirstSearchRuns(t *testing.T) {
	d := &fakes.Discoverer{}
	eth0, vpn := fakes.Office[1], fakes.Office[2]
	d.SetStatus(discovery.Status{Interfaces: fakes.Office[1:2]})
	w := newTestWindow(t, d)
	w.ui.Until(t, "the status is read", func() bool { return len(w.status.Interfaces) == 1 })
	w.searching = false // the start's own burst is over
	w.refreshStatus()
	if w.bar.searching.Visible() || w.bar.activity.Visible() {
		t.Fatal("searching shown when idle")
	}

	d.SetStatus(discovery.Status{Interfaces: fakes.Office[1:3], Joining: []string{vpn.Name}})
	want := "Searching the new connection " + vpn.Name + "…"
	w.ui.Until(t, "the new connection is named", func() bool { return w.bar.searching.Text == want })
	if !w.bar.searching.Visible() || !w.bar.activity.Visible() {
		t.Error("the new connection's search is not shown as a search")
	}
	if w.bar.where.Text != "Searching on "+eth0.Name+", "+vpn.Name {
		t.Errorf("where %q", w.bar.where.Text)
	}

	d.SetStatus(discovery.Status{Interfaces: fakes.Office[1:3]})
	w.ui.Until(t, "the burst ends", func() bool { return !w.bar.searching.Visible() })
	if w.bar.searching.Text != "Searching…" {
		t.Errorf("after the burst the label says %q", w.bar.searching.Text)
	}
}
