package vapix_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/vapix"
)

func TestListParamsReturnsParametersAndTheRawBody(t *testing.T) {
	forEachCamera(t, func(t *testing.T, gen camsim.Generation, sc scheme) {
		cam := setUpCam(t, gen)
		c := newClient(t, sc.url(cam), vapix.Options{})
		c.SetCredentials("root", testPassword)
		params, raw, err := c.ListParams(testCtx(t, 10*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		byName := map[string]string{}
		for _, p := range params {
			byName[p.Name] = p.Value
		}
		if byName["root.Properties.Firmware.Version"] != gen.FirmwareVersion() ||
			byName["root.Properties.System.SerialNumber"] != cam.MAC() {
			t.Fatalf("firmware %q, serial %q", byName["root.Properties.Firmware.Version"], byName["root.Properties.System.SerialNumber"])
		}
		if bytes.Count(raw, []byte("\n")) < len(params) {
			t.Fatalf("raw body has fewer lines than the %d parameters", len(params))
		}

		some, _, err := c.ListParams(testCtx(t, 10*time.Second), "Brand", "Properties.Firmware.Version")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range some {
			if !strings.HasPrefix(p.Name, "root.Brand.") && p.Name != "root.Properties.Firmware.Version" {
				t.Fatalf("group filter let %s through", p.Name)
			}
		}
		if len(some) < 2 || len(some) >= len(params) {
			t.Fatalf("%d parameters for two groups out of %d", len(some), len(params))
		}
	})
}

func TestListParamsReportsTheCamerasErrorLines(t *testing.T) {
	cam := setUpCam(t, camsim.Gen12)
	c := newClient(t, cam.HTTPURL(), vapix.Options{})
	c.SetCredentials("root", testPassword)
	params, raw, err := c.ListParams(testCtx(t, 10*time.Second), "Brand", "No.Such.Group")
	wantKind(t, err, vapix.CameraRefused)
	if !strings.Contains(err.Error(), "No.Such.Group") {
		t.Fatalf("the error does not name the group: %v", err)
	}
	if len(params) == 0 || len(raw) == 0 {
		t.Fatal("the groups that did exist were lost")
	}
}

func TestListParamsNeedsTheRightLogin(t *testing.T) {
	cam := setUpCam(t, camsim.Gen11)
	c := newClient(t, cam.HTTPURL(), vapix.Options{})
	c.SetCredentials("root", "wrong")
	_, _, err := c.ListParams(testCtx(t, 10*time.Second))
	wantKind(t, err, vapix.WrongPassword)
	fresh := startCam(t, camsim.Config{Generation: camsim.Gen11})
	c = newClient(t, fresh.HTTPURL(), vapix.Options{})
	c.SetCredentials("root", "any")
	_, _, err = c.ListParams(testCtx(t, 10*time.Second))
	wantKind(t, err, vapix.NeedsSetup)
}
