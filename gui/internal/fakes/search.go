package fakes

import (
	"context"
	"net/netip"
	"slices"
	"sync"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/netif"
)

// Discoverer is a camera search that finds what the test sends it and
// nothing else. The zero value is ready: it lists nothing, adds and scans
// nothing, and runs until the test is over.
type Discoverer struct {
	// OnAddHost and OnScan answer AddHost and Scan when set.
	OnAddHost func(ctx context.Context, host string) (discovery.Device, error)
	OnScan    func(ctx context.Context, p netip.Prefix, progress func(done, total int)) (int, error)
	// RunErr, when set, is what Run fails with.
	RunErr error

	mu        sync.Mutex
	events    chan discovery.Event
	runs      int
	refreshes int
	status    discovery.Status
	changed   chan struct{}
}

// eventsLocked is the channel every Run hands out; it holds enough that
// Send never waits for the window to read.
func (f *Discoverer) eventsLocked() chan discovery.Event {
	if f.events == nil {
		f.events = make(chan discovery.Event, 4096)
	}
	return f.events
}

func (f *Discoverer) Run(context.Context) (<-chan discovery.Event, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.runs++
	if f.RunErr != nil {
		return nil, f.RunErr
	}
	return f.eventsLocked(), nil
}

// Send reports devs as kind, as the engine would.
func (f *Discoverer) Send(kind discovery.EventKind, devs ...discovery.Device) {
	f.mu.Lock()
	ch := f.eventsLocked()
	f.mu.Unlock()
	for _, d := range devs {
		ch <- discovery.Event{Kind: kind, Device: d}
	}
}

func (f *Discoverer) Refresh() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.refreshes++
}

func (f *Discoverer) AddHost(ctx context.Context, host string) (discovery.Device, error) {
	if f.OnAddHost != nil {
		return f.OnAddHost(ctx, host)
	}
	return discovery.Device{}, nil
}

func (f *Discoverer) Scan(ctx context.Context, p netip.Prefix, progress func(done, total int)) (int, error) {
	if f.OnScan != nil {
		return f.OnScan(ctx, p, progress)
	}
	return 0, nil
}

func (f *Discoverer) Devices() []discovery.Device { return nil }

func (f *Discoverer) Status() discovery.Status {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.status
}

// SetStatus is what Status says from now on; StatusChanged says so, as
// the engine does.
func (f *Discoverer) SetStatus(st discovery.Status) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.status = st
	select {
	case f.changedLocked() <- struct{}{}:
	default:
	}
}

func (f *Discoverer) StatusChanged() <-chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.changedLocked()
}

func (f *Discoverer) changedLocked() chan struct{} {
	if f.changed == nil {
		f.changed = make(chan struct{}, 1)
	}
	return f.changed
}

// RunCount is how often the search was started, Refreshes how often it
// was asked to look again.
func (f *Discoverer) RunCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.runs
}

func (f *Discoverer) Refreshes() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.refreshes
}

// Searcher is a Discoverer that can also start over on chosen network
// connections of the computer All.
type Searcher struct {
	*Discoverer
	All []netif.Interface

	mu    sync.Mutex
	asked [][]string
	next  []*Searcher
}

func (f *Searcher) AllInterfaces() ([]netif.Interface, error) { return f.All, nil }

func (f *Searcher) SearchOnly(names []string) (backend.Discoverer, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, err := netif.Select(f.All, names); err != nil {
		return nil, err
	}
	f.asked = append(f.asked, slices.Clone(names))
	n := &Searcher{Discoverer: &Discoverer{}, All: f.All}
	f.next = append(f.next, n)
	return n, nil
}

// Asked are the connections each SearchOnly chose, Next the searches it
// started, in order.
func (f *Searcher) Asked() [][]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.asked)
}

func (f *Searcher) Next() []*Searcher {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.next)
}

// UseSearch makes d b's search, with what a Searcher offers besides
// (the connections to list and to start over on) when d is one.
func UseSearch(b *backend.Backend, d backend.Discoverer) {
	b.Discovery, b.SearchOnly = d, nil
	if s, ok := d.(*Searcher); ok {
		b.SearchOnly, b.Interfaces = s.SearchOnly, s.AllInterfaces
	}
}
