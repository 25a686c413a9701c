package vapix_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/vapix"
)

// skewedMAC is a simulated camera whose clock starts 27 s behind.
const skewedMAC = "B8A44F0A98A1"

func skewedCam(t *testing.T, gen camsim.Generation, noTimeAPI bool) *camsim.Camera {
	return startCam(t, camsim.Config{Generation: gen, MAC: skewedMAC, NoTimeAPI: noTimeAPI, Admin: &camsim.Account{User: "root", Password: testPassword}})
}

func loggedIn(t *testing.T, target string) *vapix.Client {
	c := newClient(t, target, vapix.Options{})
	c.SetCredentials("root", testPassword)
	return c
}

// near fails unless got is within slack of want.
func near(t *testing.T, what string, got, want, slack time.Duration) {
	t.Helper()
	if d := got - want; d > slack || d < -slack {
		t.Errorf("%s = %v, want %v ± %v", what, got, want, slack)
	}
}

func TestClockMeasuresTheCamerasOffsetThroughTheTimeAPI(t *testing.T) {
	forEachCamera(t, func(t *testing.T, gen camsim.Generation, sc scheme) {
		cam := skewedCam(t, gen, false)
		r, err := loggedIn(t, sc.url(cam)).Clock(testCtx(t, 10*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		near(t, "offset", r.Offset, cam.ClockOffset(), r.Precision+200*time.Millisecond)
		if r.FromDateHeader || r.Sync != vapix.SyncDHCP || r.TimeZone != "UTC0" || !r.TimeZoneIsPOSIX || r.Precision < 500*time.Millisecond {
			t.Errorf("reading %+v", r)
		}
		if r.Setting() != "NTP from DHCP, UTC0" {
			t.Errorf("setting %q", r.Setting())
		}
	})
}

func TestClockFallsBackToTheTimeParametersAndTheDateHeader(t *testing.T) {
	cam := skewedCam(t, camsim.Gen10, true)
	r, err := loggedIn(t, cam.HTTPURL()).Clock(testCtx(t, 10*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	near(t, "offset", r.Offset, cam.ClockOffset(), r.Precision+200*time.Millisecond)
	if !r.FromDateHeader || r.Sync != vapix.SyncDHCP || r.TimeZone != "UTC0" {
		t.Errorf("reading %+v", r)
	}
}

func TestSetClockToTimeServersBringsTheCameraRight(t *testing.T) {
	forEachCamera(t, func(t *testing.T, gen camsim.Generation, sc scheme) {
		cam := skewedCam(t, gen, false)
		c := loggedIn(t, sc.url(cam))
		ctx := testCtx(t, 10*time.Second)
		if err := c.SetClock(ctx, vapix.ClockSetting{NTPServers: []string{"10.0.0.1", "pool.ntp.org"}, TimeZone: "Europe/Stockholm"}); err != nil {
			t.Fatal(err)
		}
		r, err := c.Clock(ctx)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "offset", r.Offset, 0, r.Precision+200*time.Millisecond)
		if r.Setting() != "NTP 10.0.0.1,pool.ntp.org, Europe/Stockholm" || cam.TimeZone() != "Europe/Stockholm" {
			t.Errorf("reading %+v", r)
		}
	})
}

func TestSetClockToThisComputersTimeStopsNTP(t *testing.T) {
	for _, gen := range camsim.Generations {
		t.Run(string(gen), func(t *testing.T) {
			t.Parallel()
			cam := skewedCam(t, gen, false)
			c := loggedIn(t, cam.HTTPURL())
			ctx := testCtx(t, 10*time.Second)
			if err := c.SetClock(ctx, vapix.ClockSetting{ComputerTime: true, TimeZone: "CET-1CEST,M3.5.0,M10.5.0/3"}); err != nil {
				t.Fatal(err)
			}
			near(t, "camera offset", cam.ClockOffset(), 0, 300*time.Millisecond)
			r, err := c.Clock(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if r.Sync != vapix.SyncManual || r.TimeZone != "CET-1CEST,M3.5.0,M10.5.0/3" || !r.TimeZoneIsPOSIX {
				t.Errorf("reading %+v", r)
			}
		})
	}
}

func TestSetClockWithoutTheTimeAPIUsesTheParametersWhereItCan(t *testing.T) {
	cam := skewedCam(t, camsim.Gen10, true)
	c := loggedIn(t, cam.HTTPURL())
	ctx := testCtx(t, 10*time.Second)
	if err := c.SetClock(ctx, vapix.ClockSetting{NTPServers: []string{"10.0.0.1", "10.0.0.2"}, TimeZone: "CET-1CEST,M3.5.0,M10.5.0/3"}); err != nil {
		t.Fatal(err)
	}
	r, err := c.Clock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r.Setting() != "NTP 10.0.0.1, CET-1CEST,M3.5.0,M10.5.0/3" || cam.ClockOffset() != 0 {
		t.Errorf("reading %+v, camera offset %v", r, cam.ClockOffset())
	}
	wantKind(t, c.SetClock(ctx, vapix.ClockSetting{TimeZone: "Europe/Stockholm"}), vapix.Unsupported)
	wantKind(t, c.SetClock(ctx, vapix.ClockSetting{ComputerTime: true}), vapix.Unsupported)
}

func TestSetClockRefusesBadInputBeforeReachingTheCamera(t *testing.T) {
	// Nothing listens at port 1: reaching it would fail as NoAnswer.
	c := loggedIn(t, "127.0.0.1:1")
	ctx := testCtx(t, 10*time.Second)
	wantKind(t, c.SetClock(ctx, vapix.ClockSetting{NTPServers: []string{"time server"}}), vapix.InvalidTimeServer)
	wantKind(t, c.SetClock(ctx, vapix.ClockSetting{ComputerTime: true, TimeZone: "Mars/Olympus Mons"}), vapix.InvalidTimeZone)
	wantKind(t, c.SetFriendlyName(ctx, "two\nlines"), vapix.InvalidName)
}

func TestSnapshotReturnsTheCamerasJPEG(t *testing.T) {
	forEachCamera(t, func(t *testing.T, gen camsim.Generation, sc scheme) {
		cam := setUpCam(t, gen)
		pic, err := loggedIn(t, sc.url(cam)).Snapshot(testCtx(t, 10*time.Second), 0)
		want, _ := cam.Picture(640, 360)
		if err != nil || string(pic) != string(want) {
			t.Fatalf("%d bytes, err %v", len(pic), err)
		}
	})
}

func TestSnapshotRefusesWhatIsNotAPictureOrTooLarge(t *testing.T) {
	cam := setUpCam(t, camsim.Gen12)
	_, err := loggedIn(t, cam.HTTPURL()).Snapshot(testCtx(t, 10*time.Second), 1000)
	wantKind(t, err, vapix.ReplyTooLarge)

	for _, ct := range []string{"text/html", "image/jpeg"} {
		page := proxied(t, cam, func(w http.ResponseWriter, r *http.Request) bool {
			if r.URL.Path != "/axis-cgi/jpg/image.cgi" || r.Header.Get("Authorization") == "" {
				return false
			}
			w.Header().Set("Content-Type", ct)
			_, _ = io.WriteString(w, "<html><body>Error: no video</body></html>")
			return true
		})
		_, err := loggedIn(t, page).Snapshot(testCtx(t, 10*time.Second), 0)
		wantKind(t, err, vapix.NotAnImage)
	}

	c := newClient(t, cam.HTTPURL(), vapix.Options{})
	c.SetCredentials("root", "wrong")
	_, err = c.Snapshot(testCtx(t, 10*time.Second), 0)
	wantKind(t, err, vapix.WrongPassword)
}

func TestSetFriendlyNameSetsBothNames(t *testing.T) {
	forEachCamera(t, func(t *testing.T, gen camsim.Generation, sc scheme) {
		cam := setUpCam(t, gen)
		c := loggedIn(t, sc.url(cam))
		ctx := testCtx(t, 10*time.Second)
		if err := c.SetFriendlyName(ctx, "Entrance – Hall 4"); err != nil {
			t.Fatal(err)
		}
		wantNames(t, c, "Entrance – Hall 4", "Entrance – Hall 4")
	})
}

func TestSetFriendlyNameToleratesAFirmwareWithoutOneOfTheNames(t *testing.T) {
	cam := setUpCam(t, camsim.Gen11)
	noUPnP := proxied(t, cam, func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/axis-cgi/param.cgi" || !strings.Contains(r.URL.RawQuery, "UPnP.FriendlyName") || r.Header.Get("Authorization") == "" {
			return false
		}
		// Let the digest check run, then answer as a firmware without the
		// parameter.
		_, _ = io.WriteString(w, "# Error: Error setting 'Network.UPnP.FriendlyName' to 'x'!")
		return true
	})
	c := loggedIn(t, noUPnP)
	if err := c.SetFriendlyName(testCtx(t, 10*time.Second), "Gate"); err != nil {
		t.Fatal(err)
	}
	wantNames(t, loggedIn(t, cam.HTTPURL()), "Gate", "AXIS "+cam.Model()+" - "+cam.MAC())
}

func wantNames(t *testing.T, c *vapix.Client, bonjour, upnp string) {
	t.Helper()
	params, _, err := c.ListParams(testCtx(t, 10*time.Second), "Network.Bonjour.FriendlyName", "Network.UPnP.FriendlyName")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range params {
		got[p.Name] = p.Value
	}
	if got["root.Network.Bonjour.FriendlyName"] != bonjour || got["root.Network.UPnP.FriendlyName"] != upnp {
		t.Errorf("names %v", got)
	}
}

// proxied puts a loopback HTTP proxy in front of cam; answer may take a
// request over (returning true) to imitate firmware the simulator does
// not model.
func proxied(t *testing.T, cam *camsim.Camera, answer func(http.ResponseWriter, *http.Request) bool) string {
	t.Helper()
	target, err := url.Parse(cam.HTTPURL())
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !answer(w, r) {
			proxy.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}
