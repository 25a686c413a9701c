package camsim_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/camsim"
)

const bdiPath = "/axis-cgi/basicdeviceinfo.cgi"

func TestDeviceInfoUnrestrictedRepliesInTheRecordedShape(t *testing.T) {
	for _, tc := range []struct {
		gen                                camsim.Generation
		model, hw, full, typ, variant, web string
	}{
		{camsim.Gen10, "P3245-LVE", "92D", "AXIS P3245-LVE Network Camera", "Network Camera", "22mm", "http://www.axis.com"},
		{camsim.Gen11, "M1075-L", "92A.1", "AXIS M1075-L Box Camera", "Box Camera", "", "http://www.axis.com"},
		{camsim.Gen12, "M1075-L", "92A.1", "AXIS M1075-L Box Camera", "Box Camera", "", "https://www.axis.com"},
	} {
		t.Run(string(tc.gen), func(t *testing.T) {
			t.Parallel()
			cam := startCam(t, camsim.Config{Generation: tc.gen, Model: tc.model, MAC: "ACCC8E0A0B0C"})
			r := postJSON(t, plainClient(), cam.HTTPURL()+bdiPath, `{"apiVersion":"1.0","method":"getAllUnrestrictedProperties"}`)
			// Same key order and spacing as the M1075-L 12.9.57 recording.
			want := `{"apiVersion": "1.3", "data": {"propertyList": {"ProdNbr": "` + tc.model + `", "HardwareID": "` + tc.hw +
				`", "ProdFullName": "` + tc.full + `", "Version": "` + tc.gen.FirmwareVersion() + `", "ProdType": "` + tc.typ +
				`", "Brand": "AXIS", "WebURL": "` + tc.web + `", "ProdVariant": "` + tc.variant +
				`", "SerialNumber": "ACCC8E0A0B0C", "ProdShortName": "AXIS ` + tc.model + `", "BuildDate": "`
			if r.status != http.StatusOK || !strings.HasPrefix(r.body, want) || !strings.HasSuffix(r.body, `"}}}`) {
				t.Errorf("got  %s\nwant %s...\"}}}", r.body, want)
			}
			if strings.Contains(r.body, `"method"`) || strings.Contains(r.body, "context") {
				t.Errorf("reply must carry neither method nor an unsent context: %s", r.body)
			}
		})
	}
}

func TestDeviceInfoEchoesContextLast(t *testing.T) {
	cam := startCam(t, camsim.Config{})
	r := postJSON(t, plainClient(), cam.HTTPURL()+bdiPath, `{"apiVersion":"1.0","context":"ctx1","method":"getAllUnrestrictedProperties"}`)
	if !strings.HasSuffix(r.body, `}}, "context": "ctx1"}`) {
		t.Errorf("context not echoed last: %s", r.body)
	}
}

func TestDeviceInfoRefusesGETWithError2002(t *testing.T) {
	cam := startCam(t, camsim.Config{})
	r := call(t, plainClient(), http.MethodGet, cam.HTTPURL()+bdiPath, "", "")
	want := `{"apiVersion": "1.3", "error": {"code": 2002, "message": "HTTP request type not supported. Only POST is supported"}}`
	if r.body != want {
		t.Errorf("got %s\nwant %s", r.body, want)
	}
}

func TestDeviceInfoGetAllPropertiesNeedsALoginAndAddsSocFields(t *testing.T) {
	cam := startCam(t, camsim.Config{Generation: camsim.Gen12})
	req := `{"apiVersion":"1.3","method":"getAllProperties"}`
	r := postJSON(t, plainClient(), cam.HTTPURL()+bdiPath, req)
	if r.status != http.StatusUnauthorized || r.header.Get("Axis-Setup") != "vapix" {
		t.Fatalf("in setup: %d, Axis-Setup %q", r.status, r.header.Get("Axis-Setup"))
	}
	setUp(t, cam, "admin", "secret99")
	if r := postJSON(t, plainClient(), cam.HTTPURL()+bdiPath, req); r.status != http.StatusUnauthorized {
		t.Fatalf("anonymous after setup: %d", r.status)
	}
	r = postJSON(t, digestClient("admin", "secret99"), cam.HTTPURL()+bdiPath, req)
	if !strings.HasPrefix(r.body, `{"apiVersion": "1.3", "data": {"propertyList": {"Architecture": "aarch64", "ProdNbr": "Q1961-TE"`) ||
		!strings.Contains(r.body, `"SocSerialNumber": "00000000-00000000-`) || !strings.Contains(r.body, `"Soc": "`) {
		t.Errorf("getAllProperties: %d %s", r.status, r.body)
	}
}
