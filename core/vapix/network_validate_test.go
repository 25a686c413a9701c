package vapix_test

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/vapix"
)

func TestNetworkSettingsThatWouldStrandTheCameraAreRefusedWithTheReason(t *testing.T) {
	static := func(p string) vapix.NetworkConfig {
		return vapix.NetworkConfig{Address: netip.MustParsePrefix(p)}
	}
	with := func(cfg vapix.NetworkConfig, gw string, dns ...string) vapix.NetworkConfig {
		if gw != "" {
			cfg.Gateway = netip.MustParseAddr(gw)
		}
		for _, d := range dns {
			cfg.DNS = append(cfg.DNS, netip.MustParseAddr(d))
		}
		return cfg
	}
	dhcp := vapix.NetworkConfig{DHCP: true}
	for name, tc := range map[string]struct {
		cfg  vapix.NetworkConfig
		says string // in the reason shown
	}{
		"/32":                       {static("192.168.1.50/32"), "too small"},
		"/31":                       {static("192.168.1.50/31"), "too small"},
		"/1":                        {static("10.0.0.5/1"), "larger than any real"},
		"/7":                        {static("10.0.0.5/7"), "larger than any real"},
		"static link-local":         {static("169.254.10.20/16"), "169.254.x.x"},
		"static link-local as /24":  {static("169.254.10.20/24"), "169.254.x.x"},
		"loopback gateway":          {with(static("192.168.1.50/24"), "127.0.0.1"), "this device itself"},
		"multicast gateway":         {with(static("192.168.1.50/24"), "224.0.0.1"), "not the address of a router"},
		"broadcast gateway":         {with(static("192.168.1.50/24"), "255.255.255.255"), "not the address of a router"},
		"the network as gateway":    {with(static("192.168.1.50/24"), "192.168.1.0"), "network's own or broadcast"},
		"loopback DNS":              {with(static("192.168.1.50/24"), "", "127.0.0.53"), "this device itself"},
		"loopback DNS with DHCP":    {with(dhcp, "", "127.0.0.1"), "this device itself"},
		"IPv6 loopback DNS":         {with(dhcp, "", "::1"), "this device itself"},
		"mapped loopback DNS":       {with(dhcp, "", "::ffff:127.0.0.1"), "this device itself"},
		"multicast DNS":             {with(dhcp, "", "224.0.0.251"), "multicast"},
		"second DNS is the problem": {with(static("192.168.1.50/24"), "192.168.1.1", "192.168.1.1", "239.1.1.1"), "multicast"},
	} {
		t.Run(name, func(t *testing.T) {
			err := tc.cfg.Validate()
			wantKind(t, err, vapix.InvalidSettings)
			p, _ := usermsg.Explain(err)
			if !strings.Contains(p.What.String(), tc.says) {
				t.Errorf("the reason %q does not say %q", p.What.String(), tc.says)
			}
		})
	}
}

func TestOrdinaryNetworkSettingsAreAccepted(t *testing.T) {
	for _, cfg := range []vapix.NetworkConfig{
		{Address: netip.MustParsePrefix("192.168.1.50/24"), Gateway: netip.MustParseAddr("192.168.1.1"), DNS: []netip.Addr{netip.MustParseAddr("192.168.1.1"), netip.MustParseAddr("8.8.8.8")}},
		{Address: netip.MustParsePrefix("10.1.2.3/8")},
		{Address: netip.MustParsePrefix("172.16.5.5/30"), Gateway: netip.MustParseAddr("172.16.5.6")},
		{DHCP: true},
		{DHCP: true, DNS: []netip.Addr{netip.MustParseAddr("2001:4860:4860::8888")}},
	} {
		if err := cfg.Validate(); err != nil {
			t.Errorf("%v: %v", cfg, err)
		}
	}
}
