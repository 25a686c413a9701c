package camsim_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
)

func listParams(t *testing.T, cam *camsim.Camera, client *http.Client, groups string) string {
	t.Helper()
	q := "/axis-cgi/param.cgi?action=list"
	if groups != "" {
		q += "&group=" + groups
	}
	r := call(t, client, http.MethodGet, cam.HTTPURL()+q, "", "")
	if r.status != http.StatusOK || r.header.Get("Content-Type") != "text/plain" {
		t.Fatalf("list %q: %d %q", groups, r.status, r.header.Get("Content-Type"))
	}
	return r.body
}

// params parses root.X=Y lines.
func params(body string) map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(strings.TrimSuffix(body, "\n"), "\n") {
		k, v, _ := strings.Cut(line, "=")
		m[k] = v
	}
	return m
}

var paramLine = regexp.MustCompile(`^root\.[A-Za-z0-9.]+=[^\n]*$`)

func TestParamListAllIsARealisticTreeForEachGeneration(t *testing.T) {
	for _, g := range camsim.Generations {
		t.Run(string(g), func(t *testing.T) {
			t.Parallel()
			cam := startCam(t, camsim.Config{Generation: g, MAC: "B8A44F0A98A1", Admin: &camsim.Account{User: firstUser(g), Password: "pw"}})
			body := listParams(t, cam, digestClient(firstUser(g), "pw"), "")
			lines := strings.Split(strings.TrimSuffix(body, "\n"), "\n")
			if len(lines) < 120 {
				t.Errorf("%d lines, want at least 120", len(lines))
			}
			for _, l := range lines {
				if !paramLine.MatchString(l) {
					t.Errorf("bad line %q", l)
				}
			}
			p := params(body)
			upnp, discoverable, bonjour := "yes", "Yes", "AXIS "+cam.Model()
			if g == camsim.Gen12 {
				upnp, discoverable = "no", "No"
			}
			if g == camsim.Gen10 {
				bonjour += " - B8A44F0A98A1"
			}
			for k, want := range map[string]string{
				"root.Brand.ProdNbr":                           cam.Model(),
				"root.Properties.Firmware.Version":             g.FirmwareVersion(),
				"root.Properties.System.SerialNumber":          "B8A44F0A98A1",
				"root.Properties.API.Browser.RootPwdSetValue":  "yes",
				"root.Network.VolatileHostName.HostName":       "axis-b8a44f0a98a1",
				"root.Network.UPnP.Enabled":                    upnp,
				"root.Network.UPnP.FriendlyName":               "AXIS " + cam.Model() + " - B8A44F0A98A1",
				"root.Network.Bonjour.FriendlyName":            bonjour,
				"root.WebService.DiscoveryMode.Discoverable":   discoverable,
				"root.Network.HTTP.AuthenticationPolicy":       "recommended",
				"root.Network.BootProto":                       "dhcp",
				"root.Network.IPAddress":                       "192.168.0.90",
				"root.Network.eth0.MACAddress":                 "B8:A4:4F:0A:98:A1",
				"root.Network.DHCP.VendorClass":                "AXIS," + p["root.Brand.ProdType"] + "," + cam.Model() + "," + g.FirmwareVersion(),
				"root.HTTPS.Enabled":                           "yes",
				"root.Time.SyncSource":                         "NTP",
				"root.Properties.FirmwareManagement.Version":   map[camsim.Generation]string{camsim.Gen10: "1.3", camsim.Gen11: "1.4", camsim.Gen12: "1.8"}[g],
				"root.System.PreventDoSAttack.DoSPageInterval": "1",
			} {
				if p[k] != want {
					t.Errorf("%s = %q, want %q", k, p[k], want)
				}
			}
			zc := p["root.Network.ZeroConf.IPAddress"]
			if (g == camsim.Gen12) != (zc == "") || (zc != "" && !strings.HasPrefix(zc, "169.254.")) {
				t.Errorf("ZeroConf.IPAddress %q on %s", zc, g)
			}
		})
	}
}

func TestParamListByGroupAndTheUnknownGroupError(t *testing.T) {
	cam := startCam(t, camsim.Config{Admin: &camsim.Account{User: "admin", Password: "pw"}})
	body := listParams(t, cam, digestClient("admin", "pw"), "Brand,root.Properties.Firmware.Version,Properties.Image.Sharpness")
	want := "root.Brand.Brand=AXIS\nroot.Brand.ProdFullName=AXIS M1075-L Box Camera\nroot.Brand.ProdNbr=M1075-L\n" +
		"root.Brand.ProdShortName=AXIS M1075-L\nroot.Brand.ProdType=Box Camera\nroot.Brand.ProdVariant=\n" +
		"root.Brand.WebURL=http://www.axis.com\nroot.Properties.Firmware.Version=11.11.192\n" +
		"# Error: Error -1 getting param in group 'Properties.Image.Sharpness'\n"
	if body != want {
		t.Errorf("got\n%s\nwant\n%s", body, want)
	}
}

