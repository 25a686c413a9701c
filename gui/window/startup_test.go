package window

import (
	"testing"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/internal/fakes"
)

func TestOnFirstCameraFiresOnceWhenTheTableFirstShowsACamera(t *testing.T) {
	d := &fakes.Discoverer{}
	calls := 0
	w := newTestWindow(t, d)
	w.opts.OnFirstCamera = func() { calls++ }
	w.waitRows(t, 0)
	if calls != 0 {
		t.Fatalf("fired %d times with an empty table", calls)
	}
	fleet := fleetOfFive()
	d.Send(discovery.Added, fleet[0])
	w.waitRows(t, 1)
	d.Send(discovery.Added, fleet[1:]...)
	w.waitRows(t, len(fleet))
	if calls != 1 {
		t.Fatalf("fired %d times, want once", calls)
	}
}
