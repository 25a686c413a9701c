//go:build unix || windows

package netif

import (
	"context"
	"net"
	"testing"
)

func TestSharePortLetsASecondSocketBindAHeldUDPPort(t *testing.T) {
	lc := net.ListenConfig{Control: SharePort}
	first, err := lc.ListenPacket(context.Background(), "udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	addr := first.LocalAddr().String()
	second, err := lc.ListenPacket(context.Background(), "udp4", addr)
	if err != nil {
		t.Fatalf("a second socket sharing %s: %v", addr, err)
	}
	second.Close()
}

// Without the control the second bind must fail, or the test above would
// pass whatever SharePort did.
func TestWithoutSharePortASecondSocketCannotBindAHeldUDPPort(t *testing.T) {
	first, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	addr := first.LocalAddr().String()
	second, err := net.ListenPacket("udp4", addr)
	if err == nil {
		second.Close()
		t.Fatalf("a second plain socket bound %s", addr)
	}
}
