package ssdpresp

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// What every Axis camera's libupnp says (docs/protocol.md, SSDP; the M1014
// capture in axis-js' Message.mock.ts, and libupnp's CreateServicePacket).
const (
	maxAge = 1800
	// server is the newest recorded SERVER string (an AXIS OS 9/10 device
	// in Home Assistant's fixtures). No capture of 11.x or 12.x exists, so
	// every generation uses it.
	server = "Linux/4.14.173-axis8, UPnP/1.0, Portable SDK for UPnP devices/1.8.7"
	opt    = `"http://schemas.upnp.org/upnp/1/0/"; ns=01`

	ntRoot    = "upnp:rootdevice"
	ntDevice  = "urn:schemas-upnp-org:device:Basic:1"
	ntService = "urn:axis-com:service:BasicService:1"
	stAll     = "ssdp:all"
)

var cacheControl = "CACHE-CONTROL: max-age=" + strconv.Itoa(maxAge) + "\r\n"

// udnOf is the camera's UDN: uuid:Upnp-BasicDevice-1_0-<MAC>.
func udnOf(mac string) string { return "uuid:Upnp-BasicDevice-1_0-" + mac }

// usnOf is <UDN>::<type>, except for the UDN itself.
func usnOf(udn, nt string) string {
	if nt == udn {
		return udn
	}
	return udn + "::" + nt
}

// notifyTypes are a root device's NOTIFYs in libupnp's order: root device,
// UDN, device type, then each service.
func notifyTypes(udn string) []string {
	return []string{ntRoot, udn, ntDevice, ntService}
}

// targetsFor is what a camera answers to an M-SEARCH for st, one reply
// each, as libupnp matches it (exactly, case-sensitively).
func targetsFor(st, udn string) []string {
	switch st {
	case stAll:
		return notifyTypes(udn)
	case ntRoot, ntDevice, ntService, udn:
		return []string{st}
	}
	return nil
}

// searchReply is the M-SEARCH answer, header for header the capture.
func searchReply(location, nls, st, usn string, now time.Time) []byte {
	var b strings.Builder
	b.WriteString("HTTP/1.1 200 OK\r\n")
	b.WriteString(cacheControl)
	b.WriteString("DATE: " + now.UTC().Format(http.TimeFormat) + "\r\n")
	b.WriteString("EXT:\r\n")
	b.WriteString("LOCATION: " + location + "\r\n")
	b.WriteString("OPT: " + opt + "\r\n")
	b.WriteString("01-NLS: " + nls + "\r\n")
	b.WriteString("SERVER: " + server + "\r\n")
	b.WriteString("X-User-Agent: redsonic\r\n")
	b.WriteString("ST: " + st + "\r\n")
	b.WriteString("USN: " + usn + "\r\n")
	b.WriteString("\r\n")
	return []byte(b.String())
}

// notify is an ssdp:alive or ssdp:byebye NOTIFY. The capture has no DATE
// and no EXT, and puts NT and NTS before SERVER; libupnp keeps
// CACHE-CONTROL and LOCATION in byebye too.
func notify(location, nls, nt, nts, usn string) []byte {
	var b strings.Builder
	b.WriteString("NOTIFY * HTTP/1.1\r\n")
	b.WriteString("HOST: 239.255.255.250:1900\r\n")
	b.WriteString(cacheControl)
	b.WriteString("LOCATION: " + location + "\r\n")
	b.WriteString("OPT: " + opt + "\r\n")
	b.WriteString("01-NLS: " + nls + "\r\n")
	b.WriteString("NT: " + nt + "\r\n")
	b.WriteString("NTS: " + nts + "\r\n")
	b.WriteString("SERVER: " + server + "\r\n")
	b.WriteString("X-User-Agent: redsonic\r\n")
	b.WriteString("USN: " + usn + "\r\n")
	b.WriteString("\r\n")
	return []byte(b.String())
}

// newNLS makes a boot's 01-NLS value. Both captures show libupnp's
// time-based UUID with the fixed middle "1dd2-11b2"; the rest is random
// per boot here.
func newNLS() string {
	var r [12]byte
	_, _ = rand.Read(r[:])
	h := hex.EncodeToString(r[:])
	return h[:8] + "-1dd2-11b2-" + h[8:12] + "-" + h[12:]
}
