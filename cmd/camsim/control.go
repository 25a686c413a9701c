package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/macaddr"
)

// control is the simulator's physical side, for tests and demos of the
// guided reset: cutting and restoring power, with or without the control
// button held, and what each camera is doing.
//
//	POST /power-cycle?mac=MAC[&factory=1]  power off and on (factory=1: button held)
//	POST /unplug?mac=MAC                   power off until /plug
//	POST /plug?mac=MAC[&factory=1]         power on (factory=1: button held)
//	GET  /cameras                          every camera as JSON
//
// The power requests answer with the camera's record. It has no
// authentication: listen on loopback, a namespace or a Unix socket only.
type control struct {
	cams  []*camsim.Camera
	byMAC map[string]*camsim.Camera
}

func newControl(cams []*camsim.Camera) *control {
	c := &control{cams: cams, byMAC: map[string]*camsim.Camera{}}
	for _, cam := range cams {
		c.byMAC[cam.MAC()] = cam
	}
	return c
}

// cameraRecord is one camera in /cameras.
type cameraRecord struct {
	MAC        string   `json:"mac"`
	Model      string   `json:"model"`
	Generation string   `json:"generation"`
	Firmware   string   `json:"firmware"`
	State      string   `json:"state"` // on, booting, off (restarting) or unplugged
	NeedsSetup bool     `json:"needs_setup"`
	Addresses  []string `json:"addresses"` // CIDR, primary first; empty while off
	HTTPURL    string   `json:"http_url"`
}

func recordOf(cam *camsim.Camera) cameraRecord {
	s := cam.Snapshot()
	r := cameraRecord{
		MAC: cam.MAC(), Model: cam.Model(), Generation: string(cam.Generation()),
		Firmware: cam.Generation().FirmwareVersion(), NeedsSetup: s.NeedsSetup, HTTPURL: cam.HTTPURL(),
		Addresses: []string{},
	}
	switch {
	case !cam.PluggedIn():
		r.State = "unplugged"
	case !s.Online:
		r.State = "off"
	case s.Booting:
		r.State = "booting"
	default:
		r.State = "on"
	}
	for _, p := range cam.Addresses() {
		r.Addresses = append(r.Addresses, p.String())
	}
	return r
}

func (c *control) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<10) // nothing here takes a body
	if r.URL.Path == "/cameras" {
		if r.Method != http.MethodGet {
			http.Error(w, "use GET", http.StatusMethodNotAllowed)
			return
		}
		out := make([]cameraRecord, 0, len(c.cams))
		for _, cam := range c.cams {
			out = append(out, recordOf(cam))
		}
		writeJSON(w, out)
		return
	}
	action, ok := map[string]func(*camsim.Camera, bool){
		"/power-cycle": func(cam *camsim.Camera, factory bool) { cam.PowerCycle(factory) },
		"/unplug":      func(cam *camsim.Camera, _ bool) { cam.Unplug() },
		"/plug":        func(cam *camsim.Camera, factory bool) { cam.Plug(factory) },
	}[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPost {
		http.Error(w, "use POST", http.StatusMethodNotAllowed)
		return
	}
	q := r.URL.Query()
	mac := macaddr.Normalize(q.Get("mac"))
	cam := c.byMAC[mac]
	if cam == nil {
		http.Error(w, fmt.Sprintf("no camera with MAC %q", q.Get("mac")), http.StatusNotFound)
		return
	}
	factory := false
	switch q.Get("factory") {
	case "", "0", "false", "no":
	case "1", "true", "yes":
		factory = true
	default:
		http.Error(w, "factory takes 1 or 0", http.StatusBadRequest)
		return
	}
	action(cam, factory)
	writeJSON(w, recordOf(cam))
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// listenControl opens the control endpoint's listener: "unix:/path" for a
// Unix socket (reachable across network namespaces, as a file), otherwise
// host:port.
func listenControl(addr string) (net.Listener, string, error) {
	if path, ok := strings.CutPrefix(addr, "unix:"); ok {
		if path == "" {
			return nil, "", errors.New("--control unix: needs a path")
		}
		_ = os.Remove(path) // a socket left by a killed run
		ln, err := net.Listen("unix", path)
		if err != nil {
			return nil, "", fmt.Errorf("--control: %w", err)
		}
		return ln, "unix:" + path, nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", fmt.Errorf("--control: %w", err)
	}
	return ln, "http://" + ln.Addr().String(), nil
}

// serveControl serves the endpoint on ln until stop is called.
func serveControl(ln net.Listener, cams []*camsim.Camera) (stop func()) {
	srv := &http.Server{
		Handler:           newControl(cams),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    8 << 10,
	}
	go func() { _ = srv.Serve(ln) }()
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if srv.Shutdown(ctx) != nil {
			_ = srv.Close()
		}
	}
}