func TestParamUpdateOfNetworkChangesTheRecordedNetwork(t *testing.T) {
	cam := startCam(t, camsim.Config{Admin: &camsim.Account{User: "admin", Password: "pw"}})
	c := digestClient("admin", "pw")
	r := call(t, c, http.MethodGet, cam.HTTPURL()+"/axis-cgi/param.cgi?action=update&Network.BootProto=none&Network.IPAddress=10.0.0.50&Network.SubnetMask=255.255.255.0&root.Network.DefaultRouter=10.0.0.1&Network.DNSServer1=10.0.0.2", "", "")
	if r.status != http.StatusOK || r.body != "OK" {
		t.Fatalf("update: %d %q", r.status, r.body)
	}
	n := cam.Snapshot().Network
	if n.BootProto != "none" || n.IPAddress != "10.0.0.50" || n.SubnetMask != "255.255.255.0" || n.DefaultRouter != "10.0.0.1" ||
		n.Broadcast != "10.0.0.255" || len(n.DNSServers) != 1 || n.DNSServers[0] != "10.0.0.2" {
		t.Errorf("network after update: %+v", n)
	}
	p := params(listParams(t, cam, c, "Network"))
	if p["root.Network.eth0.IPAddress"] != "10.0.0.50" || p["root.Network.Routing.DefaultRouter"] != "10.0.0.1" || p["root.Network.DNSServer1"] != "10.0.0.2" {
		t.Errorf("params after update: eth0 %q router %q dns %q", p["root.Network.eth0.IPAddress"], p["root.Network.Routing.DefaultRouter"], p["root.Network.DNSServer1"])
	}
	// The simulator keeps listening where it started.
	if r := systemReady(t, cam); r.status != http.StatusOK {
		t.Errorf("camera unreachable after the update: %d", r.status)
	}
}

func TestParamUpdateRefusesBadValuesAndChangesNothing(t *testing.T) {
	cam := startCam(t, camsim.Config{Admin: &camsim.Account{User: "admin", Password: "pw"}})
	c := digestClient("admin", "pw")
	for q, want := range map[string]string{
		"Network.BootProto=none&Network.IPAddress=10.0.0.999": "# Error: Error setting 'Network.IPAddress' to '10.0.0.999'!",
		"Properties.Firmware.Version=99":                      "# Error: Error setting 'Properties.Firmware.Version' to '99'!",
		"root.No.Such.Param=1":                                "# Error: Error setting 'root.No.Such.Param' to '1'!",
		"Network.SubnetMask=255.0.255.0":                      "# Error: Error setting 'Network.SubnetMask' to '255.0.255.0'!",
		"Network.Bonjour.Enabled=maybe":                       "# Error: Error setting 'Network.Bonjour.Enabled' to 'maybe'!",
	} {
		r := call(t, c, http.MethodGet, cam.HTTPURL()+"/axis-cgi/param.cgi?action=update&"+q, "", "")
		if r.status != http.StatusOK || r.body != want {
			t.Errorf("%s: %d %q, want %q", q, r.status, r.body, want)
		}
	}
	if n := cam.Snapshot().Network; n.BootProto != "dhcp" {
		t.Errorf("a refused update changed BootProto to %q", n.BootProto)
	}
}

func TestParamUpdateOfBonjourNameIsAnnouncedAfterReset(t *testing.T) {
	rec := &recorder{}
	cam := startCam(t, camsim.Config{Admin: &camsim.Account{User: "admin", Password: "pw"}, Announcers: []camsim.Announcer{rec}})
	r := call(t, digestClient("admin", "pw"), http.MethodGet, cam.HTTPURL()+"/axis-cgi/param.cgi?action=update&Network.Bonjour.FriendlyName=Lobby", "", "")
	if r.body != "OK" {
		t.Fatalf("update: %q", r.body)
	}
	cam.PowerCycle(false)
	waitFor(t, "announce after power cycle", 5*time.Second, func() bool { return len(rec.events()) >= 3 })
	if last := rec.events()[2]; last.what != "announce" || last.info.FriendlyNameBonjour != "Lobby" {
		t.Errorf("after restart: %+v", last)
	}
}
