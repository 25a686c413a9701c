package camsim

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/netip"
)

// serveFirmwareManagement is firmwaremanagement.cgi (VAPIX-FW): compact JSON,
// errors as HTTP 200 with an "error" object.
func (c *Camera) serveFirmwareManagement(w http.ResponseWriter, r *http.Request) {
	if !c.authorize(w, r, roleAdmin) {
		return
	}
	api := c.prof.fwmgrAPI
	if r.Method != http.MethodPost {
		c.writeFwError(w, api, nil, "", 400, "Message could not be parsed.")
		return
	}
	body, err := readBody(w, r)
	if err != nil {
		c.writeFwError(w, api, nil, "", 400, "Message could not be parsed.")
		return
	}
	req, err := parseJSONRequest(body)
	if err != nil || req.Method == "" {
		c.writeFwError(w, api, req.Context, req.Method, 400, "Message could not be parsed.")
		return
	}
	if req.Method == "getSupportedVersions" {
		c.writeFw(w, api, req.Context, req.Method, jobj{{"apiVersions", []string{api}}})
		return
	}
	if !versionOK(req.APIVersion, api) {
		c.writeFwError(w, api, req.Context, req.Method, 417, "API version not compatible.")
		return
	}
	// Replies carry the version the client asked for, as in the VAPIX
	// examples.
	api = req.APIVersion
	switch req.Method {
	case "status":
		c.writeFw(w, api, req.Context, req.Method, c.firmwareStatus())
	case "factoryDefault":
		var p struct {
			Mode *string `json:"factoryDefaultMode"`
		}
		if len(req.Params) > 0 && json.Unmarshal(req.Params, &p) != nil {
			c.writeFwError(w, api, req.Context, req.Method, 400, "Message could not be parsed.")
			return
		}
		kind := resetSoft
		if p.Mode != nil {
			switch *p.Mode {
			case "soft":
			case "hard":
				kind = resetHard
			default:
				c.writeFwError(w, api, req.Context, req.Method, 400, "Invalid parameter value.")
				return
			}
		}
		c.acceptReset(w, r, kind, api, req)
	case "reboot":
		c.acceptReset(w, r, resetRestart, api, req)
	case "commit":
		c.writeFw(w, api, req.Context, req.Method, jobj{{"firmwareVersion", c.prof.firmware}})
	case "purge":
		c.mu.Lock()
		c.firmwarePurged = true
		c.mu.Unlock()
		c.writeFw(w, api, req.Context, req.Method, jobj{})
	case "rollback":
		c.writeFwError(w, api, req.Context, req.Method, 404, "No old firmware exists to rollback to.")
	default:
		c.writeFwError(w, api, req.Context, req.Method, 405, "Unknown method in request.")
	}
}

func (c *Camera) acceptReset(w http.ResponseWriter, r *http.Request, kind resetKind, api string, req jsonRequest) {
	if !c.scheduleReset(kind) {
		c.writeFwError(w, api, req.Context, req.Method, 423, "System is busy with another firmware management request.")
		return
	}
	body := encodeJSON(withContext(jobj{{"apiVersion", api}}, req.Context,
		jkv{"method", req.Method}, jkv{"data", jobj{}}), compact)
	c.replyBeforeReset(w, "application/json", body)
}

// replyBeforeReset sends the answer to an accepted reset, or, with the
// DropAfterFactoryDefault fault, starts it and resets the connection halfway.
func (c *Camera) replyBeforeReset(w http.ResponseWriter, contentType string, body []byte) {
	if !c.currentFaults().DropAfterFactoryDefault {
		writeBody(w, http.StatusOK, contentType, body)
		return
	}
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		writeBody(w, http.StatusOK, contentType, body)
		return
	}
	_, _ = fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nServer: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s",
		c.prof.server, contentType, len(body), body[:len(body)/2])
	_ = buf.Flush()
	resetConn(conn)
}

func (c *Camera) firmwareStatus() jobj {
	c.mu.Lock()
	purged := c.firmwarePurged
	c.mu.Unlock()
	data := jobj{
		{"activeFirmwareVersion", c.prof.firmware},
		{"activeFirmwarePart", fmt.Sprintf("%d", 1000000000+int(macTail(c.cfg.MAC))%900000000)},
	}
	if !purged {
		data = append(data,
			jkv{"inactiveFirmwareVersion", c.prof.inactiveFirmware},
			jkv{"isCommited", true},
			jkv{"lastUpgradeAt", "2026-03-02T10:14:55+01:00"})
	}
	return data
}

func macTail(mac string) uint32 {
	var v uint32
	for _, ch := range mac[6:] {
		v = v*16 + uint32(hexVal(byte(ch)))
	}
	return v
}

func hexVal(ch byte) byte {
	if ch >= 'A' {
		return ch - 'A' + 10
	}
	return ch - '0'
}

func (c *Camera) writeFw(w http.ResponseWriter, api string, ctx json.RawMessage, method string, data jobj) {
	writeBody(w, http.StatusOK, "application/json", encodeJSON(withContext(jobj{{"apiVersion", api}}, ctx,
		jkv{"method", method}, jkv{"data", data}), compact))
}

func (c *Camera) writeFwError(w http.ResponseWriter, api string, ctx json.RawMessage, method string, code int, msg string) {
	out := withContext(jobj{{"apiVersion", api}}, ctx)
	if method != "" {
		out = append(out, jkv{"method", method})
	}
	out = append(out, jkv{"error", jobj{{"code", code}, {"message", msg}}})
	writeBody(w, http.StatusOK, "application/json", encodeJSON(out, compact))
}

// serveLegacyReset is factorydefault.cgi, hardfactorydefault.cgi and
// restart.cgi: a meta-refresh page naming the camera's address, then the
// reset.
func (c *Camera) serveLegacyReset(w http.ResponseWriter, r *http.Request, kind resetKind) {
	if !c.authorize(w, r, roleAdmin) {
		return
	}
	page := map[resetKind]string{
		resetSoft:    "/admin/factoryMessage.shtml",
		resetHard:    "/admin/factoryMessage2.shtml",
		resetRestart: "/admin/restartMessage.shtml",
	}[kind]
	c.scheduleReset(kind)
	body := `<html><head><meta http-equiv="refresh" content="0;URL=` + page + `?server=` + localIP(r) + `"></head><body></body></html>`
	c.replyBeforeReset(w, "text/html", []byte(body))
}

// localIP is the camera address the client connected to.
func localIP(r *http.Request) string {
	if a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		if ap, err := netip.ParseAddrPort(a.String()); err == nil {
			return ap.Addr().Unmap().String()
		}
	}
	return ""
}
