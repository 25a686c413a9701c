package ssdpresp

import (
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/camsim"
)

// Captures of a real AXIS M1014 (docs/protocol.md, SSDP; axis-js
// packages/axis-discovery-ssdp/test/sockets/Message.mock.ts). The 2016
// device ran an older libupnp than the recorded SERVER string the
// simulator sends, so tests swap that one line.

const capturedSearchReply = "HTTP/1.1 200 OK\r\n" +
	"CACHE-CONTROL: max-age=1800\r\n" +
	"DATE: Sun, 02 Oct 2016 21:11:25 GMT\r\n" +
	"EXT:\r\n" +
	"LOCATION: http://192.168.1.102:45895/rootdesc1.xml\r\n" +
	"OPT: \"http://schemas.upnp.org/upnp/1/0/\"; ns=01\r\n" +
	"01-NLS: 8fb2638a-1dd2-11b2-a915-c89968cce2ca\r\n" +
	"SERVER: Linux/2.6.35, UPnP/1.0, Portable SDK for UPnP devices/1.6.18\r\n" +
	"X-User-Agent: redsonic\r\n" +
	"ST: urn:axis-com:service:BasicService:1\r\n" +
	"USN: uuid:Upnp-BasicDevice-1_0-ACCC8E270AD8::urn:axis-com:service:BasicService:1\r\n" +
	"\r\n"

const capturedByebye = "NOTIFY * HTTP/1.1\r\n" +
	"HOST: 239.255.255.250:1900\r\n" +
	"CACHE-CONTROL: max-age=1800\r\n" +
	"LOCATION: http://192.168.1.102:45895/rootdesc1.xml\r\n" +
	"OPT: \"http://schemas.upnp.org/upnp/1/0/\"; ns=01\r\n" +
	"01-NLS: 2ae7b584-1dd2-11b2-988f-983991d749b2\r\n" +
	"NT: urn:axis-com:service:BasicService:1\r\n" +
	"NTS: ssdp:byebye\r\n" +
	"SERVER: Linux/2.6.35, UPnP/1.0, Portable SDK for UPnP devices/1.6.18\r\n" +
	"X-User-Agent: redsonic\r\n" +
	"USN: uuid:Upnp-BasicDevice-1_0-ACCC8E270AD8::urn:axis-com:service:BasicService:1\r\n" +
	"\r\n"

// capturedDescription is the M1014's captured description (docs/protocol.md,
// SSDP), kept once for the whole repository so the simulator and the client
// are held to the same bytes.
func capturedDescription(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "axis", "rootdesc1.xml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// axisJSSearch is the M-SEARCH axis-js sends (docs/protocol.md, SSDP), with
// its unusual header case and spacing.
const axisJSSearch = "M-SEARCH * HTTP/1.1\r\n" +
	"Host:239.255.255.250:1900\r\n" +
	"ST:urn:axis-com:service:BasicService:1\r\n" +
	"Man:\"ssdp:discover\"\r\n" +
	"MX:3\r\n" +
	"\r\n"

const capturedServer = "SERVER: Linux/2.6.35, UPnP/1.0, Portable SDK for UPnP devices/1.6.18\r\n"

// withOurServer swaps the capture's SERVER line for the simulator's.
func withOurServer(captured string) string {
	return strings.Replace(captured, capturedServer, "SERVER: "+server+"\r\n", 1)
}

// m1014 is the captured camera as the simulator is told about it.
func m1014(ip netip.Addr, gen camsim.Generation) camsim.AnnounceInfo {
	return camInfo("ACCC8E270AD8", gen, "M1014", "AXIS M1014 Fixed Network Camera", ip)
}

func camInfo(mac string, gen camsim.Generation, model, fullName string, ip netip.Addr) camsim.AnnounceInfo {
	short := "AXIS " + model
	return camsim.AnnounceInfo{
		MAC: mac, Model: model, ProdShortName: short, FullName: fullName,
		Firmware: gen.FirmwareVersion(), Generation: gen,
		HTTPAddr:            netip.AddrPortFrom(ip, 80),
		HTTPSAddr:           netip.AddrPortFrom(ip, 443),
		FriendlyNameUPnP:    short + " - " + mac,
		FriendlyNameBonjour: short,
	}
}
