package vapix_test

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/vapix"
)

func TestIdentifyReportsModelFirmwareMACAndSetupState(t *testing.T) {
	forEachCamera(t, func(t *testing.T, gen camsim.Generation, sc scheme) {
		cam := startCam(t, camsim.Config{Generation: gen})
		c := newClient(t, sc.url(cam), vapix.Options{})
		id, err := c.Identify(testCtx(t, 20*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if id.MAC != cam.MAC() || id.Serial != cam.MAC() {
			t.Errorf("MAC/serial = %q/%q, want %q", id.MAC, id.Serial, cam.MAC())
		}
		if id.Firmware != gen.FirmwareVersion() {
			t.Errorf("firmware = %q, want %q", id.Firmware, gen.FirmwareVersion())
		}
		if id.Model != "AXIS "+cam.Model() || id.FullName == "" || id.HardwareID == "" {
			t.Errorf("model %q, full name %q, hardware %q", id.Model, id.FullName, id.HardwareID)
		}
		if !id.NeedsSetup || !id.Ready2.NeedsSetup {
			t.Errorf("a factory-new camera must need setup: %+v", id)
		}
		if id.HTTPURL != c.BaseURL() {
			t.Errorf("HTTPURL = %q, want %q", id.HTTPURL, c.BaseURL())
		}
		// 10.12 has no uptime or boot id (API 1.2); later ones have both.
		if hasBoot := id.Ready2.BootID != "" && id.Ready2.HasUptime; hasBoot != (gen != camsim.Gen10) {
			t.Errorf("boot id %q / has uptime %v on %s", id.Ready2.BootID, id.Ready2.HasUptime, gen)
		}
	})
}

func TestIdentifyOnASetUpCameraSaysNoSetupNeeded(t *testing.T) {
	cam := setUpCam(t, camsim.Gen12)
	id, err := newClient(t, cam.HTTPURL(), vapix.Options{}).Identify(testCtx(t, 10*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if id.NeedsSetup || !id.Ready {
		t.Fatalf("set-up camera: NeedsSetup %v Ready %v", id.NeedsSetup, id.Ready)
	}
	if id.Ready2.PassphrasePolicy != "none" {
		t.Errorf("12.9 passphrase policy = %q", id.Ready2.PassphrasePolicy)
	}
}

func TestIdentifyFallsBackToTheRealmWhenAnonymousDeviceInfoIsRefused(t *testing.T) {
	for _, v := range []struct {
		name    string
		variant firmwareVariant
	}{
		{"empty property list", firmwareVariant{bdiEmpty: true}},
		{"401", firmwareVariant{bdi401: true}},
	} {
		for _, admin := range []*camsim.Account{nil, {User: "root", Password: testPassword}} {
			t.Run(fmt.Sprintf("%s/setup=%v", v.name, admin == nil), func(t *testing.T) {
				cam := startCam(t, camsim.Config{Generation: camsim.Gen12, Admin: admin})
				c := newClient(t, v.variant.start(t, cam), vapix.Options{})
				id, err := c.Identify(testCtx(t, 10*time.Second))
				if err != nil {
					t.Fatal(err)
				}
				if id.MAC != cam.MAC() {
					t.Fatalf("MAC = %q, want %q from the digest realm", id.MAC, cam.MAC())
				}
				if id.NeedsSetup != (admin == nil) {
					t.Fatalf("NeedsSetup = %v", id.NeedsSetup)
				}
			})
		}
	}
}

func TestDeviceInfoRetriesWithCredentialsWhenAnonymousAccessIsOff(t *testing.T) {
	cam := setUpCam(t, camsim.Gen12)
	c := newClient(t, firmwareVariant{bdiEmpty: true}.start(t, cam), vapix.Options{})
	info, err := c.DeviceInfo(testCtx(t, 10*time.Second))
	if err != nil || info.SerialNumber != "" {
		t.Fatalf("without credentials: %+v, %v; want the empty anonymous answer", info, err)
	}
	c.SetCredentials("root", testPassword)
	info, err = c.DeviceInfo(testCtx(t, 10*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if info.SerialNumber != cam.MAC() || info.Version != camsim.Gen12.FirmwareVersion() {
		t.Fatalf("with credentials: %+v", info)
	}
}

func TestIdentifyOfSomethingElseIsNotAxis(t *testing.T) {
	router := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			_, _ = w.Write([]byte("<html>router login</html>"))
			return
		}
		http.NotFound(w, r)
	}))
	defer router.Close()
	_, err := newClient(t, router.URL, vapix.Options{}).Identify(testCtx(t, 10*time.Second))
	wantKind(t, err, vapix.NotAxis)

	redirecting := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/login.html", http.StatusFound)
	}))
	defer redirecting.Close()
	_, err = newClient(t, redirecting.URL, vapix.Options{}).Identify(testCtx(t, 10*time.Second))
	wantKind(t, err, vapix.NotAxis)
}

func TestIdentifyWithNothingListeningIsNoAnswer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	_, err = newClient(t, addr, vapix.Options{}).Identify(testCtx(t, 10*time.Second))
	wantKind(t, err, vapix.NoAnswer)
}

func TestHTTPSClientTalkingToAPlainHTTPPortIsNotAxis(t *testing.T) {
	cam := startCam(t, camsim.Config{Generation: camsim.Gen11})
	_, err := newClient(t, "https://"+cam.HTTPURL()[len("http://"):], vapix.Options{}).SystemReady(testCtx(t, 10*time.Second))
	wantKind(t, err, vapix.NotAxis)
}
