package camsim

import (
	"encoding/json"
	"net/http"
	"net/netip"
	"slices"
)

// serveNetworkSettings is network_settings.cgi (VAPIX-NS), pretty-printed
// with two spaces as recorded.
func (c *Camera) serveNetworkSettings(w http.ResponseWriter, r *http.Request) {
	api := c.prof.netAPI
	var (
		req    jsonRequest
		reqErr error
	)
	if r.Method == http.MethodPost {
		body, err := readBody(w, r)
		if err == nil {
			req, reqErr = parseJSONRequest(body)
		} else {
			reqErr = err
		}
	}
	need := roleOperator
	if req.Method != "getNetworkInfo" && req.Method != "getSupportedVersions" {
		need = roleAdmin
	}
	if !c.authorize(w, r, need) {
		return
	}
	switch {
	case r.Method != http.MethodPost:
		c.writeNetError(w, api, nil, "", 2000, "Invalid request.", 0)
		return
	case reqErr != nil:
		c.writeNetError(w, api, nil, "", 3000, "Invalid JSON data.", 0)
		return
	case req.Method == "getSupportedVersions":
		c.writeNet(w, api, req.Context, req.Method, jobj{{"apiVersions", []string{api}}})
		return
	case !versionOK(req.APIVersion, api):
		c.writeNetError(w, api, req.Context, req.Method, 4001, "The specified version is not supported.", 0)
		return
	}
	api = req.APIVersion
	switch req.Method {
	case "getNetworkInfo":
		c.writeNet(w, api, req.Context, req.Method, c.networkInfo())
	case "setIPv4AddressConfiguration":
		c.setIPv4(w, api, req)
	case "setResolverConfiguration":
		c.setResolver(w, api, req)
	case "setHostnameConfiguration":
		c.setHostname(w, api, req)
	default:
		c.writeNetError(w, api, req.Context, req.Method, 4000, "Method does not exist.", 0)
	}
}

