package demo

import (
	"context"
	"net/netip"
	"slices"
	"sync"

	"github.com/openipu/openipu/core/hostaddr"
	"github.com/openipu/openipu/core/netif"
)

// secondAddress gives the simulated computer a second address, as
// hostaddr.System gives the real one: the office's engine sees it at its
// next look at the computer's connections, and cameras on that network are
// then diagnosed as reachable. Nothing of the real computer changes.
type secondAddress struct{ n *Network }

var _ hostaddr.Adder = secondAddress{}

func (s secondAddress) Add(ctx context.Context, iface string, p netip.Prefix) (hostaddr.Added, error) {
	n := s.n
	fail := func(k hostaddr.Kind, detail string) error {
		return &hostaddr.Error{Kind: k, Op: "add", Addr: p.Addr().String(), Interface: iface, Detail: detail, Err: ctx.Err()}
	}
	if ctx.Err() != nil {
		return nil, fail(hostaddr.Canceled, "")
	}
	n.localMu.Lock()
	defer n.localMu.Unlock()
	i := slices.IndexFunc(n.local, func(i netif.Interface) bool { return i.Name == iface })
	if i < 0 {
		return nil, fail(hostaddr.NotPossible, "the simulated computer has no connection "+iface)
	}
	if !slices.Contains(n.local[i].Prefixes, p) {
		n.local[i].Prefixes = append(slices.Clone(n.local[i].Prefixes), p)
	}
	n.opts.Logf("demo: the simulated computer has %s on %s too", p, iface)
	return &removeSecond{n: n, iface: iface, p: p}, nil
}

type removeSecond struct {
	n     *Network
	iface string
	p     netip.Prefix
	once  sync.Once
}

func (r *removeSecond) Remove(context.Context) error {
	r.once.Do(func() {
		r.n.localMu.Lock()
		defer r.n.localMu.Unlock()
		for i := range r.n.local {
			if r.n.local[i].Name == r.iface {
				r.n.local[i].Prefixes = slices.DeleteFunc(slices.Clone(r.n.local[i].Prefixes), func(q netip.Prefix) bool { return q == r.p })
			}
		}
		r.n.opts.Logf("demo: the simulated computer no longer has %s", r.p)
	})
	return nil
}
