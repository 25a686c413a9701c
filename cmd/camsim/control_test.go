package main

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

var controlLine = regexp.MustCompile(`control endpoint on (http://127\.0\.0\.1:\d+)`)

// controlURL is where the in-process camsim serves its control endpoint.
func controlURL(t *testing.T, s *started) string {
	t.Helper()
	m := controlLine.FindStringSubmatch(s.stderr.String())
	if m == nil {
		t.Fatalf("no control endpoint announced; stderr: %s", s.stderr.String())
	}
	return m[1]
}

func controlDo(t *testing.T, method, url string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Timeout: 5 * time.Second}
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	return res.StatusCode, string(b)
}

func cameras(t *testing.T, base string) []cameraRecord {
	t.Helper()
	code, body := controlDo(t, http.MethodGet, base+"/cameras")
	var out []cameraRecord
	if code != http.StatusOK || json.Unmarshal([]byte(body), &out) != nil {
		t.Fatalf("GET /cameras: %d %s", code, body)
	}
	return out
}

func waitState(t *testing.T, base, state string) cameraRecord {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		cams := cameras(t, base)
		if cams[0].State == state {
			return cams[0]
		}
		if time.Now().After(deadline) {
			t.Fatalf("camera never %s: %+v", state, cams[0])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestControlEndpointUnplugsPlugsWithTheButtonHeldAndListsTheCameras(t *testing.T) {
	s := start(t, 1, "--count", "1", "--firmware", "11.11", "--reset-downtime", "200ms", "--control", "127.0.0.1:0", "--password-lost")
	base := controlURL(t, s)
	mac, httpURL := s.lines[0][1], s.lines[0][2]

	cams := cameras(t, base)
	if len(cams) != 1 || cams[0].MAC != mac || cams[0].State != "on" || cams[0].NeedsSetup || cams[0].Generation != "11.11" ||
		cams[0].HTTPURL != httpURL || len(cams[0].Addresses) != 1 || !strings.HasPrefix(cams[0].Addresses[0], "127.0.0.1/") {
		t.Fatalf("cameras %+v: want the one camera on, set up with a lost password", cams)
	}

	code, body := controlDo(t, http.MethodPost, base+"/unplug?mac="+mac)
	if code != http.StatusOK || !strings.Contains(body, `"state": "unplugged"`) {
		t.Fatalf("unplug: %d %s", code, body)
	}
	if _, err := systemReady(httpURL); err == nil {
		t.Error("an unplugged camera still answers")
	}
	// Well past the reset downtime it is still off: only /plug brings it back.
	time.Sleep(600 * time.Millisecond)
	if c := cameras(t, base)[0]; c.State != "unplugged" || len(c.Addresses) != 0 {
		t.Errorf("an unplugged camera came back by itself: %+v", c)
	}

	if code, body := controlDo(t, http.MethodPost, base+"/plug?mac="+strings.ToLower(mac)+"&factory=1"); code != http.StatusOK {
		t.Fatalf("plug: %d %s", code, body)
	}
	if c := waitState(t, base, "on"); !c.NeedsSetup {
		t.Errorf("plugged in with the button held, still set up: %+v", c)
	}
	if code, err := systemReady(httpURL); err != nil || code != http.StatusOK {
		t.Errorf("after plugging in: %d %v", code, err)
	}

	if code, body := controlDo(t, http.MethodPost, base+"/power-cycle?mac="+mac); code != http.StatusOK {
		t.Fatalf("power-cycle: %d %s", code, body)
	}
	waitState(t, base, "on")
}

func TestControlEndpointRefusesWhatItCannotDo(t *testing.T) {
	s := start(t, 1, "--count", "1", "--control", "127.0.0.1:0")
	base := controlURL(t, s)
	mac := s.lines[0][1]
	cases := []struct {
		method, path string
		want         int
	}{
		{http.MethodGet, "/unplug?mac=" + mac, http.StatusMethodNotAllowed},
		{http.MethodPost, "/cameras", http.StatusMethodNotAllowed},
		{http.MethodPost, "/unplug?mac=ACCC8E000000", http.StatusNotFound},
		{http.MethodPost, "/unplug", http.StatusNotFound},
		{http.MethodPost, "/power-cycle?mac=" + mac + "&factory=maybe", http.StatusBadRequest},
		{http.MethodPost, "/explode?mac=" + mac, http.StatusNotFound},
	}
	for _, tc := range cases {
		if code, body := controlDo(t, tc.method, base+tc.path); code != tc.want {
			t.Errorf("%s %s: %d %s, want %d", tc.method, tc.path, code, body, tc.want)
		}
	}
	if c := cameras(t, base)[0]; c.State != "on" {
		t.Errorf("a refused request changed the camera: %+v", c)
	}
}

func TestPhysicalFlagsAreCheckedWithExitCode2(t *testing.T) {
	cases := [][]string{
		{"--dhcp", "maybe"},
		{"--arpping", "yes"},
		{"--arpping", "on"},
		{"--move", "on"},
		{"--move", "sometimes"},
		{"--move", "off", "--arpping", "on", "--ips", "10.0.0.1-10.0.0.2"},
		{"--arpping-window", "0s"},
	}
	for _, args := range cases {
		var stderr strings.Builder
		if code := run(t.Context(), args, io.Discard, &stderr); code != 2 || !strings.Contains(stderr.String(), "--") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr.String())
		}
	}
}

func TestFlagsDecideWhetherCamerasMove(t *testing.T) {
	cases := []struct {
		f                physicalFlags
		withIPs, canMove bool
		want             bool
	}{
		{physicalFlags{dhcp: "off", move: "auto", arpping: "off"}, true, true, true},
		{physicalFlags{dhcp: "on", move: "auto", arpping: "on"}, true, true, true},
		{physicalFlags{dhcp: "on", move: "auto", arpping: "off"}, true, true, false},
		{physicalFlags{dhcp: "off", move: "auto", arpping: "off"}, true, false, false}, // not root in a namespace
		{physicalFlags{dhcp: "off", move: "auto", arpping: "off"}, false, true, false}, // loopback
		{physicalFlags{dhcp: "on", move: "on", arpping: "off"}, true, false, true},
	}
	for _, tc := range cases {
		tc.f.arppingWindow = time.Minute
		got, err := tc.f.check(tc.withIPs, tc.canMove)
		if err != nil || got != tc.want {
			t.Errorf("%+v ips=%v canMove=%v: %v %v, want %v", tc.f, tc.withIPs, tc.canMove, got, err, tc.want)
		}
	}
}
