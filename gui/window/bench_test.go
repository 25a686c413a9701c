package window

import (
	"context"
	"fmt"
	"net/netip"
	"runtime"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/demo"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/internal/fakes"
	"github.com/openipu/openipu/gui/internal/uitest"
)

// benchWindow is a window on a test app whose Fyne work the benchmark runs
// itself, as the main loop would; applied, when set, hears each batch of
// cameras shown.
func benchWindow(b *testing.B, be *backend.Backend, applied func()) (*MainWindow, *uitest.Loop) {
	b.Helper()
	ui := uitest.NewLoop()
	w := newMainWindow(test.NewTempApp(b), Options{Backend: be}, ui.Do, applied)
	return w, ui
}

// BenchmarkDemoFirstCameraOnScreen: from starting the simulated office and
// building the window to the first camera in the table (its row bound), and
// to the whole office probed.
func BenchmarkDemoFirstCameraOnScreen(b *testing.B) {
	var first, all time.Duration
	for b.Loop() {
		ctx, cancel := context.WithCancel(context.Background())
		start := time.Now()
		w, ui := benchWindow(b, startOffice(b, ctx, demo.Options{ComeAndGo: -1}), nil)
		ui.Until(b, "the first camera", func() bool { return len(w.rows.view) > 0 })
		first += time.Since(start)
		ui.Until(b, "every camera probed", func() bool {
			if len(w.rows.view) != 8 {
				return false
			}
			for _, d := range w.rows.byMAC {
				if w.rows.state(d) == stateChecking {
					return false
				}
			}
			return true
		})
		all += time.Since(start)
		w.Close()
		cancel()
		ui.Settle()
	}
	b.ReportMetric(float64(first.Milliseconds())/float64(b.N), "ms/first-camera")
	b.ReportMetric(float64(all.Milliseconds())/float64(b.N), "ms/all-probed")
}

// manyCameras is a large site: n cameras, and the same n as a second
// snapshot (setup done, a name), as the probes' answers would update them.
func manyCameras(n int) (added, updated []discovery.Device) {
	for i := range n {
		ip := netip.AddrFrom4([4]byte{10, 0, byte(4 + i/250), byte(1 + i%250)})
		d := discovery.Device{
			MAC: fmt.Sprintf("ACCC8E%06X", i), Model: "AXIS M1075-L", Addresses: []netip.Addr{ip},
			HTTPPort: 80, HTTPURL: "http://" + ip.String() + "/", Sources: []discovery.Source{discovery.SourceMDNS},
			Interfaces: []string{"eth0"}, FirstSeen: testNow, LastSeen: testNow,
		}
		added = append(added, d)
		d.Setup, d.Firmware, d.Enriched = discovery.SetupNeeded, "11.11.192", true
		d.Name = fmt.Sprintf("Camera %d", i)
		d.Diagnosis = discovery.Diagnosis{Reach: discovery.ReachOK}
		updated = append(updated, d)
	}
	return added, updated
}

// BenchmarkTable1000CamerasStream: 1000 added and 1000 updated events
// through the event stream until the table shows every update; heap after.
func BenchmarkTable1000CamerasStream(b *testing.B) {
	added, updated := manyCameras(1000)
	var heap uint64
	var batches int
	var shown time.Duration
	for b.Loop() {
		d := &fakes.Discoverer{}
		n := 0
		w, ui := benchWindow(b, &backend.Backend{Discovery: d}, func() { n++ })
		start := time.Now()
		d.Send(discovery.Added, added...)
		d.Send(discovery.Updated, updated...)
		last := updated[len(updated)-1].MAC
		ui.Until(b, "every update shown", func() bool {
			dev, _ := w.rows.device(last)
			return len(w.rows.view) == 1000 && dev.Name != ""
		})
		shown += time.Since(start)
		batches += n
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		heap = ms.HeapAlloc
		w.Close()
		ui.Settle()
	}
	b.ReportMetric(float64(shown.Milliseconds())/float64(b.N), "ms/all-shown")
	b.ReportMetric(float64(heap)/(1<<20), "MB-heap")
	b.ReportMetric(float64(batches)/float64(b.N), "refreshes")
}

// BenchmarkTable1000CamerasApply: the Fyne-side cost of one batch of 1000
// camera snapshots (model, sort, table and details refresh).
func BenchmarkTable1000CamerasApply(b *testing.B) {
	added, updated := manyCameras(1000)
	d := &fakes.Discoverer{}
	w, ui := benchWindow(b, &backend.Backend{Discovery: d}, nil)
	defer ui.Settle()
	defer w.Close()
	w.applyBatch(1, added)
	w.selectMAC(added[500].MAC)
	i := 0
	for b.Loop() {
		batch := added
		if i%2 == 0 {
			batch = updated
		}
		i++
		w.applyBatch(1, batch)
	}
}
