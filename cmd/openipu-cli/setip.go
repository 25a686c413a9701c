package main

import (
	"context"
	"net/netip"
	"strings"

	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
)

var setIPCommand = &command{
	name:    "set-ip",
	args:    "HOST[:PORT] --user NAME (--static A.B.C.D/NN [--gateway G] [--dns D]... | --dhcp) [options]",
	summary: "Give the camera a fixed IP address, or let it take one from DHCP.",
	help: `The camera stops answering at its old address right away. With --static, this
computer must be on the same network as the new address to reach it again.`,
	flags: func() *flagSet { return new(setIPFlags).flagSet() },
	run:   runSetIP,
}

type setIPFlags struct {
	options
	static, gateway string
	dns             stringList
	dhcp            bool
}

func (f *setIPFlags) flagSet() *flagSet {
	fs := newFlagSet("set-ip", &f.options, logInUsage)
	fs.StringVar(&f.static, "static", "", "The new address `A.B.C.D/NN` with its prefix length, such as "+
		"192.168.1.50/24 (/24 is the subnet mask 255.255.255.0).")
	fs.StringVar(&f.gateway, "gateway", "", "The router's address `G`, on the same network as the new address (optional).")
	fs.Var(&f.dns, "dns", "A name server's address `D`; give it up to twice (optional).")
	fs.BoolVar(&f.dhcp, "dhcp", false, "Take the address from the network's DHCP server instead.")
	return fs
}

// maxDNS is what every camera accepts: the param.cgi fallback has two slots.
const maxDNS = 2

type setIPResult struct {
	OK      bool       `json:"ok"`
	Camera  jsonCamera `json:"camera"`
	DHCP    bool       `json:"dhcp"`
	Address string     `json:"address,omitempty"`
	Gateway string     `json:"gateway,omitempty"`
	DNS     []string   `json:"dns,omitempty"`
}

func runSetIP(ctx context.Context, c *cli, args []string) error {
	var f setIPFlags
	target, err := c.parseTarget(f.flagSet(), &f.options, args)
	if err != nil {
		return err
	}
	cfg, err := networkConfig(f.static, f.gateway, f.dns, f.dhcp)
	if err != nil {
		return err
	}
	if err := requireUser(&f.options); err != nil {
		return err
	}
	s, err := c.open(target, &f.options, true)
	if err != nil {
		return err
	}
	defer s.close()
	return setIP(ctx, s, cfg)
}

// networkConfig turns the flags into a setting, refusing anything that would
// make the camera unreachable before a single byte is sent.
func networkConfig(static, gateway string, dns []string, dhcp bool) (vapix.NetworkConfig, error) {
	var cfg vapix.NetworkConfig
	switch {
	case dhcp && static != "":
		return cfg, usageErrorf("choose either --static or --dhcp, not both")
	case !dhcp && static == "":
		return cfg, usageErrorf("choose --static A.B.C.D/NN (a fixed address) or --dhcp (an address from the network's DHCP server)")
	case dhcp && gateway != "":
		return cfg, usageErrorf("--gateway goes with --static; with --dhcp the DHCP server gives the gateway")
	case len(dns) > maxDNS:
		return cfg, usageErrorf("give at most %d --dns servers", maxDNS)
	}
	cfg.DHCP = dhcp
	if static != "" {
		if !strings.Contains(static, "/") {
			return cfg, usageErrorf("--static needs the prefix length after the address, such as %s/24 (for the subnet mask 255.255.255.0)", static)
		}
		p, err := netip.ParsePrefix(static)
		if err != nil || !p.Addr().Is4() {
			return cfg, usageErrorf("--static must be an IPv4 address with its prefix length, such as 192.168.1.50/24")
		}
		cfg.Address = p
	}
	if gateway != "" {
		g, err := netip.ParseAddr(gateway)
		if err != nil {
			return cfg, usageErrorf("--gateway must be an IPv4 address such as 192.168.1.1")
		}
		cfg.Gateway = g
	}
	for _, d := range dns {
		a, err := netip.ParseAddr(d)
		if err != nil {
			return cfg, usageErrorf("--dns must be an IP address such as 192.168.1.1")
		}
		cfg.DNS = append(cfg.DNS, a)
	}
	if err := cfg.Validate(); err != nil {
		return cfg, &badInput{err: err}
	}
	return cfg, nil
}

func setIP(ctx context.Context, s *session, cfg vapix.NetworkConfig) error {
	oldHost := hostOnly(s.host())
	warned := false
	progress := func(p workflow.Progress) {
		if p.Step != workflow.StepSending || warned {
			return
		}
		warned = true
		switch {
		case cfg.DHCP:
			s.progress("The camera will ask the network's DHCP server for an address and stop answering at %s.", oldHost)
		case cfg.Address.Addr().String() != oldHost:
			s.progress("The camera will move to %s and stop answering at %s. To reach it, this computer must be on the same network as %s.", cfg.Address.Addr(), oldHost, cfg.Address)
		}
	}
	r, err := workflow.ChangeNetwork(ctx, s.env, s.target, s.login(), cfg, workflow.Follow{}, progress)
	if err != nil {
		return err
	}
	res := setIPResult{OK: true, Camera: s.jsonCamera(r.Identity), DHCP: cfg.DHCP}
	if cfg.DHCP {
		s.say("%s accepted: it now takes its address from the DHCP server. Find it again with the OpenIPU app, or in the DHCP server's list of devices.", s.name(r.Identity))
	} else {
		res.Address = cfg.Address.String()
		s.say("%s accepted the new address %s. From now on, reach it at %s, for example: openipu-cli info %s", s.name(r.Identity), cfg.Address, cfg.Address.Addr(), cfg.Address.Addr())
	}
	if cfg.Gateway.IsValid() {
		res.Gateway = cfg.Gateway.String()
	}
	for _, d := range cfg.DNS {
		res.DNS = append(res.DNS, d.String())
	}
	s.emit(res)
	return nil
}
