package camsim

import (
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// serveParam is param.cgi (VAPIX-PM): action=list with optional groups, and
// action=update. Errors come back as "# Error: ..." text with HTTP 200, as
// recorded.
func (c *Camera) serveParam(w http.ResponseWriter, r *http.Request) {
	args, err := formArgs(w, r)
	if err != nil {
		writeApache(w, http.StatusBadRequest, apache400)
		return
	}
	switch args.Get("action") {
	case "list":
		if !c.authorize(w, r, roleOperator) {
			return
		}
		c.listParams(w, args.Get("group"))
	case "update":
		if !c.authorize(w, r, roleAdmin) {
			return
		}
		c.updateParams(w, args)
	default:
		if !c.authorize(w, r, roleOperator) {
			return
		}
		writeBody(w, http.StatusOK, "text/plain", []byte("# Error: Unknown action '"+args.Get("action")+"'\n"))
	}
}

func (c *Camera) listParams(w http.ResponseWriter, groups string) {
	values := c.currentParams()
	var b strings.Builder
	if groups == "" {
		for _, p := range values {
			b.WriteString("root." + p.name + "=" + p.value + "\n")
		}
		writeBody(w, http.StatusOK, "text/plain", []byte(b.String()))
		return
	}
	for _, g := range strings.Split(groups, ",") {
		prefix := strings.TrimPrefix(g, "root.")
		n := 0
		for _, p := range values {
			if p.name == prefix || strings.HasPrefix(p.name, prefix+".") {
				b.WriteString("root." + p.name + "=" + p.value + "\n")
				n++
			}
		}
		if n == 0 || prefix == "" {
			b.WriteString("# Error: Error -1 getting param in group '" + g + "'\n")
		}
	}
	writeBody(w, http.StatusOK, "text/plain", []byte(b.String()))
}

type paramValue struct{ name, value string }

// currentParams resolves the generation's table against this camera's state.
func (c *Camera) currentParams() []paramValue {
	defs := paramDefs[c.cfg.Generation]()
	c.mu.Lock()
	dyn := c.paramValuesLocked()
	overrides := make(map[string]string, len(c.overrides))
	for k, v := range c.overrides {
		overrides[k] = v
	}
	c.mu.Unlock()
	out := make([]paramValue, len(defs))
	for i, d := range defs {
		v := d.value
		if d.dyn != "" {
			v = dyn[d.dyn]
		}
		if o, ok := overrides[d.name]; ok {
			v = o
		}
		out[i] = paramValue{d.name, v}
	}
	return out
}

// paramValuesLocked fills the table's placeholders.
func (c *Camera) paramValuesLocked() map[string]string {
	m := c.model
	n := c.net
	cur := c.currentAddressLocked()
	dns := func(i int) string {
		if i < len(n.DNSServers) {
			return n.DNSServers[i]
		}
		return "0.0.0.0"
	}
	ns := c.nameServersLocked()
	nsAt := func(i int) string {
		if i < len(ns) {
			return ns[i]
		}
		return ""
	}
	zcMask := ""
	if n.ZeroConfIPAddress != "" {
		zcMask = "255.255.0.0"
	}
	throttling := "Off"
	if c.lockoutEnabledLocked() {
		throttling = "On"
	}
	rootPwdSet := yesNo(!c.needsSetupLocked())
	values := map[string]string{
		"ProdFullName":       m.fullName(),
		"ProdNbr":            m.ProdNbr,
		"ProdShortName":      m.shortName(),
		"ProdType":           m.ProdType,
		"ProdVariant":        m.ProdVariant,
		"WebURL":             c.webURL(),
		"BootProto":          n.BootProto,
		"Broadcast":          n.Broadcast,
		"DefaultRouter":      n.DefaultRouter,
		"DNSServer1":         dns(0),
		"DNSServer2":         dns(1),
		"HostName":           n.HostName,
		"DomainName":         n.DomainName,
		"Search":             strings.Join(n.SearchDomains, ","),
		"IPAddress":          n.IPAddress,
		"SubnetMask":         n.SubnetMask,
		"BonjourName":        c.bonjourNameLocked(),
		"VendorClass":        "AXIS," + m.ProdType + "," + m.ProdNbr + "," + c.prof.firmware,
		"CurBroadcast":       broadcastOf(cur.Addr().String(), cur.Bits()),
		"CurIPAddress":       cur.Addr().String(),
		"CurSubnetMask":      prefixToMask(cur.Bits()),
		"MACColon":           colonMAC(c.cfg.MAC, false),
		"FactoryHostName":    "axis-" + lowerHex(c.cfg.MAC),
		"NameServer1":        nsAt(0),
		"NameServer2":        nsAt(1),
		"NameServerList":     strings.Join(ns, ","),
		"ResolverDHCP":       yesNo(n.UseDHCPResolver),
		"CurRouter":          c.currentRouterLocked(),
		"UPnPName":           c.upnpNameLocked(),
		"VolatileHostName":   n.HostName,
		"HostNameDHCP":       yesNo(n.UseDHCPHostName),
		"ZeroConfEnabled":    yesNo(n.ZeroConfEnabled),
		"ZeroConfFallback":   yesNo(n.ZeroConfFallback),
		"ZeroConfIPAddress":  n.ZeroConfIPAddress,
		"ZeroConfSubnetMask": zcMask,
		"RootPwdSet":         rootPwdSet,
		"BuildDate":          c.prof.buildDate,
		"FirmwareVersion":    c.prof.firmware,
		"FwmgrVersion":       c.prof.fwmgrAPI,
		"Architecture":       m.Architecture,
		"HardwareID":         m.HardwareID,
		"SerialNumber":       c.cfg.MAC,
		"Soc":                m.Soc,
		"Throttling":         throttling,
		"DoSBlockingPeriod":  strconv.Itoa(int(c.cfg.LockoutFor.Seconds())),
		"DoSPageCount":       strconv.Itoa(c.cfg.LockoutFailures),
	}
	c.clock.paramValues(values)
	return values
}

// currentAddressLocked is the address the camera uses on its network. The
// simulator plays its own DHCP server: the lease is the address it listens on.
func (c *Camera) currentAddressLocked() netip.Prefix {
	if c.net.BootProto == "none" {
		bits, ok := maskToPrefix(c.net.SubnetMask)
		a, err := netip.ParseAddr(c.net.IPAddress)
		if ok && err == nil {
			return netip.PrefixFrom(a, bits)
		}
	}
	a := c.httpBind.Addr()
	if !a.Is4() || a.IsUnspecified() {
		a = netip.MustParseAddr("127.0.0.1")
	}
	return netip.PrefixFrom(a, 24)
}

// dhcpRouterLocked is the router the simulated DHCP server hands out: .1 of
// the lease's /24.
func (c *Camera) dhcpRouterLocked() string {
	p := c.currentAddressLocked().Masked()
	return p.Addr().Next().String()
}

func (c *Camera) currentRouterLocked() string {
	if c.net.BootProto == "none" {
		return c.net.DefaultRouter
	}
	return c.dhcpRouterLocked()
}

func (c *Camera) nameServersLocked() []string {
	if c.net.UseDHCPResolver && c.net.BootProto == "dhcp" {
		return []string{c.dhcpRouterLocked()}
	}
	return slices.Clone(c.net.DNSServers)
}

// readOnlyParam reports parameters that describe the device rather than
// configure it.
func readOnlyParam(name string) bool {
	for _, p := range []string{"Properties.", "Brand.", "Network.eth0.", "BasicDeviceInfo."} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	switch name {
	case "Network.VolatileHostName.HostName", "Network.ZeroConf.IPAddress", "Network.ZeroConf.SubnetMask",
		"Network.DHCP.VendorClass", "Network.Resolver.NameServer1", "Network.Resolver.NameServer2",
		"Network.Resolver.NameServerList", "Network.Routing.DefaultRouter", "System.RootPwdSet":
		return true
	}
	return false
}

// updateParams applies action=update: all or nothing, "OK" or the error for
// the first value that cannot be set.
func (c *Camera) updateParams(w http.ResponseWriter, args url.Values) {
	current := map[string]string{}
	for _, p := range c.currentParams() {
		current[p.name] = p.value
	}
	type change struct{ given, name, value string }
	var changes []change
	for given, vals := range args {
		if given == "action" || len(vals) == 0 {
			continue
		}
		changes = append(changes, change{given, strings.TrimPrefix(given, "root."), vals[len(vals)-1]})
	}
	slices.SortFunc(changes, func(a, b change) int { return strings.Compare(a.name, b.name) })

	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.net.clone()
	clk := c.clock.clone()
	overrides := map[string]string{}
	setBroadcast := false
	for _, ch := range changes {
		old, known := current[ch.name]
		ok := known && !readOnlyParam(ch.name)
		if ok {
			ok = applyNetworkParam(c.prof, c.cfg.MAC, &n, ch.name, ch.value, &setBroadcast)
		}
		switch {
		case ok && timeParams[ch.name]:
			ok = applyTimeParam(&clk, ch.name, ch.value)
		case ok && !networkParams[ch.name]:
			ok = validOverride(ch.name, old, ch.value)
			overrides[ch.name] = ch.value
		}
		if !ok {
			writeBody(w, http.StatusOK, "text/plain", []byte("# Error: Error setting '"+ch.given+"' to '"+ch.value+"'!"))
			return
		}
	}
	if !setBroadcast {
		if bits, ok := maskToPrefix(n.SubnetMask); ok && (n.IPAddress != c.net.IPAddress || n.SubnetMask != c.net.SubnetMask) {
			n.Broadcast = broadcastOf(n.IPAddress, bits)
		}
	}
	c.setNetworkLocked(n)
	clk.syncLocked()
	c.clock = clk
	for k, v := range overrides {
		c.overrides[k] = v
	}
	writeBody(w, http.StatusOK, "text/plain", []byte("OK"))
}

// networkParams are modelled by NetworkState; every other writable
// parameter is stored as given in the camera's overrides.
var networkParams = map[string]bool{
	"Network.BootProto": true, "Network.IPAddress": true, "Network.SubnetMask": true, "Network.Broadcast": true,
	"Network.DefaultRouter": true, "Network.DNSServer1": true, "Network.DomainName": true, "Network.DNSServer2": true, "Network.HostName": true,
	"Network.Resolver.ObtainFromDHCP": true, "Network.VolatileHostName.ObtainFromDHCP": true,
	"Network.ZeroConf.Enabled": true, "Network.ZeroConf.Fallback": true,
}

// applyNetworkParam maps a Network.* update onto the network state; other
// names pass through unchanged. It reports whether the value is acceptable.
func applyNetworkParam(p *profile, mac string, n *NetworkState, name, value string, setBroadcast *bool) bool {
	switch name {
	case "Network.BootProto":
		if value != "dhcp" && value != "none" {
			return false
		}
		n.BootProto = value
	case "Network.IPAddress":
		if !validIPv4(value) {
			return false
		}
		n.IPAddress = value
	case "Network.SubnetMask":
		if _, ok := maskToPrefix(value); !ok {
			return false
		}
		n.SubnetMask = value
	case "Network.Broadcast":
		if !validIPv4(value) {
			return false
		}
		n.Broadcast, *setBroadcast = value, true
	case "Network.DefaultRouter":
		if !validIPv4(value) {
			return false
		}
		n.DefaultRouter = value
	case "Network.DNSServer1", "Network.DNSServer2":
		if !validIPv4(value) {
			return false
		}
		servers := [2]string{}
		copy(servers[:], n.DNSServers)
		servers[name[len(name)-1]-'1'] = value
		n.DNSServers = n.DNSServers[:0]
		for _, s := range servers {
			if s != "" && s != "0.0.0.0" {
				n.DNSServers = append(n.DNSServers, s)
			}
		}
	case "Network.DomainName":
		if value != "" && !validDomain(value) {
			return false
		}
		n.DomainName = value
	case "Network.HostName":
		if !validHostName(value) {
			return false
		}
		n.HostName = value
	case "Network.Resolver.ObtainFromDHCP", "Network.VolatileHostName.ObtainFromDHCP",
		"Network.ZeroConf.Enabled", "Network.ZeroConf.Fallback":
		if value != "yes" && value != "no" {
			return false
		}
		on := value == "yes"
		switch name {
		case "Network.Resolver.ObtainFromDHCP":
			n.UseDHCPResolver = on
		case "Network.VolatileHostName.ObtainFromDHCP":
			n.UseDHCPHostName = on
		case "Network.ZeroConf.Enabled":
			n.ZeroConfEnabled = on
		case "Network.ZeroConf.Fallback":
			n.ZeroConfFallback = on
		}
		n.ZeroConfIPAddress = ""
		if n.ZeroConfEnabled && !(p.compliantIPv4 && n.ZeroConfFallback) {
			n.ZeroConfIPAddress = linkLocalFor(mac)
		}
	}
	return true
}

// validOverride checks the few values the simulator acts on, and keeps
// yes/no parameters yes/no.
func validOverride(name, old, value string) bool {
	switch name {
	case "Network.HTTP.AuthenticationPolicy":
		return value == "recommended" || value == "basic" || value == "digest" || value == "basic_digest"
	case "System.PreventDoSAttack.ActivatePasswordThrottling":
		return value == "On" || value == "Off"
	case "Network.Bonjour.FriendlyName", "Network.UPnP.FriendlyName":
		return validFriendlyName(value)
	}
	if old == "yes" || old == "no" {
		return value == "yes" || value == "no"
	}
	return true
}

func validHostName(s string) bool {
	if s == "" || len(s) > 63 {
		return false
	}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if !(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '-') {
			return false
		}
	}
	return s[0] != '-' && s[len(s)-1] != '-'
}

func validDomain(s string) bool {
	for _, label := range strings.Split(s, ".") {
		if !validHostName(label) {
			return false
		}
	}
	return len(s) <= 253
}
