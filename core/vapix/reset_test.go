package vapix_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/vapix"
)

// adminClient is logged in to a set-up camera. Over HTTPS it expects the
// new certificate a factory default brings.
func adminClient(t *testing.T, cam *camsim.Camera, sc scheme) *vapix.Client {
	t.Helper()
	c := newClient(t, sc.url(cam), vapix.Options{AcceptNewCertificate: true})
	c.SetCredentials("root", testPassword)
	if err := c.VerifyLogin(testCtx(t, 10*time.Second)); err != nil {
		t.Fatal(err)
	}
	return c
}

type phaseLog struct {
	mu     sync.Mutex
	phases []vapix.RebootPhase
}

func (p *phaseLog) record(pr vapix.RebootProgress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.phases); n == 0 || p.phases[n-1] != pr.Phase {
		p.phases = append(p.phases, pr.Phase)
	}
}

func (p *phaseLog) saw(ph vapix.RebootPhase) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, x := range p.phases {
		if x == ph {
			return true
		}
	}
	return false
}

func TestFactoryDefaultThenWaitForRebootFindsTheCameraFactoryNew(t *testing.T) {
	for _, mode := range []vapix.ResetMode{vapix.Soft, vapix.Hard} {
		t.Run(string(mode), func(t *testing.T) {
			forEachCamera(t, func(t *testing.T, gen camsim.Generation, sc scheme) {
				cam := setUpCam(t, gen)
				c := adminClient(t, cam, sc)
				before, err := c.SystemReady(testCtx(t, 10*time.Second))
				if err != nil {
					t.Fatal(err)
				}
				if err := c.FactoryDefault(testCtx(t, 10*time.Second), mode); err != nil {
					t.Fatal(err)
				}
				log := &phaseLog{}
				after, err := c.WaitForReboot(testCtx(t, time.Minute), before, 40*time.Second, log.record)
				if err != nil {
					t.Fatalf("%v (phases %v)", err, log.phases)
				}
				if !after.Ready || !after.NeedsSetup {
					t.Fatalf("after the reset: %+v, want ready and needing setup", after)
				}
				if gen != camsim.Gen10 && after.BootID == before.BootID {
					t.Fatalf("same boot id %q after the reset", after.BootID)
				}
				snap := cam.Snapshot()
				if snap.LastReset != string(mode) || snap.Resets != 1 || len(snap.Users) != 0 {
					t.Fatalf("camera state: %+v", snap)
				}
				if !log.saw(vapix.RebootDown) || log.phases[len(log.phases)-1] != vapix.RebootBack {
					t.Fatalf("phases %v: want the camera seen down, then back", log.phases)
				}
			})
		})
	}
}

