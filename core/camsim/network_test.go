package camsim_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/camsim"
)

const netPath = "/axis-cgi/network_settings.cgi"

type netInfo struct {
	APIVersion string `json:"apiVersion"`
	Method     string `json:"method"`
	Data       struct {
		System struct {
			Hostname struct {
				Hostname string `json:"hostname"`
			} `json:"hostname"`
			Resolver struct {
				UseDhcpResolverInfo bool     `json:"useDhcpResolverInfo"`
				StaticNameServers   []string `json:"staticNameServers"`
			} `json:"resolver"`
		} `json:"system"`
		Devices []struct {
			Name       string `json:"name"`
			MacAddress string `json:"macAddress"`
			IPv4       struct {
				ConfigurationMode string `json:"configurationMode"`
				Addresses         []struct {
					Address      string `json:"address"`
					PrefixLength int    `json:"prefixLength"`
					Origin       string `json:"origin"`
					Scope        string `json:"scope"`
				} `json:"addresses"`
				StaticAddressConfigurations []struct {
					Address      string `json:"address"`
					PrefixLength int    `json:"prefixLength"`
					Broadcast    string `json:"broadcast"`
				} `json:"staticAddressConfigurations"`
				DefaultRouter       string `json:"defaultRouter"`
				StaticDefaultRouter string `json:"staticDefaultRouter"`
			} `json:"IPv4"`
		} `json:"devices"`
	} `json:"data"`
}

func getNetworkInfo(t *testing.T, cam *camsim.Camera, c *http.Client) (netInfo, string) {
	t.Helper()
	r := postJSON(t, c, cam.HTTPURL()+netPath, `{"apiVersion":"1.0","method":"getNetworkInfo"}`)
	var v netInfo
	if err := json.Unmarshal([]byte(r.body), &v); err != nil {
		t.Fatalf("%v: %s", err, r.body)
	}
	return v, r.body
}

func TestGetNetworkInfoHasTheRecordedShapePerGeneration(t *testing.T) {
	for _, g := range camsim.Generations {
		t.Run(string(g), func(t *testing.T) {
			t.Parallel()
			cam := startCam(t, camsim.Config{Generation: g, MAC: "ACCC8E270AD8", Admin: &camsim.Account{User: firstUser(g), Password: "pw"}})
			v, body := getNetworkInfo(t, cam, digestClient(firstUser(g), "pw"))
			if !strings.HasPrefix(body, "{\n  \"apiVersion\": \"1.0\",\n  \"method\": \"getNetworkInfo\",\n  \"data\": {\n    \"system\": {") {
				t.Errorf("not the recorded two-space layout:\n%.120s", body)
			}
			if len(v.Data.Devices) != 1 {
				t.Fatalf("devices %+v", v.Data.Devices)
			}
			d := v.Data.Devices[0]
			if d.Name != "eth0" || d.MacAddress != "ac:cc:8e:27:0a:d8" || d.IPv4.ConfigurationMode != "dhcp" ||
				len(d.IPv4.StaticAddressConfigurations) != 1 || d.IPv4.StaticAddressConfigurations[0].Address != "192.168.0.90" ||
				d.IPv4.StaticAddressConfigurations[0].PrefixLength != 24 || d.IPv4.StaticDefaultRouter != "192.168.0.1" {
				t.Errorf("device %+v", d)
			}
			var origins []string
			for _, a := range d.IPv4.Addresses {
				origins = append(origins, a.Origin+"/"+a.Scope)
			}
			want := "linkLocal/link,dhcp/global"
			if g == camsim.Gen12 {
				want = "dhcp/global" // one address only with DHCP in IPv4 compliant mode
			}
			if strings.Join(origins, ",") != want {
				t.Errorf("addresses %v, want %s", origins, want)
			}
			if v.Data.System.Hostname.Hostname != "axis-accc8e270ad8" {
				t.Errorf("hostname %q", v.Data.System.Hostname.Hostname)
			}
		})
	}
}

func TestSetIPv4StaticIsReflectedInNetworkInfoAndParams(t *testing.T) {
	cam := startCam(t, camsim.Config{Admin: &camsim.Account{User: "admin", Password: "pw"}})
	c := digestClient("admin", "pw")
	r := postJSON(t, c, cam.HTTPURL()+netPath, `{"apiVersion":"1.0","context":"abc","method":"setIPv4AddressConfiguration",
		"params":{"deviceName":"eth0","configurationMode":"static","staticDefaultRouter":"192.168.5.1",
		"staticAddressConfigurations":[{"address":"192.168.5.90","prefixLength":16,"broadcast":"192.168.255.255"}]}}`)
	want := "{\n  \"apiVersion\": \"1.0\",\n  \"context\": \"abc\",\n  \"method\": \"setIPv4AddressConfiguration\",\n  \"data\": {}\n}"
	if r.status != http.StatusOK || r.body != want {
		t.Fatalf("reply %d\n%s\nwant\n%s", r.status, r.body, want)
	}
	v, _ := getNetworkInfo(t, cam, c)
	d := v.Data.Devices[0].IPv4
	last := d.Addresses[len(d.Addresses)-1]
	if d.ConfigurationMode != "static" || last.Address != "192.168.5.90" || last.PrefixLength != 16 || last.Origin != "static" || d.DefaultRouter != "192.168.5.1" {
		t.Errorf("IPv4 after set %+v", d)
	}
	p := params(listParams(t, cam, c, "Network"))
	if p["root.Network.BootProto"] != "none" || p["root.Network.IPAddress"] != "192.168.5.90" || p["root.Network.SubnetMask"] != "255.255.0.0" ||
		p["root.Network.Broadcast"] != "192.168.255.255" || p["root.Network.DefaultRouter"] != "192.168.5.1" {
		t.Errorf("params after set: %v", p)
	}
	// Back to DHCP.
	postJSON(t, c, cam.HTTPURL()+netPath, `{"apiVersion":"1.0","method":"setIPv4AddressConfiguration","params":{"deviceName":"eth0","configurationMode":"dhcp"}}`)
	if n := cam.Snapshot().Network; n.BootProto != "dhcp" || n.IPAddress != "192.168.5.90" {
		t.Errorf("after dhcp: %+v", n)
	}
}

