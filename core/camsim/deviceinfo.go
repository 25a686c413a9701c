package camsim

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// bdiAPI is the basic device info version every recorded device reports,
// whatever was requested.
const bdiAPI = "1.3"

// restrictedProps need an operator login (VAPIX-BDI).
var restrictedProps = map[string]bool{"Architecture": true, "Soc": true, "SocSerialNumber": true}

// serveDeviceInfo is basicdeviceinfo.cgi: POST only, anonymous for the
// unrestricted properties. Recorded replies carry no "method" key, put
// "context" last (only when sent) and use the spaced one-line form.
func (c *Camera) serveDeviceInfo(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		c.writeBDIError(w, nil, 2002, "HTTP request type not supported. Only POST is supported")
		return
	}
	body, err := readBody(w, r)
	if err != nil {
		c.writeBDIError(w, nil, 4000, "Invalid JSON")
		return
	}
	req, err := parseJSONRequest(body)
	if err != nil {
		c.writeBDIError(w, nil, 4000, "Invalid JSON")
		return
	}
	if req.Method == "getSupportedVersions" {
		c.writeBDI(w, req.Context, jobj{{"apiVersions", []string{bdiAPI}}})
		return
	}
	if !versionOK(req.APIVersion, bdiAPI) {
		c.writeBDIError(w, req.Context, 2003, "Requested API version is not supported")
		return
	}
	var names []string
	switch req.Method {
	case "getAllUnrestrictedProperties":
		names = unrestrictedOrder
	case "getAllProperties":
		if !c.authorize(w, r, roleOperator) {
			return
		}
		names = allPropsOrder
	case "getProperties":
		var p struct {
			PropertyList []string `json:"propertyList"`
		}
		if json.Unmarshal(req.Params, &p) != nil || len(p.PropertyList) == 0 {
			c.writeBDIError(w, req.Context, 4002, "Required parameter missing or invalid")
			return
		}
		known := c.deviceProperties()
		for _, n := range p.PropertyList {
			if _, ok := known[n]; !ok {
				c.writeBDIError(w, req.Context, 4002, "Required parameter missing or invalid")
				return
			}
		}
		for _, n := range p.PropertyList {
			if restrictedProps[n] {
				if !c.authorize(w, r, roleOperator) {
					return
				}
				break
			}
		}
		names = p.PropertyList
	default:
		c.writeBDIError(w, req.Context, 2004, "Method not supported")
		return
	}
	props := c.deviceProperties()
	list := make(jobj, 0, len(names))
	for _, n := range names {
		list = append(list, jkv{n, props[n]})
	}
	c.writeBDI(w, req.Context, jobj{{"propertyList", list}})
}

// Key orders as recorded (unrestricted: M1075-L on 12.9.57; all: a device's
// getAllProperties reply reproduced in a field script).
var (
	unrestrictedOrder = []string{"ProdNbr", "HardwareID", "ProdFullName", "Version", "ProdType", "Brand", "WebURL", "ProdVariant", "SerialNumber", "ProdShortName", "BuildDate"}
	allPropsOrder     = []string{"Architecture", "ProdNbr", "HardwareID", "ProdFullName", "Version", "ProdType", "SocSerialNumber", "Soc", "Brand", "WebURL", "ProdVariant", "SerialNumber", "ProdShortName", "BuildDate"}
)

func (c *Camera) deviceProperties() map[string]string {
	m := c.model
	return map[string]string{
		"Architecture":    m.Architecture,
		"Brand":           "AXIS",
		"BuildDate":       c.prof.buildDate,
		"HardwareID":      m.HardwareID,
		"ProdFullName":    m.fullName(),
		"ProdNbr":         m.ProdNbr,
		"ProdShortName":   m.shortName(),
		"ProdType":        m.ProdType,
		"ProdVariant":     m.ProdVariant,
		"SerialNumber":    c.cfg.MAC,
		"Soc":             m.Soc,
		"SocSerialNumber": socSerial(c.cfg.MAC),
		"Version":         c.prof.firmware,
		"WebURL":          c.webURL(),
	}
}

func (c *Camera) webURL() string {
	if c.prof.httpsWebURL {
		return "https://www.axis.com"
	}
	return "http://www.axis.com"
}

// socSerial derives a stable SoC serial in the recorded
// "00000000-00000000-XXXXXXXX-XXXXXXXX" shape.
func socSerial(mac string) string {
	return fmt.Sprintf("00000000-00000000-%s-%s", mac[4:12], mac[0:8])
}

func (c *Camera) writeBDI(w http.ResponseWriter, ctx json.RawMessage, data jobj) {
	out := jobj{{"apiVersion", bdiAPI}, {"data", data}}
	if len(ctx) > 0 {
		out = append(out, jkv{"context", ctx})
	}
	writeBody(w, http.StatusOK, "application/json", encodeJSON(out, spaced))
}

func (c *Camera) writeBDIError(w http.ResponseWriter, ctx json.RawMessage, code int, msg string) {
	out := jobj{{"apiVersion", bdiAPI}, {"error", jobj{{"code", code}, {"message", msg}}}}
	if len(ctx) > 0 {
		out = append(out, jkv{"context", ctx})
	}
	writeBody(w, http.StatusOK, "application/json", encodeJSON(out, spaced))
}