func TestRestartKeepsTheAccountAndComesBackOnANewBoot(t *testing.T) {
	forEachCamera(t, func(t *testing.T, gen camsim.Generation, sc scheme) {
		cam := setUpCam(t, gen)
		c := adminClient(t, cam, sc)
		before, err := c.SystemReady(testCtx(t, 10*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Restart(testCtx(t, 10*time.Second)); err != nil {
			t.Fatal(err)
		}
		after, err := c.WaitForReboot(testCtx(t, time.Minute), before, 40*time.Second, nil)
		if err != nil {
			t.Fatal(err)
		}
		if after.NeedsSetup {
			t.Fatal("a restart erased the account")
		}
		if snap := cam.Snapshot(); snap.LastReset != "restart" || snap.Resets != 1 {
			t.Fatalf("camera state: %+v", snap)
		}
		if err := c.VerifyLogin(testCtx(t, 10*time.Second)); err != nil {
			t.Fatalf("login after the restart: %v", err)
		}
	})
}

func TestLegacyCGIsServeFirmwareWithoutFirmwareManagement(t *testing.T) {
	cases := []struct {
		name string
		do   func(context.Context, *vapix.Client) error
		want string
	}{
		{"soft", func(ctx context.Context, c *vapix.Client) error { return c.FactoryDefault(ctx, vapix.Soft) }, "soft"},
		{"hard", func(ctx context.Context, c *vapix.Client) error { return c.FactoryDefault(ctx, vapix.Hard) }, "hard"},
		{"restart", func(ctx context.Context, c *vapix.Client) error { return c.Restart(ctx) }, "restart"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cam := setUpCam(t, camsim.Gen10)
			c := newClient(t, firmwareVariant{noJSONAPIs: true}.start(t, cam), vapix.Options{})
			c.SetCredentials("root", testPassword)
			if err := tc.do(testCtx(t, 10*time.Second), c); err != nil {
				t.Fatal(err)
			}
			if snap := cam.Snapshot(); snap.LastReset != tc.want || snap.Resets != 1 {
				t.Fatalf("camera state: %+v, want one %s reset through the legacy CGI", snap, tc.want)
			}
		})
	}
}

func TestConnectionDroppedAfterTheResetWasSentCountsAsAccepted(t *testing.T) {
	for _, sc := range schemes {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			cam := setUpCam(t, camsim.Gen11)
			c := adminClient(t, cam, sc)
			before, err := c.SystemReady(testCtx(t, 10*time.Second))
			if err != nil {
				t.Fatal(err)
			}
			cam.SetFaults(camsim.Faults{DropAfterFactoryDefault: true})
			if err := c.FactoryDefault(testCtx(t, 10*time.Second), vapix.Hard); err != nil {
				t.Fatalf("reset with the reply cut off: %v", err)
			}
			cam.SetFaults(camsim.Faults{})
			if snap := cam.Snapshot(); snap.Resets != 1 || snap.LastReset != "hard" {
				t.Fatalf("camera state: %+v", snap)
			}
			if _, err := c.WaitForReboot(testCtx(t, time.Minute), before, 40*time.Second, nil); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestResetRefusalsAreTyped(t *testing.T) {
	cam := startCam(t, camsim.Config{Generation: camsim.Gen12, GoDownAfter: 3 * time.Second,
		Admin: &camsim.Account{User: "root", Password: testPassword}})
	wrong := newClient(t, cam.HTTPURL(), vapix.Options{})
	wrong.SetCredentials("root", "wrong")
	wantKind(t, wrong.FactoryDefault(testCtx(t, 10*time.Second), vapix.Hard), vapix.WrongPassword)
	c := adminClient(t, cam, schemes[0])
	wantKind(t, c.FactoryDefault(testCtx(t, 10*time.Second), "medium"), vapix.InvalidSettings)
	if n := cam.Snapshot().Resets; n != 0 {
		t.Fatalf("%d resets from refused requests", n)
	}
	if err := c.Restart(testCtx(t, 10*time.Second)); err != nil {
		t.Fatal(err)
	}
	// The camera is still up, busy with the restart: firmware management
	// answers 423.
	err := c.FactoryDefault(testCtx(t, 10*time.Second), vapix.Soft)
	wantKind(t, err, vapix.CameraRefused)
	if p := err.(*vapix.Error).Explain(); p.What.String() == "" {
		t.Fatal("no explanation")
	}
}

func TestWaitForRebootWithoutARebootTimesOut(t *testing.T) {
	cam := setUpCam(t, camsim.Gen11)
	c := adminClient(t, cam, schemes[0])
	before, err := c.SystemReady(testCtx(t, 10*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	log := &phaseLog{}
	_, err = c.WaitForReboot(testCtx(t, time.Minute), before, 2500*time.Millisecond, log.record)
	wantKind(t, err, vapix.RebootTimeout)
	if len(log.phases) != 1 || log.phases[0] != vapix.RebootWaitingToGoDown {
		t.Fatalf("phases %v, want only waiting to go down", log.phases)
	}

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	_, err = c.WaitForReboot(ctx, before, time.Minute, nil)
	wantKind(t, err, vapix.Canceled)
}

func TestWaitForRebootSeesAPowerCutWithoutBootIDs(t *testing.T) {
	// 10.12 has neither boot id nor uptime: only "down, then ready again"
	// tells the new boot.
	cam := setUpCam(t, camsim.Gen10)
	c := adminClient(t, cam, schemes[0])
	before, err := c.SystemReady(testCtx(t, 10*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if before.BootID != "" || before.HasUptime {
		t.Fatalf("10.12 reported boot data: %+v", before)
	}
	cam.PowerCycle(true)
	log := &phaseLog{}
	after, err := c.WaitForReboot(testCtx(t, time.Minute), before, 40*time.Second, log.record)
	if err != nil {
		t.Fatal(err)
	}
	if !after.NeedsSetup || !log.saw(vapix.RebootDown) {
		t.Fatalf("after %+v, phases %v", after, log.phases)
	}
}
