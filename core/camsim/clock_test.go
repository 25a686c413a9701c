package camsim_test

import (
	"bytes"
	"encoding/json"
	"image/jpeg"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
)

// skewedMAC is a camera whose clock starts 27 s behind.
const skewedMAC = "B8A44F0A98A1"

// adminCam is a set-up camera of generation g with a chosen MAC, and a
// digest client for its administrator.
func adminCam(t *testing.T, g camsim.Generation, mac string, noTimeAPI bool) (*camsim.Camera, *http.Client) {
	t.Helper()
	user := firstUser(g)
	cam := startCam(t, camsim.Config{Generation: g, MAC: mac, NoTimeAPI: noTimeAPI, Admin: &camsim.Account{User: user, Password: "pw"}})
	return cam, digestClient(user, "pw")
}

func timeData(t *testing.T, cam *camsim.Camera, client *http.Client, body string) map[string]any {
	t.Helper()
	r := postJSON(t, client, cam.HTTPURL()+"/axis-cgi/time.cgi", body)
	var out struct {
		Data  map[string]any `json:"data"`
		Error map[string]any `json:"error"`
	}
	if r.status != http.StatusOK || json.Unmarshal([]byte(r.body), &out) != nil || out.Error != nil {
		t.Fatalf("time.cgi %s: %d %s", body, r.status, r.body)
	}
	return out.Data
}

func TestEveryAnswerIsStampedWithTheCamerasOwnClock(t *testing.T) {
	for _, g := range camsim.Generations {
		t.Run(string(g), func(t *testing.T) {
			t.Parallel()
			cam, _ := adminCam(t, g, "", false)
			for _, client := range []*http.Client{plainClient(), digestClient("nobody", "x")} {
				r := call(t, client, http.MethodGet, cam.HTTPURL()+"/axis-cgi/param.cgi?action=list", "", "")
				d, err := http.ParseTime(r.header.Get("Date"))
				if err != nil {
					t.Fatalf("Date %q: %v", r.header.Get("Date"), err)
				}
				if off := time.Until(d) - cam.ClockOffset(); off < -2*time.Second || off > 2*time.Second {
					t.Errorf("Date %v is %v from the camera's clock", d, off)
				}
			}
		})
	}
}

func TestClockSkewIsPerCameraAndStable(t *testing.T) {
	offsets := map[time.Duration]int{}
	zero := 0
	for i, mac := range []string{"00408C000001", "00408C000002", "00408C000003", "ACCC8E270AD8", "B8A44F0A98A1", "E82725000010", "00408C123456", "ACCC8E000099", "B8A44F000777", "E82725ABCDEF"} {
		a, _ := camsim.New(camsim.Config{MAC: mac})
		b, _ := camsim.New(camsim.Config{MAC: mac})
		if a.ClockOffset() != b.ClockOffset() {
			t.Fatalf("camera %d: %v, then %v", i, a.ClockOffset(), b.ClockOffset())
		}
		if off := a.ClockOffset(); off > 20*time.Minute || off < -10*time.Minute {
			t.Errorf("%s is off by %v", mac, off)
		}
		offsets[a.ClockOffset()]++
		if a.ClockOffset() == 0 {
			zero++
		}
	}
	if len(offsets) < 5 || zero == 10 {
		t.Errorf("ten cameras share %d offsets: %v", len(offsets), offsets)
	}
}

func TestTimeAPIReportsTheClockAndTakesTheTimeAndZonePerGeneration(t *testing.T) {
	for _, g := range camsim.Generations {
		t.Run(string(g), func(t *testing.T) {
			t.Parallel()
			cam, client := adminCam(t, g, "", false)
			d := timeData(t, cam, client, `{"apiVersion":"1.0","context":"x","method":"getDateTimeInfo"}`)
			at, err := time.Parse(time.RFC3339, d["dateTime"].(string))
			if err != nil || d["posixTimeZone"] != "UTC0" || d["timeZone"] != nil {
				t.Fatalf("data %v (%v)", d, err)
			}
			if off := time.Until(at) - cam.ClockOffset(); off < -2*time.Second || off > 2*time.Second {
				t.Errorf("dateTime is %v from the camera's clock", off)
			}

			want := time.Now().Add(-3 * time.Hour).UTC().Truncate(time.Second)
			timeData(t, cam, client, `{"apiVersion":"1.0","method":"setDateTime","params":{"dateTime":"`+want.Format(time.RFC3339)+`"}}`)
			if off := cam.ClockOffset() + 3*time.Hour; off < -2*time.Second || off > 2*time.Second {
				t.Errorf("after setDateTime the clock is off by %v", cam.ClockOffset())
			}
			timeData(t, cam, client, `{"apiVersion":"1.0","method":"setTimeZone","params":{"timeZone":"Europe/Stockholm"}}`)
			d = timeData(t, cam, client, `{"apiVersion":"1.0","method":"getDateTimeInfo"}`)
			if d["timeZone"] != "Europe/Stockholm" || d["posixTimeZone"] != "CET-1CEST,M3.5.0,M10.5.0/3" || cam.TimeZone() != "Europe/Stockholm" {
				t.Errorf("after setTimeZone: %v", d)
			}
			p := params(listParams(t, cam, client, "Time"))
			if p["root.Time.POSIXTimeZone"] != "CET-1CEST,M3.5.0,M10.5.0/3" {
				t.Errorf("params %v", p)
			}
			timeData(t, cam, client, `{"apiVersion":"1.0","method":"setPosixTimeZone","params":{"posixTimeZone":"EST5EDT,M3.2.0,M11.1.0","enableDst":true}}`)
			if d = timeData(t, cam, client, `{"apiVersion":"1.0","method":"getDateTimeInfo"}`); d["timeZone"] != nil || d["posixTimeZone"] != "EST5EDT,M3.2.0,M11.1.0" {
				t.Errorf("after setPosixTimeZone: %v", d)
			}
		})
	}
}

