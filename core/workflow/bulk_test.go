package workflow

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/vapix"
)

func TestSetPasswordsTellsEachCamerasResultAsSoonAsItIsKnown(t *testing.T) {
	s := newSite(t)
	cams := []*camsim.Camera{startCamera(t, camsim.Gen11, nil), startCamera(t, camsim.Gen12, admin()), startCamera(t, camsim.Gen12, nil)}
	var targets []Target
	for _, c := range cams {
		targets = append(targets, targetOf(t, c))
	}
	var mu sync.Mutex
	heard := map[int]Outcome{}
	results := SetPasswords(context.Background(), s.env, targets, PasswordRequest{User: "admin", Password: Password(newPassword)}, Bulk{Parallel: 1, Done: func(i int, r PasswordResult) {
		mu.Lock()
		defer mu.Unlock()
		if _, twice := heard[i]; twice {
			t.Errorf("camera %d told twice", i)
		}
		heard[i] = r.Outcome
	}}, nil)
	if len(heard) != len(targets) {
		t.Fatalf("told %d results for %d cameras", len(heard), len(targets))
	}
	for i, r := range results {
		if heard[i] != r.Outcome {
			t.Errorf("camera %d: told %v, returned %v", i, heard[i], r.Outcome)
		}
	}
	if heard[0] != Done || heard[1] != Failed || heard[2] != Done {
		t.Errorf("outcomes %v", heard)
	}
}

func TestSetPasswordsByDefaultWorksOnSixteenCamerasAtOnceAndNoMore(t *testing.T) {
	// Every answer takes an hour: a camera once started stays started
	// until the run is stopped, so the cameras asked show how many run at
	// once.
	cams, err := camsim.NewFleet(camsim.FleetConfig{Count: defaultParallel + 1, Latency: camsim.LatencyRange{Min: time.Hour, Max: time.Hour}})
	if err != nil {
		t.Fatal(err)
	}
	if err := camsim.StartAll(cams); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = camsim.CloseAll(cams) })
	targets := make([]Target, len(cams))
	for i, c := range cams {
		targets[i] = targetOf(t, c)
	}
	// The client's own 10 s limit, not the test's, is what could end a
	// camera's turn early; the wait below is shorter.
	env := Env{Connect: NewConnector(&vapix.MemoryPins{}, 0)}
	ctx, cancel := context.WithCancel(context.Background())
	ran := make(chan []PasswordResult, 1)
	go func() {
		ran <- SetPasswords(ctx, env, targets, PasswordRequest{User: "admin", Password: Password(newPassword)}, Bulk{}, nil)
	}()
	wait, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	for i, c := range cams[:defaultParallel] {
		if err := c.AwaitRequests(wait, func(n camsim.RequestCounts) bool { return n.Answering == 1 }); err != nil {
			t.Errorf("camera %d was not asked while the ones before it were held: %v", i, err)
		}
	}
	if n := cams[defaultParallel].Requests(); n.Connections != 0 || n.Received != 0 {
		t.Errorf("camera %d was reached (%+v) while %d others were still being worked on", defaultParallel, n, defaultParallel)
	}
	cancel()
	for i, r := range <-ran {
		if i < defaultParallel && r.Outcome != Failed || i == defaultParallel && r.Outcome != NotSent {
			t.Errorf("camera %d stopped as %v", i, r.Outcome)
		}
	}
	if defaultParallel != 16 {
		t.Errorf("defaultParallel is %d; its comment, and this test's name, say why 16", defaultParallel)
	}
}
