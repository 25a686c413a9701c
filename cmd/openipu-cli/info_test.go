package main

import (
	"encoding/json"
	"net"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/camsim"
)

func TestInfoJSONHasTheDocumentedKeysOnEachGeneration(t *testing.T) {
	for _, gen := range camsim.Generations {
		t.Run(string(gen), func(t *testing.T) {
			cam := startCamera(t, gen, nil)
			h := newHarness(t)
			r := h.run("info", "--json", hostOf(cam))
			if r.code != exitOK {
				t.Fatalf("exit %d", r.code)
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
				t.Fatalf("stdout is not one JSON document: %v", err)
			}
			for _, k := range []string{"mac", "serial", "model", "firmware", "needs_setup", "http_url", "encrypted"} {
				if _, ok := got[k]; !ok {
					t.Errorf("key %q missing", k)
				}
			}
			if got["mac"] != cam.MAC() {
				t.Errorf("mac = %v, want %s", got["mac"], cam.MAC())
			}
			if got["needs_setup"] != true {
				t.Errorf("needs_setup = %v on a new camera", got["needs_setup"])
			}
			if got["firmware"] != gen.FirmwareVersion() {
				t.Errorf("firmware = %v, want %s", got["firmware"], gen.FirmwareVersion())
			}
			// The address it was reached at: HTTPS, found first.
			if url, _ := got["http_url"].(string); url != "https://"+hostOf(cam) || got["encrypted"] != true {
				t.Errorf("http_url = %q, encrypted %v", url, got["encrypted"])
			}
		})
	}
}

func TestInfoTellsWhetherThePasswordIsSetInWords(t *testing.T) {
	h := newHarness(t)
	fresh := startCamera(t, camsim.Gen12, nil)
	r := h.run("info", hostOf(fresh))
	if r.code != exitOK || !strings.Contains(r.stdout, "not set yet") || !strings.Contains(r.stdout, fresh.MAC()) {
		t.Errorf("new camera: exit %d, output:\n%s", r.code, r.stdout)
	}
	done := startCamera(t, camsim.Gen12, admin())
	r = h.run("info", hostOf(done))
	if r.code != exitOK || !strings.Contains(r.stdout, "Password:") || strings.Contains(r.stdout, "not set yet") {
		t.Errorf("set-up camera: exit %d, output:\n%s", r.code, r.stdout)
	}
}

func TestInfoWhereNothingAnswersExitsOneInPlainWords(t *testing.T) {
	// A port that was just free: nothing listens there.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	h := newHarness(t)
	r := h.run("info", addr, "--timeout", "2s")
	if r.code != exitFailed {
		t.Fatalf("exit %d, want %d", r.code, exitFailed)
	}
	if !strings.Contains(r.stderr, "Nothing answered") {
		t.Errorf("stderr does not say so in words:\n%s", r.stderr)
	}
}

func TestUsageAndExitCodes(t *testing.T) {
	h := newHarness(t)
	r := h.run("help")
	if r.code != exitOK {
		t.Errorf("help: exit %d", r.code)
	}
	for _, c := range commands {
		if !strings.Contains(r.stdout, "  openipu-cli "+c.name) {
			t.Errorf("help does not list %s", c.name)
		}
	}
	if r := h.run(); r.code != exitUsage || !strings.Contains(r.stderr, "Commands:") {
		t.Errorf("no arguments: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if r := h.run("explode", "10.0.0.1"); r.code != exitUsage {
		t.Errorf("unknown command: exit %d", r.code)
	}
	if r := h.run("info", "-h"); r.code != exitOK || !strings.Contains(r.stdout, "Usage: openipu-cli info") {
		t.Errorf("info -h: exit %d, stdout:\n%s", r.code, r.stdout)
	}
	if r := h.run("info"); r.code != exitUsage || !strings.Contains(r.stderr, "address") {
		t.Errorf("info without an address: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if r := h.run("info", "--frobnicate", "10.0.0.1"); r.code != exitUsage {
		t.Errorf("unknown flag: exit %d", r.code)
	}
	if r := h.run("info", "http://root:pw@10.0.0.1"); r.code != exitUsage || strings.Contains(r.stderr, "root:pw") {
		t.Errorf("credentials in the address: exit %d, stderr:\n%s", r.code, r.stderr)
	}
}