func TestTimeAPIRefusesBadValuesAndAnonymousCallers(t *testing.T) {
	cam, client := adminCam(t, camsim.Gen12, "", false)
	for _, body := range []string{
		`{"apiVersion":"1.0","method":"setTimeZone","params":{"timeZone":"../etc"}}`,
		`{"apiVersion":"1.0","method":"setDateTime","params":{"dateTime":"yesterday"}}`,
		`{"apiVersion":"1.0","method":"setPosixTimeZone","params":{"posixTimeZone":"x y"}}`,
		`{"apiVersion":"1.0","method":"noSuchMethod"}`,
	} {
		r := postJSON(t, client, cam.HTTPURL()+"/axis-cgi/time.cgi", body)
		if r.status != http.StatusOK || !strings.Contains(r.body, `"error"`) {
			t.Errorf("%s: %d %s", body, r.status, r.body)
		}
	}
	r := postJSON(t, plainClient(), cam.HTTPURL()+"/axis-cgi/time.cgi", `{"apiVersion":"1.0","method":"getDateTimeInfo"}`)
	if r.status != http.StatusUnauthorized || !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Digest") {
		t.Errorf("anonymous: %d %v", r.status, r.header)
	}
}

func TestFollowingTimeServersBringsTheClockRight(t *testing.T) {
	for _, g := range camsim.Generations {
		t.Run(string(g)+"/ntp.cgi", func(t *testing.T) {
			t.Parallel()
			cam, client := adminCam(t, g, skewedMAC, false)
			if cam.ClockOffset() == 0 {
				t.Fatal("the test camera starts right; pick a MAC with a skew")
			}
			r := postJSON(t, client, cam.HTTPURL()+"/axis-cgi/ntp.cgi", `{"apiVersion":"1.0","method":"getNTPInfo"}`)
			if !strings.Contains(r.body, `"serversSource":"DHCP"`) || !strings.Contains(r.body, `"synced":false`) {
				t.Fatalf("factory NTP %s", r.body)
			}
			r = postJSON(t, client, cam.HTTPURL()+"/axis-cgi/ntp.cgi", `{"apiVersion":"1.0","method":"setNTPClientConfiguration","params":{"enabled":true,"serversSource":"static","staticServers":["10.0.0.1","pool.ntp.org"]}}`)
			if strings.Contains(r.body, "error") || cam.ClockOffset() != 0 {
				t.Fatalf("%s, offset %v", r.body, cam.ClockOffset())
			}
			p := params(listParams(t, cam, client, "Time"))
			if p["root.Time.SyncSource"] != "NTP" || p["root.Time.ObtainFromDHCP"] != "no" || p["root.Time.NTP.Server"] != "10.0.0.1" {
				t.Errorf("params %v", p)
			}
			r = postJSON(t, client, cam.HTTPURL()+"/axis-cgi/ntp.cgi", `{"apiVersion":"1.0","method":"setNTPClientConfiguration","params":{"enabled":true,"serversSource":"static","staticServers":["bad server"]}}`)
			if !strings.Contains(r.body, `"code":4004`) || !strings.Contains(r.body, `"subCode":3`) {
				t.Errorf("bad server: %s", r.body)
			}
		})
		t.Run(string(g)+"/params", func(t *testing.T) {
			t.Parallel()
			cam, client := adminCam(t, g, skewedMAC, true)
			r := call(t, client, http.MethodGet, cam.HTTPURL()+"/axis-cgi/param.cgi?action=update&Time.SyncSource=NTP&Time.ObtainFromDHCP=no&Time.NTP.Server=10.0.0.1&Time.POSIXTimeZone=CET-1CEST,M3.5.0,M10.5.0/3", "", "")
			if r.body != "OK" || cam.ClockOffset() != 0 || cam.TimeZone() != "CET-1CEST,M3.5.0,M10.5.0/3" {
				t.Errorf("%q, offset %v, zone %q", r.body, cam.ClockOffset(), cam.TimeZone())
			}
		})
	}
}

func TestFirmwareWithoutTheTimeAPIAnswers404(t *testing.T) {
	cam, client := adminCam(t, camsim.Gen10, "", true)
	for _, path := range []string{"/axis-cgi/time.cgi", "/axis-cgi/ntp.cgi"} {
		if r := postJSON(t, client, cam.HTTPURL()+path, `{"apiVersion":"1.0","method":"getDateTimeInfo"}`); r.status != http.StatusNotFound {
			t.Errorf("%s: %d", path, r.status)
		}
	}
}

