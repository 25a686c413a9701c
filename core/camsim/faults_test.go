package camsim_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
)

func TestDelayFaultHoldsEveryReply(t *testing.T) {
	cam := startCam(t, camsim.Config{})
	cam.SetFaults(camsim.Faults{Delay: 10 * time.Second})
	impatient := &http.Client{Transport: insecureTransport(), Timeout: time.Second}
	if _, err := try(impatient, http.MethodPost, cam.HTTPURL()+"/axis-cgi/systemready.cgi", "application/json", `{"apiVersion":"1","method":"systemready"}`); err == nil {
		t.Error("a 1 s client got an answer through a 10 s delay")
	}
	cam.SetFaults(camsim.Faults{})
	if _, err := try(impatient, http.MethodPost, cam.HTTPURL()+"/axis-cgi/systemready.cgi", "application/json", `{"apiVersion":"1","method":"systemready"}`); err != nil {
		t.Errorf("after clearing the fault: %v", err)
	}
}

func TestOversizeBodyFaultPadsTheReplyWithWhitespace(t *testing.T) {
	cam := startCam(t, camsim.Config{})
	normal := systemReady(t, cam).body
	cam.SetFaults(camsim.Faults{OversizeBody: 200 << 10})
	padded := systemReady(t, cam).body
	if len(padded) != len(normal)+200<<10 || !strings.HasPrefix(padded, normal[:20]) {
		t.Errorf("padded length %d, want %d", len(padded), len(normal)+200<<10)
	}
	if !json.Valid([]byte(padded)) {
		t.Error("padding broke the JSON: only a size limit should catch this fault")
	}
}

func TestEndlessBodyFaultStreamsUntilTheClientLeaves(t *testing.T) {
	cam := startCam(t, camsim.Config{})
	cam.SetFaults(camsim.Faults{EndlessBody: true})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, cam.HTTPURL()+"/axis-cgi/systemready.cgi", strings.NewReader(`{}`))
	res, err := plainClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	n, err := io.CopyN(io.Discard, res.Body, 64<<10)
	if err != nil || n != 64<<10 {
		t.Fatalf("read %d bytes: %v", n, err)
	}
	cancel()
	// Close must not hang on the stream.
	done := make(chan error, 1)
	go func() { done <- cam.Close() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Close: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Close hung on an endless reply")
	}
}

func TestMalformedFaultBreaksJSONAndHTML(t *testing.T) {
	cam := startCam(t, camsim.Config{Generation: camsim.Gen11})
	cam.SetFaults(camsim.Faults{Malformed: true})
	if r := systemReady(t, cam); r.status != http.StatusOK || json.Valid([]byte(r.body)) || !strings.HasPrefix(r.body, `{"apiVersion"`) {
		t.Errorf("systemready %d %q", r.status, r.body)
	}
	r := addFirst(t, cam, initialArgs("", "pw"))
	if strings.Contains(r.body, "</body>") || !strings.HasPrefix(r.body, "<html>") {
		t.Errorf("pwdgrp page still well formed: %q", r.body)
	}
}

func TestDropConnectionFaultClosesWithoutAReply(t *testing.T) {
	cam := startCam(t, camsim.Config{})
	cam.SetFaults(camsim.Faults{DropConnection: true})
	for _, base := range []string{cam.HTTPURL(), cam.HTTPSURL()} {
		if r, err := try(plainClient(), http.MethodPost, base+"/axis-cgi/systemready.cgi", "application/json", `{}`); err == nil {
			t.Errorf("%s: got a reply %d %q", base, r.status, r.body)
		}
	}
}

func TestDropAfterFactoryDefaultCutsTheReplyButStillResets(t *testing.T) {
	cam := startCam(t, camsim.Config{Admin: &camsim.Account{User: "admin", Password: "pw"}})
	c := digestClient("admin", "pw")
	cam.SetFaults(camsim.Faults{DropAfterFactoryDefault: true})
	// Other requests are unaffected.
	if r := call(t, c, http.MethodGet, cam.HTTPURL()+paramList, "", ""); r.status != http.StatusOK {
		t.Fatalf("ordinary request: %d", r.status)
	}
	back := downAndBack(t, cam)
	if r, err := try(c, http.MethodPost, cam.HTTPURL()+fwmgrPath, "application/json", `{"apiVersion":"1.0","method":"factoryDefault"}`); err == nil {
		t.Errorf("factory default reply arrived whole: %d %q", r.status, r.body)
	}
	back()
	if s := cam.Snapshot(); !s.NeedsSetup || s.LastReset != "soft" {
		t.Errorf("after the cut reply: %+v", s)
	}
}
