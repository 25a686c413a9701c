package nstest

import (
	"context"
	"net"
	"testing"

	"github.com/openipu/openipu/core/camsim"
)

// Responder is either of the simulator's responders, as a test runs it.
type Responder interface {
	Start(ctx context.Context) error
	Close() error
}

// Start runs r until t ends.
func Start(t testing.TB, r Responder) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	if err := r.Start(ctx); err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		r.Close()
	})
}

// StartCamera runs a whole simulated 10.x camera until t ends, on the
// address of camera i with HTTP only, announced through a: the responders'
// proof that camsim.Camera drives them as it should.
func (n *Network) StartCamera(t testing.TB, i int, a camsim.Announcer) *camsim.Camera {
	t.Helper()
	cam, err := camsim.New(camsim.Config{
		Generation: camsim.Gen10,
		HTTPAddr:   net.JoinHostPort(n.CamIPs[i].String(), "0"),
		HTTPSAddr:  "off",
		Announcers: []camsim.Announcer{a},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := cam.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cam.Close() })
	return cam
}
