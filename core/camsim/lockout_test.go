package camsim_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
)

// basicOverTLS sends one Basic-authenticated request on a shared client, so
// the failures come quickly over one kept-alive connection.
func basicOverTLS(t *testing.T, client *http.Client, cam *camsim.Camera, pwd string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), requestTimeout)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, cam.HTTPSURL()+paramList, nil)
	req.SetBasicAuth("admin", pwd)
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// lockOut fails to log in limit+1 times within a second, which locks the
// client out, and returns when the last of them was sent. Whether the
// failures fit in a second depends on the machine too: a burst that took
// longer proves nothing and is tried again on a fresh boot, which forgets
// the failures.
func lockOut(t *testing.T, client *http.Client, cam *camsim.Camera, limit int) time.Time {
	t.Helper()
	for try := 1; ; try++ {
		var first, last time.Time
		for i := 0; i <= limit; i++ {
			last = time.Now()
			if i == 0 {
				first = last
			}
			if st := basicOverTLS(t, client, cam, "wrong"); st != http.StatusUnauthorized {
				t.Fatalf("failure %d of %d: %d, want 401 (the last one triggers the lockout)", i+1, limit+1, st)
			}
		}
		if time.Since(first) <= time.Second {
			return last
		}
		if try == 5 {
			t.Fatalf("the machine never sent %d failed logins within a second in %d tries", limit+1, try)
		}
		back := downAndBack(t, cam)
		cam.PowerCycle(false)
		back()
	}
}

func TestTooManyFailedLoginsInASecondGet403(t *testing.T) {
	for _, g := range []camsim.Generation{camsim.Gen11, camsim.Gen12} {
		t.Run(string(g), func(t *testing.T) {
			t.Parallel()
			// Locked out for longer than any test runs, so the checks
			// below cannot come after it ends.
			cam := startCam(t, camsim.Config{
				Generation: g, Admin: &camsim.Account{User: "admin", Password: "pw"},
				LockoutFailures: 5, LockoutFor: time.Hour,
			})
			client := plainClient()
			lockOut(t, client, cam, 5)
			// Now every request from this address is refused, even with the
			// right password and even anonymous ones.
			if st := basicOverTLS(t, client, cam, "pw"); st != http.StatusForbidden {
				t.Errorf("right password while locked out: %d, want 403", st)
			}
			if r := systemReady(t, cam); r.status != http.StatusForbidden {
				t.Errorf("systemready while locked out: %d, want 403", r.status)
			}
		})
	}
}

func TestLockoutEndsAfterLockoutFor(t *testing.T) {
	const lockoutFor = 300 * time.Millisecond
	cam := startCam(t, camsim.Config{
		Generation: camsim.Gen11, Admin: &camsim.Account{User: "admin", Password: "pw"},
		LockoutFailures: 5, LockoutFor: lockoutFor,
	})
	client := plainClient()
	lockedAt := lockOut(t, client, cam, 5)
	waitFor(t, "the lockout to end", 5*time.Second, func() bool { return basicOverTLS(t, client, cam, "pw") == http.StatusOK })
	// The camera locked the client out no earlier than the last failure
	// was sent, so the right password can work no sooner than lockoutFor
	// after that.
	if held := time.Since(lockedAt); held < lockoutFor {
		t.Errorf("the right password worked %v after the lockout, before LockoutFor %v", held, lockoutFor)
	}
}

func TestLockoutIsOffByDefaultOn1012AndCanBeSwitchedOn(t *testing.T) {
	off := startCam(t, camsim.Config{Generation: camsim.Gen10, Admin: &camsim.Account{User: "admin", Password: "pw"}, LockoutFailures: 3})
	client := plainClient()
	for i := 0; i < 8; i++ {
		if st := basicOverTLS(t, client, off, "wrong"); st != http.StatusUnauthorized {
			t.Fatalf("failure %d on 10.12: %d, want 401", i+1, st)
		}
	}
	if st := basicOverTLS(t, client, off, "pw"); st != http.StatusOK {
		t.Errorf("10.12 locked out by default: %d", st)
	}

	on := startCam(t, camsim.Config{Generation: camsim.Gen10, Admin: &camsim.Account{User: "admin", Password: "pw"}, LockoutFailures: 3, LockoutFor: time.Hour, Lockout: camsim.LockoutOn})
	lockOut(t, client, on, 3)
	if st := basicOverTLS(t, client, on, "pw"); st != http.StatusForbidden {
		t.Errorf("10.12 with lockout on: %d, want 403", st)
	}
}

func TestLockoutParametersReflectTheSetting(t *testing.T) {
	for g, want := range map[camsim.Generation]string{camsim.Gen10: "Off", camsim.Gen11: "On", camsim.Gen12: "On"} {
		cam := startCam(t, camsim.Config{Generation: g, Admin: &camsim.Account{User: "admin", Password: "pw"}})
		r := call(t, digestClient("admin", "pw"), http.MethodGet, cam.HTTPURL()+"/axis-cgi/param.cgi?action=list&group=System.PreventDoSAttack", "", "")
		wantBody := "root.System.PreventDoSAttack.ActivatePasswordThrottling=" + want + "\n" +
			"root.System.PreventDoSAttack.DoSBlockingPeriod=10\nroot.System.PreventDoSAttack.DoSPageCount=20\n" +
			"root.System.PreventDoSAttack.DoSPageInterval=1\nroot.System.PreventDoSAttack.DoSSiteCount=20\n" +
			"root.System.PreventDoSAttack.DoSSiteInterval=1\n"
		if r.body != wantBody {
			t.Errorf("%s:\n%s", g, r.body)
		}
	}
}
