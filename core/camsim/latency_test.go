package camsim_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
)

func TestParseLatencyReadsARangeAFixedDelayAndNone(t *testing.T) {
	for in, want := range map[string]camsim.LatencyRange{
		"20ms-60ms":   {Min: 20 * time.Millisecond, Max: 60 * time.Millisecond},
		" 1s - 2s ":   {Min: time.Second, Max: 2 * time.Second},
		"40ms":        {Min: 40 * time.Millisecond, Max: 40 * time.Millisecond},
		"40ms-40ms":   {Min: 40 * time.Millisecond, Max: 40 * time.Millisecond},
		"0-10ms":      {Max: 10 * time.Millisecond},
		"":            {},
		"0":           {},
		"0s":          {},
		"1.5ms-2.5ms": {Min: 1500 * time.Microsecond, Max: 2500 * time.Microsecond},
	} {
		got, err := camsim.ParseLatency(in)
		if err != nil || got != want {
			t.Errorf("ParseLatency(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}

func TestParseLatencyRefusesBackwardsNegativeAndNonDurations(t *testing.T) {
	for _, in := range []string{"60ms-20ms", "abc", "-5ms", "20ms--5ms", "20ms-", "-", "20-60", "20ms-60ms-80ms", "10s-abc"} {
		if l, err := camsim.ParseLatency(in); err == nil {
			t.Errorf("ParseLatency(%q) = %v, want an error", in, l)
		}
	}
}

func TestLatencyStringIsReadBackByParseLatency(t *testing.T) {
	for _, l := range []camsim.LatencyRange{{}, {Min: 40 * time.Millisecond, Max: 40 * time.Millisecond}, {Min: 20 * time.Millisecond, Max: 60 * time.Millisecond}} {
		if got, err := camsim.ParseLatency(l.String()); err != nil || got != l {
			t.Errorf("%v read back as %v, %v", l, got, err)
		}
	}
}

func TestNewRefusesABackwardsLatency(t *testing.T) {
	if _, err := camsim.New(camsim.Config{Latency: camsim.LatencyRange{Min: 60 * time.Millisecond, Max: 20 * time.Millisecond}}); err == nil {
		t.Error("a camera was made with a latency range that ends before it starts")
	}
	if _, err := camsim.NewFleet(camsim.FleetConfig{Count: 2, Latency: camsim.LatencyRange{Min: -time.Millisecond}}); err == nil {
		t.Error("a fleet was made with a negative latency")
	}
}

func TestEveryRequestWaitsAtLeastTheLatencyOverHTTPAndHTTPSAndIsCounted(t *testing.T) {
	const least = 30 * time.Millisecond
	cams, err := camsim.NewFleet(camsim.FleetConfig{Count: 2, Latency: camsim.LatencyRange{Min: least, Max: 50 * time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	if err := camsim.StartAll(cams); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = camsim.CloseAll(cams) })
	for _, cam := range cams {
		// One client per camera, its connection kept: from the second
		// request on, only the camera's latency is left to wait for.
		client := plainClient()
		for _, base := range []string{cam.HTTPURL(), cam.HTTPSURL()} {
			for range 3 {
				start := time.Now()
				r := postJSON(t, client, base+"/axis-cgi/systemready.cgi", `{"apiVersion":"1","method":"systemready"}`)
				if took := time.Since(start); took < least || r.status != http.StatusOK {
					t.Errorf("%s: %d after %s, want 200 after at least %s", base, r.status, took, least)
				}
			}
		}
		if n := cam.Requests(); n.Received != 6 || n.Answering != 0 || n.Connections != 2 {
			t.Errorf("the camera counted %+v, want 6 received on 2 connections and none still answering", n)
		}
	}
}

func TestARequestWhoseClientLeavesDuringTheLatencyEndsAtOnce(t *testing.T) {
	cam := startCam(t, camsim.Config{Latency: camsim.LatencyRange{Min: 10 * time.Second, Max: 10 * time.Second}})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, cam.HTTPURL()+"/axis-cgi/systemready.cgi", strings.NewReader(`{"apiVersion":"1","method":"systemready"}`))
	sent := make(chan error, 1)
	go func() {
		res, err := plainClient().Do(req)
		if err == nil {
			res.Body.Close()
		}
		sent <- err
	}()
	// Well under the latency: a camera that waited it out fails here.
	wait, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	if err := cam.AwaitRequests(wait, func(n camsim.RequestCounts) bool { return n.Answering == 1 }); err != nil {
		t.Fatalf("the request never reached the camera: %v", err)
	}
	cancel()
	if err := <-sent; !errors.Is(err, context.Canceled) {
		t.Errorf("the client's request ended with %v, want it cancelled", err)
	}
	if err := cam.AwaitRequests(wait, func(n camsim.RequestCounts) bool { return n.Answering == 0 }); err != nil {
		t.Errorf("the camera still holds the request its client left: %v (%+v)", err, cam.Requests())
	}
}

func TestClosingTheCameraEndsARequestWaitingOutItsLatency(t *testing.T) {
	cam, err := camsim.New(camsim.Config{Latency: camsim.LatencyRange{Min: time.Hour, Max: time.Hour}})
	if err != nil {
		t.Fatal(err)
	}
	if err := cam.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		// No answer is coming: the camera closes under it.
		_, _ = try(plainClient(), http.MethodPost, cam.HTTPURL()+"/axis-cgi/systemready.cgi", "application/json", `{}`)
	}()
	wait, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	if err := cam.AwaitRequests(wait, func(n camsim.RequestCounts) bool { return n.Answering == 1 }); err != nil {
		t.Fatalf("the request never reached the camera: %v", err)
	}
	// Close gives requests in flight up to 2 s before it cuts them off
	// and reports so; a request let go at once ends well within that.
	if err := cam.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if n := cam.Requests(); n.Answering != 0 {
		t.Errorf("%d requests still waiting after Close", n.Answering)
	}
}
