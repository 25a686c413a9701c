//go:build linux

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/openipu/openipu/core/netlab"
)

// watchRun is one `discover --watch --json --timeout T` run, read to the end.
type watchRun struct {
	events  []watchEvent
	stats   watchEvent
	peakKB  int64
	elapsed time.Duration
}

// lastByMAC is each camera as the run's last event about it left it.
func (r watchRun) lastByMAC() map[string]deviceRecord {
	last := map[string]deviceRecord{}
	for _, ev := range r.events {
		last[ev.Device.MAC] = ev.Device
	}
	return last
}

func runWatch(tb testing.TB, host *netlab.Host, limit time.Duration, args ...string) watchRun {
	tb.Helper()
	_, cli := programs(tb)
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := host.Command(ctx, cli, append([]string{"discover", "--watch", "--json"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	cmd.Stderr = io.Discard
	start := time.Now()
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	var run watchRun
	dec := json.NewDecoder(stdout)
	for {
		var ev watchEvent
		if err := dec.Decode(&ev); err != nil {
			break
		}
		if ev.Event == "stats" {
			run.stats = ev
			continue
		}
		run.events = append(run.events, ev)
	}
	err = cmd.Wait()
	run.elapsed = time.Since(start)
	if ctx.Err() != nil {
		tb.Fatalf("discover did not finish within %v: something hung past its deadline", limit)
	}
	if err != nil {
		tb.Fatalf("discover: %v", err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		run.peakKB = ru.Maxrss // `ip netns exec` execs the program: same process
	}
	return run
}

// figures are the benchmark's measurements of one run.
type figures struct {
	found, enriched              int
	firstMS, listedMS, enrichMS  int64
	datagrams, received, httpReq int64
	mdnsAnswers                  int64
	peakMB                       float64
}

func measure(run watchRun, want map[string]camLine) figures {
	f := figures{firstMS: -1, listedMS: -1, enrichMS: -1}
	listed, enriched := map[string]bool{}, map[string]bool{}
	for _, ev := range run.events {
		if _, ok := want[ev.Device.MAC]; !ok {
			continue
		}
		if ev.Event == "added" || ev.Event == "updated" {
			if !listed[ev.Device.MAC] {
				listed[ev.Device.MAC] = true
				if f.firstMS < 0 {
					f.firstMS = ev.TMS
				}
				if len(listed) == len(want) {
					f.listedMS = ev.TMS
				}
			}
			if ev.Device.Enriched && ev.Device.Firmware != "" && !enriched[ev.Device.MAC] {
				enriched[ev.Device.MAC] = true
				if len(enriched) == len(want) {
					f.enrichMS = ev.TMS
				}
			}
		}
	}
	f.found, f.enriched = len(listed), len(enriched)
	f.datagrams, f.received, f.httpReq = run.stats.DatagramsSent, run.stats.DatagramsReceived, run.stats.HTTPRequests
	f.mdnsAnswers = run.stats.MDNSAnswers
	f.peakMB = float64(run.peakKB) / 1024
	return f
}

// BenchmarkDiscoverFleet measures discovery of 1, 100 and 1000 simulated
// cameras (mixed generations) across a real namespace network, with cameras
// that answer HTTP at once and with a camera's 20-60 ms per request: time to
// the first camera, until all are listed, until all are enriched (model,
// firmware and password state from the HTTP probe), packets sent, the mDNS
// answers and datagrams received per camera, and the discovering process's
// peak memory. Times count from the process's start.
func BenchmarkDiscoverFleet(b *testing.B) {
	for _, bc := range []struct {
		n       int
		latency string // each HTTP answer's delay, as a camera's (camsim --latency)
	}{{1, "0"}, {100, "0"}, {1000, "0"}, {100, "20ms-60ms"}, {1000, "20ms-60ms"}} {
		n := bc.n
		b.Run(fmt.Sprintf("cameras=%d/latency=%s", n, bc.latency), func(b *testing.B) {
			lab := netlab.New(b)
			cams := lab.Host("cams", "10.80.0.1/16")
			cams.AddAddrs(netlab.Range("10.80.0.10", n, 16)...)
			client := lab.Host("client", "10.80.255.1/16")
			last := netlab.Range("10.80.0.10", n, 16)[n-1]
			last = strings.TrimSuffix(last, "/16")
			f := startFleet(b, cams, n, "--count", fmt.Sprint(n), "--firmware", "mixed", "--ips", "10.80.0.10-"+last, "--latency", bc.latency)
			want := f.byMAC()
			// On a site the cameras have been up for long: their start-up
			// announcements (two, a second apart) are not part of a
			// search. One unmeasured search lets them pass, and warms the
			// programs' pages.
			runWatch(b, client, 60*time.Second, "--timeout", "3s")
			var sum figures
			b.ResetTimer()
			for range b.N {
				fig := measure(runWatch(b, client, 60*time.Second, "--timeout", "4s"), want)
				if fig.found != n || fig.enriched != n {
					b.Errorf("found %d and enriched %d of %d cameras", fig.found, fig.enriched, n)
				}
				sum.firstMS += fig.firstMS
				sum.listedMS += fig.listedMS
				sum.enrichMS += fig.enrichMS
				sum.datagrams += fig.datagrams
				sum.httpReq += fig.httpReq
				sum.received += fig.received
				sum.mdnsAnswers += fig.mdnsAnswers
				sum.peakMB = max(sum.peakMB, fig.peakMB)
			}
			b.StopTimer()
			per := func(v int64) float64 { return float64(v) / float64(b.N) }
			b.ReportMetric(per(sum.firstMS), "first-ms")
			b.ReportMetric(per(sum.listedMS), "all-listed-ms")
			b.ReportMetric(per(sum.enrichMS), "all-enriched-ms")
			b.ReportMetric(per(sum.datagrams), "datagrams-sent")
			b.ReportMetric(per(sum.httpReq), "http-requests")
			perCam := func(v int64) float64 { return per(v) / float64(n) }
			b.ReportMetric(perCam(sum.received), "datagrams-received/camera")
			b.ReportMetric(perCam(sum.mdnsAnswers), "mdns-answers/camera")
			b.ReportMetric(sum.peakMB, "peak-MB")
			b.ReportMetric(0, "ns/op")
		})
	}
}

func TestDiscoverFindsEveryGoodCameraOnAHostileNetwork(t *testing.T) {
	lab := netlab.New(t)
	cams := lab.Host("cams", "10.79.0.1/16")
	cams.AddAddrs(netlab.Range("10.79.0.10", 13, 16)...)
	client := lab.Host("client", "10.79.255.1/16")
	f := startFleet(t, cams, 13, "--count", "6", "--firmware", "mixed", "--ips", "10.79.0.10-10.79.0.22",
		"--hostile", "location-elsewhere,huge-description,slow-description,malformed,flood,claims-elsewhere,stale-address")
	good := map[string]camLine{}
	hostile := map[string]camLine{}
	for _, c := range f.cams {
		if c.Hostile == "" {
			good[c.MAC] = c
		} else {
			hostile[c.MAC] = c
		}
	}
	run := runWatch(t, client, 45*time.Second, "--timeout", "5s")
	last := run.lastByMAC()
	for mac, c := range good {
		r, ok := last[mac]
		if !ok {
			t.Errorf("good camera %s (%s) not found among hostile devices", mac, c.Firmware)
			continue
		}
		checkCamera(t, r, c, "mdns")
	}
	for mac, r := range last {
		if _, ok := good[mac]; ok {
			continue
		}
		if _, ok := hostile[mac]; !ok {
			t.Errorf("a device nobody announced appeared: %+v", r)
		}
	}
	// The device whose LOCATION points at another camera must not take that
	// camera's identity from its description; the one whose mDNS answer
	// names another camera's address must not be listed there.
	for mac, c := range hostile {
		r, ok := last[mac]
		switch c.Hostile {
		case "location-elsewhere":
			if ok && r.Serial != mac {
				t.Errorf("description from another host was believed: %+v", r)
			}
		case "claims-elsewhere":
			for _, good := range good {
				if ok && contains(r.Addresses, ipOf(good.HTTP)) {
					t.Errorf("a forged answer attached %s to %s, where %s answers", mac, ipOf(good.HTTP), good.MAC)
				}
			}
		case "stale-address":
			// Its first address answers as another camera: it is reached
			// at its own, and the other's is dropped from it.
			if !ok || !r.Enriched || r.Reach != "ok" || !contains(r.Addresses, ipOf(c.HTTP)) || len(r.Addresses) != 1 {
				t.Errorf("camera whose first address is another camera's: %+v; want it enriched at %s alone", r, ipOf(c.HTTP))
			}
		}
	}
	if run.peakKB > 150<<10 {
		t.Errorf("peak memory %d MB on a hostile network of 11 devices", run.peakKB>>10)
	}
	t.Logf("hostile network: %d events, %d datagrams received, peak %d MB, %v",
		len(run.events), run.stats.DatagramsReceived, run.peakKB>>10, run.elapsed.Round(time.Millisecond))
}