func TestSetIPv4RefusesBadParametersWithVAPIXErrors(t *testing.T) {
	cam := startCam(t, camsim.Config{Admin: &camsim.Account{User: "admin", Password: "pw"}})
	c := digestClient("admin", "pw")
	type apiErr struct {
		Error struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
			Details *struct {
				SubCode int `json:"subCode"`
			} `json:"details"`
		} `json:"error"`
	}
	for body, want := range map[string][2]int{
		`{"apiVersion":"1.0","method":"setIPv4AddressConfiguration","params":{"deviceName":"eth0","configurationMode":"static","staticAddressConfigurations":[{"address":"192.168.5.300","prefixLength":24}]}}`: {4004, 107},
		`{"apiVersion":"1.0","method":"setIPv4AddressConfiguration","params":{"deviceName":"eth0","configurationMode":"static","staticAddressConfigurations":[{"address":"10.0.0.1","prefixLength":33}]}}`:      {4004, 107},
		`{"apiVersion":"1.0","method":"setIPv4AddressConfiguration","params":{"configurationMode":"dhcp"}}`:                                                                                                     {4003, 0},
		`{"apiVersion":"1.0","method":"setIPv4AddressConfiguration","params":{"deviceName":"wlan0","configurationMode":"dhcp"}}`:                                                                                {4004, 100},
		`{"apiVersion":"2.0","method":"getNetworkInfo"}`: {4001, 0},
		`{"apiVersion":"1.0","method":"teleport"}`:       {4000, 0},
		`{"apiVersion":"1.0",`:                           {3000, 0},
	} {
		r := postJSON(t, c, cam.HTTPURL()+netPath, body)
		var e apiErr
		if err := json.Unmarshal([]byte(r.body), &e); err != nil {
			t.Fatalf("%s: %v %s", body, err, r.body)
		}
		sub := 0
		if e.Error.Details != nil {
			sub = e.Error.Details.SubCode
		}
		if r.status != http.StatusOK || e.Error.Code != want[0] || sub != want[1] || e.Error.Message == "" {
			t.Errorf("%s: %d %s, want code %d sub %d", body, r.status, r.body, want[0], want[1])
		}
	}
	if r := postJSON(t, c, cam.HTTPURL()+netPath, `{"apiVersion":"1.0","method":"setIPv4AddressConfiguration","params":{"deviceName":"eth0","configurationMode":"static","staticAddressConfigurations":[{"address":"192.168.5.300","prefixLength":24}]}}`); !strings.Contains(r.body, "\"message\": \"Invalid parameter(s)\"") {
		t.Errorf("message text: %s", r.body)
	}
	if n := cam.Snapshot().Network; n.BootProto != "dhcp" || n.IPAddress != "192.168.0.90" {
		t.Errorf("refused settings changed the network: %+v", n)
	}
}

func TestSetResolverAndHostnameConfiguration(t *testing.T) {
	cam := startCam(t, camsim.Config{Generation: camsim.Gen12, Admin: &camsim.Account{User: "admin", Password: "pw"}})
	c := digestClient("admin", "pw")
	for _, body := range []string{
		`{"apiVersion":"1.0","method":"setResolverConfiguration","params":{"useDhcpResolverInfo":false,"staticNameServers":["9.9.9.9","1.1.1.1"],"staticSearchDomains":["example.com"]}}`,
		`{"apiVersion":"1.0","method":"setHostnameConfiguration","params":{"useDhcpHostname":false,"staticHostname":"gate-cam"}}`,
	} {
		if r := postJSON(t, c, cam.HTTPURL()+netPath, body); !strings.Contains(r.body, "\"data\": {}") {
			t.Fatalf("%s: %s", body, r.body)
		}
	}
	n := cam.Snapshot().Network
	if n.UseDHCPResolver || strings.Join(n.DNSServers, ",") != "9.9.9.9,1.1.1.1" || n.HostName != "gate-cam" || n.UseDHCPHostName {
		t.Errorf("network %+v", n)
	}
	p := params(listParams(t, cam, c, "Network"))
	if p["root.Network.DNSServer1"] != "9.9.9.9" || p["root.Network.Resolver.NameServerList"] != "9.9.9.9,1.1.1.1" || p["root.Network.HostName"] != "gate-cam" {
		t.Errorf("params %v", p)
	}
	if r := postJSON(t, c, cam.HTTPURL()+netPath, `{"apiVersion":"1.0","method":"setResolverConfiguration","params":{"staticNameServers":["not-an-ip"]}}`); !strings.Contains(r.body, "4004") {
		t.Errorf("bad name server accepted: %s", r.body)
	}
}
