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

func TestTooManyFailedLoginsInASecondGet403ForAWhile(t *testing.T) {
	for _, g := range []camsim.Generation{camsim.Gen11, camsim.Gen12} {
		t.Run(string(g), func(t *testing.T) {
			t.Parallel()
			cam := startCam(t, camsim.Config{
				Generation: g, Admin: &camsim.Account{User: "admin", Password: "pw"},
				LockoutFailures: 5, LockoutFor: 1500 * time.Millisecond,
			})
			client := plainClient()
			for i := 0; i < 5; i++ {
				if st := basicOverTLS(t, client, cam, "wrong"); st != http.StatusUnauthorized {
					t.Fatalf("failure %d: %d, want 401", i+1, st)
				}
			}
			if st := basicOverTLS(t, client, cam, "wrong"); st != http.StatusUnauthorized {
				t.Fatalf("sixth failure: %d, want 401 (it triggers the lockout)", st)
			}
			blockedAt := time.Now()
			// Now every request from this address is refused, even with the
			// right password and even anonymous ones.
			if st := basicOverTLS(t, client, cam, "pw"); st != http.StatusForbidden {
				t.Errorf("right password while locked out: %d, want 403", st)
			}
			if r := systemReady(t, cam); r.status != http.StatusForbidden {
				t.Errorf("systemready while locked out: %d, want 403", r.status)
			}
			time.Sleep(time.Until(blockedAt.Add(1600 * time.Millisecond)))
			if st := basicOverTLS(t, client, cam, "pw"); st != http.StatusOK {
				t.Errorf("after the lockout: %d, want 200", st)
			}
		})
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

	on := startCam(t, camsim.Config{Generation: camsim.Gen10, Admin: &camsim.Account{User: "admin", Password: "pw"}, LockoutFailures: 3, Lockout: camsim.LockoutOn})
	for i := 0; i < 4; i++ {
		basicOverTLS(t, client, on, "wrong")
	}
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
