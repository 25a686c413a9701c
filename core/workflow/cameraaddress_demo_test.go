package workflow_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/demo"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
)

// startOffice runs the simulated office until the cameras named are found
// with their setup state known, and returns them by MAC.
func startOffice(t *testing.T, macs ...string) (*backend.Backend, map[string]discovery.Device) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	b, err := demo.NewBackend(ctx, demo.Options{ComeAndGo: -1})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		b.Shutdown()
	})
	events, err := b.Discovery.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]discovery.Device{}
	deadline := time.After(20 * time.Second)
	for len(found) < len(macs) {
		select {
		case ev := <-events:
			for _, m := range macs {
				if ev.Device.MAC == m && ev.Device.Setup != discovery.SetupUnknown && len(ev.Device.Addresses) > 0 {
					found[m] = ev.Device
				}
			}
		case <-deadline:
			t.Fatalf("the office showed only %d of the cameras %v", len(found), macs)
		}
	}
	return b, found
}

// userWords is everything a user reads about err: what happened and what
// to do.
func userWords(err error) string {
	p, _ := usermsg.Explain(err)
	return p.What.String() + " " + p.Next.String()
}

// In the simulated office every camera is served on a loopback port behind
// its made-up address; the user knows only the made-up one, so that is the
// one every failure names.
func TestFailuresInTheSimulatedOfficeNameTheCameraByItsOwnAddressNotTheLoopbackItIsServedOn(t *testing.T) {
	const fresh, setUp, other = "ACCC8E7A1001", "B8A44F7A1004", "ACCC8E7A1005"
	b, cams := startOffice(t, fresh, setUp, other)
	ctx := context.Background()
	wrong := workflow.As(workflow.Credentials{User: "root", Password: "not-the-password-1"})
	cfg := vapix.NetworkConfig{DHCP: true}

	check := func(what string, t0 workflow.Target, err error) {
		t.Helper()
		if err == nil {
			t.Fatalf("%s: no failure", what)
		}
		words := userWords(err)
		if strings.Contains(words, "127.0.0.1") {
			t.Errorf("%s names the loopback address: %q", what, words)
		}
		if !strings.Contains(words, t0.Address()) {
			t.Errorf("%s does not name the camera's address %s: %q", what, t0.Address(), words)
		}
	}

	ts := workflow.TargetOf(cams[setUp])
	_, err := workflow.ChangeNetwork(ctx, b.Env, ts, wrong, cfg, workflow.Follow{}, nil)
	if vapix.KindOf(err) != vapix.WrongPassword {
		t.Errorf("a wrong password: %v", err)
	}
	check("a wrong password", ts, err)

	tf := workflow.TargetOf(cams[fresh])
	_, err = workflow.Restart(ctx, b.Env, tf, wrong, 0, nil)
	if vapix.KindOf(err) != vapix.NeedsSetup {
		t.Errorf("logging in to a camera without a password: %v", err)
	}
	check("logging in to a camera without a password", tf, err)

	// A first password sent to a camera that already has one.
	to := workflow.TargetOf(cams[other])
	res := workflow.SetPassword(ctx, b.Env, to, workflow.PasswordRequest{User: "root", Password: workflow.Password("Basalt-Heron 77")}, nil)
	check("a first password for a camera that has one", to, res.Err)

	// A camera whose power is cut: its made-up address no longer answers.
	if err := b.Power.Unplug(setUp); err != nil {
		t.Fatal(err)
	}
	_, err = workflow.Restart(ctx, b.Env, ts, wrong, 0, nil)
	if vapix.KindOf(err) != vapix.NoAnswer {
		t.Errorf("an unplugged camera: %v", err)
	}
	check("an unplugged camera", ts, err)

	_, err = b.Discovery.AddHost(ctx, ts.Host)
	check("adding an unplugged camera by its address", ts, err)
}
