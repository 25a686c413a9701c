package camsim

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// serveSystemReady answers the anonymous readiness and setup probe
// (VAPIX-SR). The reply keeps each generation's recorded shape: 10.12 (API
// 1.2) has no uptime or bootid, 11.11 (1.4) adds them and previewmode while
// in setup, 12.9 (1.5) adds passphrasepolicy. All recordings use the spaced
// one-line form.
func (c *Camera) serveSystemReady(w http.ResponseWriter, r *http.Request, stop <-chan struct{}) {
	api := c.prof.systemReadyAPI
	if r.Method != http.MethodPost {
		c.writeSystemReadyError(w, nil, "", 1000, "Only POST is supported")
		return
	}
	body, err := readBody(w, r)
	if err != nil {
		c.writeSystemReadyError(w, nil, "", 1000, "Request too large")
		return
	}
	req, err := parseJSONRequest(body)
	if err != nil {
		c.writeSystemReadyError(w, nil, "", 1000, "Invalid JSON")
		return
	}
	switch req.Method {
	case "getSupportedVersions":
		writeBody(w, http.StatusOK, "application/json", encodeJSON(withContext(nil, req.Context,
			jkv{"method", "getSupportedVersions"},
			jkv{"data", jobj{{"apiVersions", []string{api}}}}), spaced))
		return
	case "systemready":
	default:
		c.writeSystemReadyError(w, req.Context, req.Method, 1000, "Method not supported")
		return
	}
	if req.APIVersion != "" && !versionOK(req.APIVersion, api) {
		c.writeSystemReadyError(w, req.Context, req.Method, 1000, "Requested API version is not supported")
		return
	}
	var params struct {
		Timeout json.Number `json:"timeout"`
	}
	_ = json.Unmarshal(req.Params, &params)
	if t, err := params.Timeout.Float64(); err == nil && t > 0 {
		c.waitReady(r, stop, time.Duration(min(t, 60)*float64(time.Second)))
	}

	c.mu.Lock()
	now := time.Now()
	ready := !now.Before(c.readyAt)
	setup := c.needsSetupLocked()
	uptime := int(now.Sub(c.bootTime) / time.Second)
	bootID := c.bootID
	c.mu.Unlock()

	data := jobj{{"systemready", yesNo(ready)}, {"needsetup", yesNo(setup)}}
	if c.prof.uptimeInSystemReady {
		data = append(data, jkv{"uptime", strconv.Itoa(uptime)}, jkv{"bootid", bootID})
	}
	if c.prof.previewMode && setup {
		data = append(data, jkv{"previewmode", "7200"})
	}
	if c.prof.passphrasePolicy {
		data = append(data, jkv{"passphrasepolicy", "none"})
	}
	writeBody(w, http.StatusOK, "application/json", encodeJSON(withContext(jobj{{"apiVersion", api}}, req.Context,
		jkv{"method", "systemready"}, jkv{"data", data}), spaced))
}

// waitReady holds the reply while the camera boots, up to the timeout the
// client gave ("it will take up to 20 seconds").
func (c *Camera) waitReady(r *http.Request, stop <-chan struct{}, limit time.Duration) {
	c.mu.Lock()
	wait := time.Until(c.readyAt)
	c.mu.Unlock()
	if wait <= 0 {
		return
	}
	hold(r, stop, min(wait, limit))
}

func (c *Camera) writeSystemReadyError(w http.ResponseWriter, ctx json.RawMessage, method string, code int, msg string) {
	out := withContext(jobj{{"apiVersion", c.prof.systemReadyAPI}}, ctx)
	if method != "" {
		out = append(out, jkv{"method", method})
	}
	out = append(out, jkv{"error", jobj{{"code", code}, {"message", msg}}})
	writeBody(w, http.StatusOK, "application/json", encodeJSON(out, spaced))
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
