package vapix_test

import (
	"context"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/vapix"
)

// Each fault is tried on an anonymous call and on an authenticated one, over
// HTTP and HTTPS.
func faultCalls(c *vapix.Client) map[string]func(context.Context) error {
	return map[string]func(context.Context) error{
		"SystemReady": func(ctx context.Context) error { _, err := c.SystemReady(ctx); return err },
		"DeviceInfo":  func(ctx context.Context) error { _, err := c.DeviceInfo(ctx); return err },
		"ListParams":  func(ctx context.Context) error { _, _, err := c.ListParams(ctx); return err },
	}
}

// faultyClient is a client whose serial (and pin) is learnt before the
// fault is switched on, so the fault hits the call under test.
func faultyClient(t *testing.T, cam *camsim.Camera, sc scheme, timeout time.Duration) *vapix.Client {
	t.Helper()
	c := newClient(t, sc.url(cam), vapix.Options{Timeout: timeout})
	c.SetCredentials("root", testPassword)
	if err := c.VerifyLogin(testCtx(t, 10*time.Second)); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSlowCameraTimesOutAsNoAnswer(t *testing.T) {
	for _, sc := range schemes {
		cam := setUpCam(t, camsim.Gen11)
		c := faultyClient(t, cam, sc, 300*time.Millisecond)
		cam.SetFaults(camsim.Faults{Delay: time.Minute})
		for name, call := range faultCalls(c) {
			// The caller allows far longer than Options.Timeout: the
			// client's own timeout must end the call.
			err := call(testCtx(t, time.Minute))
			if vapix.KindOf(err) != vapix.NoAnswer {
				t.Errorf("%s/%s: %v, want NoAnswer", sc.name, name, err)
			}
		}
	}
}

func TestCancelingTheContextIsCanceled(t *testing.T) {
	for _, sc := range schemes {
		cam := setUpCam(t, camsim.Gen12)
		c := faultyClient(t, cam, sc, time.Minute)
		cam.SetFaults(camsim.Faults{Delay: time.Minute})
		for name, call := range faultCalls(c) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(100*time.Millisecond, cancel)
			if err := call(ctx); vapix.KindOf(err) != vapix.Canceled {
				t.Errorf("%s/%s: %v, want Canceled", sc.name, name, err)
			}
		}
		// A caller's deadline is the caller stopping too.
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		_, err := c.SystemReady(ctx)
		cancel()
		wantKind(t, err, vapix.Canceled)
	}
}

func TestOversizedAndEndlessRepliesAreTooLarge(t *testing.T) {
	for _, sc := range schemes {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			cam := setUpCam(t, camsim.Gen10)
			c := faultyClient(t, cam, sc, 20*time.Second)
			cam.SetFaults(camsim.Faults{OversizeBody: 5 << 20})
			for name, call := range faultCalls(c) {
				if err := call(testCtx(t, time.Minute)); vapix.KindOf(err) != vapix.ReplyTooLarge {
					t.Errorf("%s with an oversized body: %v, want ReplyTooLarge", name, err)
				}
			}
			// A JSON reply padded just past 256 KiB is already too large,
			// while a parameter list of that size is fine.
			cam.SetFaults(camsim.Faults{OversizeBody: 300 << 10})
			_, err := c.SystemReady(testCtx(t, 10*time.Second))
			wantKind(t, err, vapix.ReplyTooLarge)
			if _, _, err := c.ListParams(testCtx(t, 10*time.Second)); err != nil {
				t.Errorf("a 300 KiB parameter list: %v", err)
			}
			// An endless trickle is cut off by the client's timeout and
			// reported as the flood it is.
			cam.SetFaults(camsim.Faults{})
			short := faultyClient(t, cam, sc, 3*time.Second)
			cam.SetFaults(camsim.Faults{EndlessBody: true})
			for name, call := range faultCalls(short) {
				if err := call(testCtx(t, time.Minute)); vapix.KindOf(err) != vapix.ReplyTooLarge {
					t.Errorf("%s with an endless body: %v, want ReplyTooLarge", name, err)
				}
			}
		})
	}
}

func TestMalformedRepliesAreBadReply(t *testing.T) {
	for _, gen := range camsim.Generations {
		for _, sc := range schemes {
			cam := setUpCam(t, gen)
			c := faultyClient(t, cam, sc, 10*time.Second)
			cam.SetFaults(camsim.Faults{Malformed: true})
			for name, call := range faultCalls(c) {
				if err := call(testCtx(t, 10*time.Second)); vapix.KindOf(err) != vapix.BadReply {
					t.Errorf("%s/%s/%s: %v, want BadReply", gen, sc.name, name, err)
				}
			}
			_, err := c.Identify(testCtx(t, 10*time.Second))
			if k := vapix.KindOf(err); k != vapix.BadReply && k != vapix.NotAxis {
				t.Errorf("%s/%s Identify: %v, want BadReply or NotAxis", gen, sc.name, err)
			}
		}
	}
}

func TestDroppedConnectionIsNoAnswer(t *testing.T) {
	for _, sc := range schemes {
		cam := setUpCam(t, camsim.Gen11)
		c := faultyClient(t, cam, sc, 10*time.Second)
		cam.SetFaults(camsim.Faults{DropConnection: true})
		for name, call := range faultCalls(c) {
			if err := call(testCtx(t, 10*time.Second)); vapix.KindOf(err) != vapix.NoAnswer {
				t.Errorf("%s/%s: %v, want NoAnswer", sc.name, name, err)
			}
		}
		// A connection that drops before any authenticated request went out
		// is not a camera accepting a restart.
		fresh := newClient(t, sc.url(cam), vapix.Options{Serial: cam.MAC()})
		fresh.SetCredentials("root", testPassword)
		wantKind(t, fresh.Restart(testCtx(t, 10*time.Second)), vapix.NoAnswer)
		if n := cam.Snapshot().Resets; n != 0 {
			t.Fatalf("%s: %d resets", sc.name, n)
		}
	}
}
