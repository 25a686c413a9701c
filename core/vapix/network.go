package vapix

import (
	"context"
	"errors"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
)

// NetworkConfig is the IPv4 setting to apply.
type NetworkConfig struct {
	DHCP    bool
	Address netip.Prefix // static address and prefix length
	Gateway netip.Addr   // optional
	DNS     []netip.Addr // optional, at most 2 used by the param.cgi fallback
}

// String is the setting in short words, as the journal records it:
// "dhcp" or "10.0.4.50/24 gw 10.0.4.1 dns 10.0.4.2".
func (c NetworkConfig) String() string {
	var b strings.Builder
	if c.DHCP {
		b.WriteString("dhcp")
	} else {
		b.WriteString(c.Address.String())
	}
	if c.Gateway.IsValid() {
		b.WriteString(" gw " + c.Gateway.String())
	}
	for i, d := range c.DNS {
		if i == 0 {
			b.WriteString(" dns")
		}
		b.WriteString(" " + d.String())
	}
	return b.String()
}

const (
	networkSettingsPath = "/axis-cgi/network_settings.cgi" // underscore (VAPIX-NS)
	// networkDevice is the wired interface of every camera we know of.
	networkDevice = "eth0"
)

// errJSONMissing sends SetNetwork to the param.cgi fallback.
var errJSONMissing = errors.New("network settings API missing")

// SetNetwork applies cfg: network_settings.cgi first, param.cgi fallback.
// The camera may drop off its old address right after; that counts as
// accepted.
func (c *Client) SetNetwork(ctx context.Context, cfg NetworkConfig) error {
	const op = "change the camera's network settings"
	if err := cfg.Validate(); err != nil {
		return c.located(err, op)
	}
	err := c.setNetworkJSON(ctx, op, cfg)
	if !errors.Is(err, errJSONMissing) {
		return err
	}
	return c.setNetworkParams(ctx, op, cfg)
}

// Validate checks cfg before anything is sent: a camera given an impossible
// address would vanish from the network. Each refusal says why in words a
// caretaker can act on.
func (cfg NetworkConfig) Validate() error {
	fail := func(detail string) error {
		return &Error{Kind: InvalidSettings, Op: "check the network settings", Detail: detail}
	}
	for _, d := range cfg.DNS {
		d = d.Unmap()
		switch {
		case !d.IsValid() || d.IsUnspecified() || d == broadcastAddr:
			return fail("a name server address is not valid.")
		case d.IsLoopback():
			return fail("a name server cannot be " + d.String() + ": that address means \"this device itself\", and the camera runs no name server.")
		case d.IsMulticast():
			return fail("a name server cannot be " + d.String() + ": that is a group (multicast) address, not a server's.")
		}
	}
	if cfg.DHCP {
		return nil
	}
	a := cfg.Address.Addr()
	bits := cfg.Address.Bits()
	switch {
	case !cfg.Address.IsValid() || !a.Is4():
		return fail("the camera address must be an IPv4 address with a prefix length, such as 192.168.1.50/24.")
	case bits < minPrefix:
		return fail("the prefix length /" + strconv.Itoa(bits) + " describes a network larger than any real one; use the one of your network, such as /24 (subnet mask 255.255.255.0).")
	case bits > maxPrefix:
		return fail("with the prefix length /" + strconv.Itoa(bits) + " the camera's network would be too small to hold both a router and this computer; use the one of your network, such as /24 (subnet mask 255.255.255.0).")
	case a.IsUnspecified() || a.IsLoopback() || a.IsMulticast() || a == broadcastAddr:
		return fail("the camera address cannot be used for a device.")
	case a.IsLinkLocalUnicast():
		return fail("addresses 169.254.x.x are the ones devices pick for themselves when nothing gives them one; they cannot be set as a fixed address. Choose DHCP or an address of your network.")
	case a == cfg.Address.Masked().Addr() || a == broadcastOf(cfg.Address):
		return fail("the camera address is the network's own or broadcast address.")
	}
	if cfg.Gateway.IsValid() {
		g := cfg.Gateway.Unmap()
		switch {
		case !g.Is4():
			return fail("the gateway must be an IPv4 address.")
		case g.IsLoopback():
			return fail("the gateway cannot be " + g.String() + ": that address means \"this device itself\".")
		case g.IsMulticast() || g.IsUnspecified() || g == broadcastAddr:
			return fail("the gateway cannot be " + g.String() + ": that is not the address of a router.")
		case g == a:
			return fail("the gateway cannot be the camera's own address.")
		case !netip.PrefixFrom(a, bits).Masked().Contains(g):
			return fail("the gateway is not on the camera's network.")
		case g == cfg.Address.Masked().Addr() || g == broadcastOf(cfg.Address):
			return fail("the gateway is the network's own or broadcast address, not a router's.")
		}
	}
	return nil
}

// The prefix lengths a camera's static address may have. A /8 is the
// largest network anyone runs; a /31 or /32 has no room for both a gateway
// and the computer that sets the camera up.
const (
	minPrefix = 8
	maxPrefix = 30
)

var broadcastAddr = netip.AddrFrom4([4]byte{255, 255, 255, 255})

func broadcastOf(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().Unmap().As4()
	host := uint32(0xffffffff) >> uint(p.Bits())
	if p.Bits() == 32 {
		host = 0
	}
	n := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	n |= host
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)})
}

func maskOf(bits int) netip.Addr {
	m := uint32(0)
	if bits > 0 {
		m = ^uint32(0) << uint(32-bits)
	}
	return netip.AddrFrom4([4]byte{byte(m >> 24), byte(m >> 16), byte(m >> 8), byte(m)})
}

