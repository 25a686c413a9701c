package vapix_test

import (
	"context"
	"testing"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/vapix"
)

// BenchmarkIdentify measures one anonymous identification (systemready plus
// basic device information) of a simulated camera over loopback HTTP, with
// the connection kept alive between rounds as a scan's second look would.
func BenchmarkIdentify(b *testing.B) {
	cam := startCam(b, camsim.Config{Generation: camsim.Gen12})
	c := newClient(b, cam.HTTPURL(), vapix.Options{})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		id, err := c.Identify(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if id.MAC != cam.MAC() {
			b.Fatalf("MAC %q", id.MAC)
		}
	}
}