func TestAResetKeepsTheClockButForgetsHowToKeepIt(t *testing.T) {
	cam, client := adminCam(t, camsim.Gen11, skewedMAC, false)
	postJSON(t, client, cam.HTTPURL()+"/axis-cgi/time.cgi", `{"apiVersion":"1.0","method":"setTimeZone","params":{"timeZone":"Europe/Stockholm"}}`)
	postJSON(t, client, cam.HTTPURL()+"/axis-cgi/time.cgi", `{"apiVersion":"1.0","method":"setDateTime","params":{"dateTime":"2030-01-01T00:00:00Z"}}`)
	off := cam.ClockOffset()
	wait := downAndBack(t, cam)
	postJSON(t, client, cam.HTTPURL()+"/axis-cgi/firmwaremanagement.cgi", `{"apiVersion":"1.0","method":"factoryDefault","params":{"factoryDefaultMode":"hard"}}`)
	wait()
	if cam.TimeZone() != "UTC0" || cam.ClockOffset() != off {
		t.Errorf("zone %q, offset %v (was %v)", cam.TimeZone(), cam.ClockOffset(), off)
	}
}

func TestImageCGIServesTheCamerasOwnPictureToLoggedInUsersOnly(t *testing.T) {
	for _, g := range camsim.Generations {
		t.Run(string(g), func(t *testing.T) {
			t.Parallel()
			cam, client := adminCam(t, g, "ACCC8E270AD8", false)
			r := call(t, plainClient(), http.MethodGet, cam.HTTPURL()+"/axis-cgi/jpg/image.cgi", "", "")
			if r.status != http.StatusUnauthorized || !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Digest") {
				t.Fatalf("anonymous: %d %v", r.status, r.header)
			}
			r = call(t, client, http.MethodGet, cam.HTTPURL()+"/axis-cgi/jpg/image.cgi", "", "")
			cfg, err := jpeg.DecodeConfig(strings.NewReader(r.body))
			if r.status != http.StatusOK || r.header.Get("Content-Type") != "image/jpeg" || err != nil || cfg.Width != 640 || cfg.Height != 360 {
				t.Fatalf("%d %q %v %+v", r.status, r.header.Get("Content-Type"), err, cfg)
			}
			again := call(t, client, http.MethodGet, cam.HTTPURL()+"/axis-cgi/jpg/image.cgi", "", "")
			if again.body != r.body {
				t.Error("the picture changed between two requests")
			}
			r = call(t, client, http.MethodGet, cam.HTTPURL()+"/axis-cgi/jpg/image.cgi?resolution=320x240", "", "")
			if cfg, err := jpeg.DecodeConfig(strings.NewReader(r.body)); err != nil || cfg.Width != 320 || cfg.Height != 240 {
				t.Errorf("320x240: %+v %v", cfg, err)
			}
			if r := call(t, client, http.MethodGet, cam.HTTPURL()+"/axis-cgi/jpg/image.cgi?resolution=7x7", "", ""); r.status != http.StatusBadRequest {
				t.Errorf("a size the camera does not list: %d", r.status)
			}
		})
	}
}

func TestTwoCamerasPicturesDiffer(t *testing.T) {
	a, _ := camsim.New(camsim.Config{MAC: "ACCC8E270AD8"})
	b, _ := camsim.New(camsim.Config{MAC: "ACCC8E270AD9"})
	pa, err1 := a.Picture(640, 360)
	pb, err2 := b.Picture(640, 360)
	if err1 != nil || err2 != nil || bytes.Equal(pa, pb) {
		t.Errorf("pictures equal or failed: %v %v", err1, err2)
	}
}

func TestFriendlyNamesAreWritableAndChecked(t *testing.T) {
	for _, g := range camsim.Generations {
		t.Run(string(g), func(t *testing.T) {
			t.Parallel()
			cam, client := adminCam(t, g, "", false)
			r := call(t, client, http.MethodGet, cam.HTTPURL()+"/axis-cgi/param.cgi?action=update&Network.Bonjour.FriendlyName=Entrance%20%E2%80%93%20Hall&Network.UPnP.FriendlyName=Entrance%20%E2%80%93%20Hall", "", "")
			p := params(listParams(t, cam, client, "Network.Bonjour,Network.UPnP"))
			if r.body != "OK" || p["root.Network.Bonjour.FriendlyName"] != "Entrance – Hall" || p["root.Network.UPnP.FriendlyName"] != "Entrance – Hall" {
				t.Errorf("%q, params %v", r.body, p)
			}
			r = call(t, client, http.MethodGet, cam.HTTPURL()+"/axis-cgi/param.cgi?action=update&Network.UPnP.FriendlyName=a%0Ab", "", "")
			if !strings.HasPrefix(r.body, "# Error") {
				t.Errorf("a line break was taken: %q", r.body)
			}
		})
	}
}
