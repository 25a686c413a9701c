package demo

import (
	"context"
	"errors"
	"net/netip"
	"testing"
	"time"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/hostaddr"
)

func factoryCamera(t *testing.T) spec {
	t.Helper()
	for _, s := range fleet {
		if s.lateLease {
			return s
		}
	}
	t.Fatal("the fleet has no camera on the factory address")
	return spec{}
}

func TestASecondAddressOnTheSimulatedComputerMakesTheFactoryCameraReachableUntilRemoved(t *testing.T) {
	n, events := startDemo(t, Options{ComeAndGo: -1, Liveness: 300 * time.Millisecond})
	fc := factoryCamera(t)
	watch(t, events, 20*time.Second, func(d map[string]discovery.Device, _ discovery.Event) bool {
		return d[fc.mac].Diagnosis.Reach == discovery.ReachFactoryAddress
	})

	p, err := hostaddr.For(discovery.FactoryAddress, nil)
	if err != nil {
		t.Fatal(err)
	}
	added, err := secondAddress{n}.Add(context.Background(), Interface, p)
	if err != nil {
		t.Fatal(err)
	}
	watch(t, events, 20*time.Second, func(d map[string]discovery.Device, _ discovery.Event) bool {
		return d[fc.mac].Diagnosis.Reach == discovery.ReachOK
	})
	if err := added.Remove(context.Background()); err != nil {
		t.Fatal(err)
	}
	watch(t, events, 20*time.Second, func(d map[string]discovery.Device, _ discovery.Event) bool {
		return d[fc.mac].Diagnosis.Reach == discovery.ReachFactoryAddress
	})
	for _, i := range n.Interfaces() {
		for _, q := range i.Prefixes {
			if q == p {
				t.Fatalf("%s is still on %s after Remove", p, i.Name)
			}
		}
	}
}

func TestASecondAddressOnAConnectionTheSimulatedComputerLacksIsNotPossible(t *testing.T) {
	n, _ := startDemo(t, Options{ComeAndGo: -1})
	_, err := secondAddress{n}.Add(context.Background(), "wlan7", netip.MustParsePrefix("192.168.0.213/24"))
	if !errors.Is(err, hostaddr.NotPossible) {
		t.Fatalf("Add on wlan7: %v, want NotPossible", err)
	}
}
