package report

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/openipu/openipu/core/handover"
	"github.com/openipu/openipu/core/testdir"
)

// bigSession is a site of n cameras, every step done and a snapshot each,
// built as a value: going through the store would time its disk writes,
// not the report.
func bigSession(b *testing.B, n int) (handover.Session, string) {
	b.Helper()
	dir := testdir.New(b)
	s := handover.Session{Site: sampleSite, HandedOverBy: "Jörg Müller", ReceivedBy: "Ångström Fastigheter AB"}
	at := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	for i := range n {
		thumb, err := handover.Thumbnail(testJPEG(b, i)) // each different: identical pictures are stored once
		if err != nil {
			b.Fatal(err)
		}
		mac := fmt.Sprintf("ACCC8E%06X", i)
		if err := os.WriteFile(filepath.Join(dir, mac+".jpg"), thumb, 0o600); err != nil {
			b.Fatal(err)
		}
		c := handover.Camera{MAC: mac, Serial: mac, Model: "AXIS M1075-L", Firmware: "11.11.73",
			Address: fmt.Sprintf("10.0.%d.%d", 20+i/250, 1+i%250), Name: fmt.Sprintf("Stairwell %d", i),
			Location: fmt.Sprintf("Floor %d, Łódź wing", i%12), SnapshotFile: mac + ".jpg", Steps: map[handover.Step]handover.Tick{}}
		for _, st := range handover.Steps {
			c.Steps[st] = handover.Tick{Done: true, At: at, Detail: "done by the workflow"}
		}
		c.Steps[handover.Password] = handover.Tick{Done: true, At: at, User: "root"}
		c.Steps[handover.Clock] = handover.Tick{Done: true, At: at, ClockRead: true, ClockOffsetMS: int64(i*37 - 3000)}
		if i%10 == 0 {
			c.Firmware = "12.2.45"
		}
		s.Cameras = append(s.Cameras, c)
	}
	return s, dir
}

// BenchmarkReport200Cameras renders the report of a 200-camera site, as
// PDF with every thumbnail and as CSV. The budget is well under 5 s per
// PDF; "MB" is the document's size.
func BenchmarkReport200Cameras(b *testing.B) {
	s, dir := bigSession(b, 200)
	opts := Options{SnapshotDir: dir, Now: sampleNow, Location: time.UTC}
	ctx := context.Background()
	b.Run("PDF", func(b *testing.B) {
		var out bytes.Buffer
		for b.Loop() {
			out.Reset()
			if err := WritePDF(ctx, &out, s, opts); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(out.Len())/1e6, "MB")
	})
	b.Run("CSV", func(b *testing.B) {
		var out bytes.Buffer
		for b.Loop() {
			out.Reset()
			if err := WriteCSV(ctx, &out, s, opts); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(out.Len())/1e6, "MB")
	})
}