// networkInfo mirrors the recorded getNetworkInfo (11.11, API 1.15): a
// link-local address next to the DHCP lease before 12; one address only on
// 12 with DHCP.
func (c *Camera) networkInfo() jobj {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.net
	cur := c.currentAddressLocked()
	var addrs []jobj
	if n.ZeroConfIPAddress != "" {
		addrs = append(addrs, jobj{{"address", n.ZeroConfIPAddress}, {"prefixLength", 16}, {"origin", "linkLocal"}, {"scope", "link"}})
	}
	origin := "dhcp"
	if n.BootProto == "none" {
		origin = "static"
	}
	addrs = append(addrs, jobj{
		{"address", cur.Addr().String()}, {"prefixLength", cur.Bits()}, {"origin", origin}, {"scope", "global"},
		{"broadcast", broadcastOf(cur.Addr().String(), cur.Bits())},
	})
	bits, _ := maskToPrefix(n.SubnetMask)
	mode := "dhcp"
	if n.BootProto == "none" {
		mode = "static"
	}
	ipv4 := jobj{{"enabled", true}, {"configurationMode", mode}}
	if c.prof.compliantIPv4 {
		linkLocal := "fallback"
		if !n.ZeroConfEnabled {
			linkLocal = "off"
		} else if !n.ZeroConfFallback {
			linkLocal = "on"
		}
		ipv4 = append(ipv4, jkv{"useStaticDHCPFallback", n.StaticDHCPFallback}, jkv{"linkLocalMode", linkLocal})
	}
	ipv4 = append(ipv4,
		jkv{"addresses", addrs},
		jkv{"maxSupportedStaticAddressConfigurations", 1},
		jkv{"staticAddressConfigurations", []jobj{{{"address", n.IPAddress}, {"prefixLength", bits}, {"broadcast", n.Broadcast}}}},
		jkv{"defaultRouter", c.currentRouterLocked()},
		jkv{"staticDefaultRouter", n.DefaultRouter},
	)
	host := "axis-" + lowerHex(c.cfg.MAC)
	return jobj{
		{"system", jobj{
			{"tcpEcnMode", "acceptAndInitiate"},
			{"deviceSwitching", jobj{{"mode", "auto"}, {"devices", []string{"eth0"}}, {"manualActiveDevices", []string{"eth0"}}, {"activeDevices", []string{"eth0"}}}},
			{"hostname", jobj{{"useDhcpHostname", n.UseDHCPHostName}, {"hostname", n.HostName}, {"staticHostname", n.HostName}}},
			{"resolver", jobj{
				{"useDhcpResolverInfo", n.UseDHCPResolver},
				{"nameServers", nonNil(c.nameServersLocked())},
				{"staticNameServers", nonNil(n.DNSServers)},
				{"maxSupportedStaticNameServers", 3},
				{"searchDomains", nonNil(n.SearchDomains)},
				{"staticSearchDomains", nonNil(n.SearchDomains)},
				{"maxSupportedStaticSearchDomains", 6},
				{"domainName", n.DomainName},
				{"staticDomainName", n.DomainName},
			}},
		}},
		{"devices", []jobj{{
			{"name", "eth0"},
			{"type", "wired"},
			{"macAddress", colonMAC(c.cfg.MAC, true)},
			{"partOfBridge", ""},
			{"link", true},
			{"wired", jobj{{"linkMode", "auto"}, {"8021X", jobj{
				{"enabled", false}, {"status", "Stopped"}, {"mode", "WPA-Enterprise-EAPTLS"},
				{"configurations", []jobj{{{"mode", "WPA-Enterprise-EAPTLS"}, {"params", jobj{{"identity", host}, {"eapolVersion", "EAPoLv3"}}}}}},
				{"supportedModes", []string{"WPA-Enterprise-EAPTLS"}},
			}}}},
			{"IPv4", ipv4},
			{"IPv6", jobj{{"enabled", false}, {"addresses", []string{}}}},
		}}},
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Sub-codes of "Invalid parameter(s)". VAPIX-NS documents 107 in its example;
// the others are the simulator's own numbering of the same kind.
const (
	subDeviceName = 100
	subMode       = 101
	subAddress    = 107
	subRouter     = 108
	subResolver   = 109
	subHostname   = 110
)

func (c *Camera) setIPv4(w http.ResponseWriter, api string, req jsonRequest) {
	var p struct {
		DeviceName                  *string `json:"deviceName"`
		ConfigurationMode           *string `json:"configurationMode"`
		StaticDefaultRouter         *string `json:"staticDefaultRouter"`
		UseStaticDHCPFallback       *bool   `json:"useStaticDHCPFallback"`
		LinkLocalMode               *string `json:"linkLocalMode"`
		StaticAddressConfigurations *[]struct {
			Address      string `json:"address"`
			PrefixLength int    `json:"prefixLength"`
			Broadcast    string `json:"broadcast"`
		} `json:"staticAddressConfigurations"`
	}
	if json.Unmarshal(req.Params, &p) != nil || p.DeviceName == nil {
		c.writeNetError(w, api, req.Context, req.Method, 4003, "Missing parameter(s).", 0)
		return
	}
	bad := func(sub int) { c.writeNetError(w, api, req.Context, req.Method, 4004, "Invalid parameter(s)", sub) }
	if *p.DeviceName != "eth0" {
		bad(subDeviceName)
		return
	}
	c.mu.Lock()
	n := c.net.clone()
	c.mu.Unlock()
	if p.StaticAddressConfigurations != nil {
		cfgs := *p.StaticAddressConfigurations
		if len(cfgs) != 1 || !validIPv4(cfgs[0].Address) || cfgs[0].PrefixLength < 1 || cfgs[0].PrefixLength > 32 ||
			(cfgs[0].Broadcast != "" && !validIPv4(cfgs[0].Broadcast)) {
			bad(subAddress)
			return
		}
		a := cfgs[0]
		n.IPAddress = a.Address
		n.SubnetMask = prefixToMask(a.PrefixLength)
		n.Broadcast = a.Broadcast
		if n.Broadcast == "" {
			n.Broadcast = broadcastOf(a.Address, a.PrefixLength)
		}
	}
	if p.StaticDefaultRouter != nil {
		if *p.StaticDefaultRouter != "" && !validIPv4(*p.StaticDefaultRouter) {
			bad(subRouter)
			return
		}
		n.DefaultRouter = *p.StaticDefaultRouter
	}
	if p.ConfigurationMode != nil {
		switch *p.ConfigurationMode {
		case "static":
			n.BootProto = "none"
		case "dhcp":
			n.BootProto = "dhcp"
		default:
			bad(subMode)
			return
		}
	}
	if p.UseStaticDHCPFallback != nil {
		n.StaticDHCPFallback = *p.UseStaticDHCPFallback
	}
	if p.LinkLocalMode != nil {
		switch *p.LinkLocalMode {
		case "on":
			n.ZeroConfEnabled, n.ZeroConfFallback = true, false
		case "fallback":
			n.ZeroConfEnabled, n.ZeroConfFallback = true, true
		case "off":
			n.ZeroConfEnabled = false
		default:
			bad(subMode)
			return
		}
		n.ZeroConfIPAddress = ""
		if n.ZeroConfEnabled && !(c.prof.compliantIPv4 && n.ZeroConfFallback) {
			n.ZeroConfIPAddress = linkLocalFor(c.cfg.MAC)
		}
	}
	if p.ConfigurationMode == nil && p.StaticAddressConfigurations == nil && p.StaticDefaultRouter == nil &&
		p.UseStaticDHCPFallback == nil && p.LinkLocalMode == nil {
		c.writeNetError(w, api, req.Context, req.Method, 4003, "Missing parameter(s).", 0)
		return
	}
	c.mu.Lock()
	c.setNetworkLocked(n)
	c.mu.Unlock()
	c.writeNet(w, api, req.Context, req.Method, jobj{})
}

func (c *Camera) setResolver(w http.ResponseWriter, api string, req jsonRequest) {
	var p struct {
		UseDhcpResolverInfo *bool     `json:"useDhcpResolverInfo"`
		StaticNameServers   *[]string `json:"staticNameServers"`
		StaticSearchDomains *[]string `json:"staticSearchDomains"`
		StaticDomainName    *string   `json:"staticDomainName"`
	}
	if json.Unmarshal(req.Params, &p) != nil ||
		(p.UseDhcpResolverInfo == nil && p.StaticNameServers == nil && p.StaticSearchDomains == nil && p.StaticDomainName == nil) {
		c.writeNetError(w, api, req.Context, req.Method, 4003, "Missing parameter(s).", 0)
		return
	}
	bad := func() { c.writeNetError(w, api, req.Context, req.Method, 4004, "Invalid parameter(s)", subResolver) }
	c.mu.Lock()
	n := c.net.clone()
	c.mu.Unlock()
	if p.UseDhcpResolverInfo != nil {
		n.UseDHCPResolver = *p.UseDhcpResolverInfo
	}
	if p.StaticNameServers != nil {
		if len(*p.StaticNameServers) > 3 {
			bad()
			return
		}
		for _, s := range *p.StaticNameServers {
			if _, err := netip.ParseAddr(s); err != nil {
				bad()
				return
			}
		}
		n.DNSServers = slices.Clone(*p.StaticNameServers)
	}
	if p.StaticSearchDomains != nil {
		if len(*p.StaticSearchDomains) > 6 {
			bad()
			return
		}
		for _, d := range *p.StaticSearchDomains {
			if !validDomain(d) {
				bad()
				return
			}
		}
		n.SearchDomains = slices.Clone(*p.StaticSearchDomains)
	}
	if p.StaticDomainName != nil {
		if *p.StaticDomainName != "" && !validDomain(*p.StaticDomainName) {
			bad()
			return
		}
		n.DomainName = *p.StaticDomainName
	}
	c.mu.Lock()
	c.setNetworkLocked(n)
	c.mu.Unlock()
	c.writeNet(w, api, req.Context, req.Method, jobj{})
}

func (c *Camera) setHostname(w http.ResponseWriter, api string, req jsonRequest) {
	var p struct {
		UseDhcpHostname *bool   `json:"useDhcpHostname"`
		StaticHostname  *string `json:"staticHostname"`
	}
	if json.Unmarshal(req.Params, &p) != nil || (p.UseDhcpHostname == nil && p.StaticHostname == nil) {
		c.writeNetError(w, api, req.Context, req.Method, 4003, "Missing parameter(s).", 0)
		return
	}
	c.mu.Lock()
	n := c.net.clone()
	c.mu.Unlock()
	if p.UseDhcpHostname != nil {
		n.UseDHCPHostName = *p.UseDhcpHostname
	}
	if p.StaticHostname != nil {
		if !validHostName(*p.StaticHostname) {
			c.writeNetError(w, api, req.Context, req.Method, 4004, "Invalid parameter(s)", subHostname)
			return
		}
		n.HostName = *p.StaticHostname
	}
	c.mu.Lock()
	c.setNetworkLocked(n)
	c.mu.Unlock()
	c.writeNet(w, api, req.Context, req.Method, jobj{})
}

// setNetworkLocked records a new network configuration, visible at once in
// param.cgi and getNetworkInfo.
//
// A real camera moves to the new address right after its reply, and
// connections to the old one die. With an AddrHook the simulator does the
// same (addressing.go); without one it keeps listening where Start bound it
// so tests and demos stay reachable.
func (c *Camera) setNetworkLocked(n NetworkState) {
	c.net = n
	c.scheduleMoveLocked(c.cfg.GoDownAfter)
}

func (c *Camera) writeNet(w http.ResponseWriter, api string, ctx json.RawMessage, method string, data jobj) {
	writeBody(w, http.StatusOK, "application/json", encodeJSON(withContext(jobj{{"apiVersion", api}}, ctx,
		jkv{"method", method}, jkv{"data", data}), indented))
}

func (c *Camera) writeNetError(w http.ResponseWriter, api string, ctx json.RawMessage, method string, code int, msg string, sub int) {
	out := withContext(jobj{{"apiVersion", api}}, ctx)
	if method != "" {
		out = append(out, jkv{"method", method})
	}
	e := jobj{{"code", code}, {"message", msg}}
	if sub != 0 {
		e = append(e, jkv{"details", jobj{{"subCode", sub}}})
	}
	out = append(out, jkv{"error", e})
	writeBody(w, http.StatusOK, "application/json", encodeJSON(out, indented))
}
