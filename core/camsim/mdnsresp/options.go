package mdnsresp

import (
	"math/rand/v2"
	"net"
)

// Options configure a Responder. The zero value is usable.
type Options struct {
	// Interfaces to join 224.0.0.251 on. Default: every interface that is
	// up, multicast-capable and has an IPv4 address.
	Interfaces []net.Interface
	// Rand drives the answer delays. Default: a randomly seeded source.
	// Tests may pass a seeded one; it is used under a lock.
	Rand rand.Source
	// Logf is an optional debug log.
	Logf func(format string, args ...any)
}

func (o Options) logf(format string, args ...any) {
	if o.Logf != nil {
		o.Logf(format, args...)
	}
}