func (c *Client) setNetworkJSON(ctx context.Context, op string, cfg NetworkConfig) error {
	// Name servers first: once the address changes, this one is gone.
	if resolver := resolverParams(cfg); resolver != nil {
		req := apiRequest{APIVersion: "1.0", Context: requestContext, Method: "setResolverConfiguration", Params: resolver}
		if err := c.networkCall(ctx, op, req, false); err != nil {
			return err
		}
	}
	params := map[string]any{"deviceName": networkDevice}
	if cfg.DHCP {
		params["configurationMode"] = "dhcp"
	} else {
		a := cfg.Address.Addr()
		params["configurationMode"] = "static"
		conf := map[string]any{"address": a.String(), "prefixLength": cfg.Address.Bits()}
		if cfg.Address.Bits() <= 30 {
			conf["broadcast"] = broadcastOf(cfg.Address).String()
		}
		params["staticAddressConfigurations"] = []any{conf}
		if cfg.Gateway.IsValid() {
			params["staticDefaultRouter"] = cfg.Gateway.Unmap().String()
		}
	}
	req := apiRequest{APIVersion: "1.0", Context: requestContext, Method: "setIPv4AddressConfiguration", Params: params}
	return c.networkCall(ctx, op, req, true)
}

func resolverParams(cfg NetworkConfig) map[string]any {
	if len(cfg.DNS) > 0 {
		servers := make([]string, len(cfg.DNS))
		for i, d := range cfg.DNS {
			servers[i] = d.Unmap().String()
		}
		return map[string]any{"useDhcpResolverInfo": false, "staticNameServers": servers}
	}
	if cfg.DHCP {
		return map[string]any{"useDhcpResolverInfo": true}
	}
	return nil
}

// netAPIMissing: network_settings.cgi numbers its own errors; 4000 "method
// does not exist" and 4001 "version not supported" [I] mean this firmware's
// API is too old for the request, so param.cgi takes over.
func netAPIMissing(code int) bool { return code == 4000 || code == 4001 }

func (c *Client) networkCall(ctx context.Context, op string, req apiRequest, dropOK bool) error {
	ar, r, err := c.callJSON(ctx, call{op: op, path: networkSettingsPath, auth: true, dropOK: dropOK}, req)
	switch {
	case err != nil && KindOf(err) == Unsupported && r.status == http.StatusNotFound:
		return errJSONMissing
	case err != nil:
		return err
	case r.dropped || ar.Error == nil:
		return nil
	case apiMissing(int(ar.Error.Code)) || netAPIMissing(int(ar.Error.Code)):
		return errJSONMissing
	}
	return &Error{Kind: CameraRefused, Op: op, Host: c.host, Detail: ar.Error.String()}
}

// setNetworkParams is the legacy path (VAPIX-NP), for firmware without
// network_settings.cgi. Name servers go first, in their own update, for the
// same reason as above.
func (c *Client) setNetworkParams(ctx context.Context, op string, cfg NetworkConfig) error {
	// Network.Resolver.ObtainFromDHCP decides whether DNSServer1/2 apply
	// [I: not in every firmware's parameter list]: when the camera refuses
	// it, the update is repeated without it.
	var dns []Param
	for i, d := range cfg.DNS {
		if i == 2 {
			break
		}
		dns = append(dns, Param{"Network.DNSServer" + strconv.Itoa(i+1), d.Unmap().String()})
	}
	switch {
	case len(dns) > 0:
		err := c.updateParams(ctx, op, append([]Param{{"Network.Resolver.ObtainFromDHCP", "no"}}, dns...), false)
		if KindOf(err) == CameraRefused {
			err = c.updateParams(ctx, op, dns, false)
		}
		if err != nil {
			return err
		}
	case cfg.DHCP:
		err := c.updateParams(ctx, op, []Param{{"Network.Resolver.ObtainFromDHCP", "yes"}}, false)
		if err != nil && KindOf(err) != CameraRefused {
			return err
		}
	}
	if cfg.DHCP {
		return c.updateParams(ctx, op, []Param{{"Network.BootProto", "dhcp"}}, true)
	}
	a := cfg.Address.Addr()
	params := []Param{
		{"Network.BootProto", "none"},
		{"Network.IPAddress", a.String()},
		{"Network.SubnetMask", maskOf(cfg.Address.Bits()).String()},
	}
	if cfg.Address.Bits() <= 30 {
		params = append(params, Param{"Network.Broadcast", broadcastOf(cfg.Address).String()})
	}
	if cfg.Gateway.IsValid() {
		params = append(params, Param{"Network.DefaultRouter", cfg.Gateway.Unmap().String()})
	}
	return c.updateParams(ctx, op, params, true)
}

// updateParams is param.cgi?action=update. dropOK: the update moves the
// camera, so a connection lost after sending counts as done.
func (c *Client) updateParams(ctx context.Context, op string, params []Param, dropOK bool) error {
	var q strings.Builder
	q.WriteString("action=update")
	for _, p := range params {
		q.WriteString("&" + escapeQueryValue(p.Name) + "=" + escapeQueryValue(p.Value))
	}
	r, err := c.do(ctx, call{op: op, method: http.MethodGet, path: paramPath, query: q.String(), auth: true, dropOK: dropOK, limit: jsonLimit})
	switch {
	case err != nil:
		return err
	case r.dropped:
		return nil
	case r.status != http.StatusOK:
		return c.statusError(op, r)
	}
	if ok, detail := parseUpdateReply(r.body); !ok {
		return &Error{Kind: CameraRefused, Op: op, Host: c.host, Detail: detail}
	}
	return nil
}
