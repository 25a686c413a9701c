package camsim

import (
	"encoding/json"
	"strconv"
	"strings"
)

// jsonRequest is the envelope every Axis JSON CGI takes.
type jsonRequest struct {
	APIVersion string          `json:"apiVersion"`
	Context    json.RawMessage `json:"context"`
	Method     string          `json:"method"`
	Params     json.RawMessage `json:"params"`
}

func parseJSONRequest(body []byte) (jsonRequest, error) {
	var req jsonRequest
	err := json.Unmarshal(body, &req)
	return req, err
}

// versionOK reports whether a requested "major.minor" is served by a device
// at version have: same major, minor not above the device's.
func versionOK(want, have string) bool {
	wMaj, wMin, ok1 := splitVersion(want)
	hMaj, hMin, ok2 := splitVersion(have)
	return ok1 && ok2 && wMaj == hMaj && wMin <= hMin
}

func splitVersion(v string) (major, minor int, ok bool) {
	a, b, found := strings.Cut(v, ".")
	major, err := strconv.Atoi(a)
	if err != nil {
		return 0, 0, false
	}
	if !found {
		return major, 0, true
	}
	minor, err = strconv.Atoi(b)
	return major, minor, err == nil
}

// withContext inserts "context" right after "apiVersion" when the request
// carried one (VAPIX: echoed only if sent).
func withContext(head jobj, ctx json.RawMessage, rest ...jkv) jobj {
	out := append(jobj{}, head...)
	if len(ctx) > 0 {
		out = append(out, jkv{"context", ctx})
	}
	return append(out, rest...)
}
