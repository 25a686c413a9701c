package ssdpresp

import (
	"math/rand/v2"
	"net"
	"time"
)

// Options configure a Responder. The zero value is usable.
type Options struct {
	// Interfaces to join 239.255.255.250 on. Default: every interface that
	// is up, multicast-capable and has an IPv4 address.
	Interfaces []net.Interface
	// EnableOnGen12 lets 12.x cameras speak SSDP; AXIS OS 12 has it off by
	// default (docs/protocol.md, Discovery).
	EnableOnGen12 bool
	// AliveInterval is how often each camera repeats its ssdp:alive
	// NOTIFYs. Default: 900 s, half of max-age.
	AliveInterval time.Duration
	// DescriptionPort is where every camera serves /rootdesc1.xml, on its
	// own address. Default: 49152 (libupnp's), or an ephemeral port when
	// that is taken.
	DescriptionPort int
	// Rand drives the reply delays. Default: a randomly seeded source.
	Rand rand.Source
	// Logf is an optional debug log.
	Logf func(format string, args ...any)
}

// DefaultAliveInterval is half of the advertised max-age.
const DefaultAliveInterval = maxAge * time.Second / 2

func (o Options) logf(format string, args ...any) {
	if o.Logf != nil {
		o.Logf(format, args...)
	}
}
