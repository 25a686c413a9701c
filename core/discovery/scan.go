package discovery

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sync"
	"time"
)

// MaxScanAddresses is the largest range Scan accepts: a /22.
const MaxScanAddresses = 1024

// ErrScanTooLarge is returned for a range wider than a /22.
var ErrScanTooLarge = errors.New("address range too large: at most 1024 addresses (a /22)")

// scanSlots bounds how many addresses one Scan knocks on at once.
const scanSlots = 64

// Scan probes every address of prefix (at most a /22) for cameras behind
// routers or switches that filter multicast. progress, if set, is called
// after each address with the number done and the total, one call at a
// time and in order. It returns how many cameras answered. Cancelled, it
// returns at once: probes still under way finish on their own, still add
// what they find to the list, but no longer report progress.
func (e *Engine) Scan(ctx context.Context, prefix netip.Prefix, progress func(done, total int)) (int, error) {
	run := e.run.Load()
	if run == nil {
		return 0, &Error{Kind: NotRunning, Host: prefix.String()}
	}
	addrs, err := ScanAddresses(prefix)
	if err != nil {
		return 0, err
	}
	var (
		mu       sync.Mutex
		done     int
		found    int
		returned bool
		wg       sync.WaitGroup
	)
	finish := func(answered bool) {
		mu.Lock()
		defer mu.Unlock()
		if returned {
			return
		}
		done++
		if answered {
			found++
		}
		if progress != nil {
			progress(done, len(addrs))
		}
	}
	sem := make(chan struct{}, scanSlots)
	dialer := net.Dialer{Timeout: 700 * time.Millisecond}
dispatch:
	for _, a := range addrs {
		// A slot may stay busy past the cancel (a probe that is slow to
		// give up), so waiting for one must not outlast the caller.
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			break dispatch
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			ap := netip.AddrPortFrom(a, e.scanPort)
			// A plain connect first: most addresses in a range are empty,
			// and a refused or silent one costs no HTTP exchange.
			c, err := dialer.DialContext(ctx, "tcp", ap.String())
			if err != nil {
				finish(false)
				return
			}
			c.Close()
			_, err = e.probeAddress(ctx, run, ap, SourceScan)
			finish(err == nil)
		}()
	}
	all := make(chan struct{})
	go func() {
		wg.Wait()
		close(all)
	}()
	select {
	case <-all:
	case <-ctx.Done():
	}
	mu.Lock()
	defer mu.Unlock()
	returned = true
	return found, ctx.Err()
}

// ScanAddresses lists the host addresses of an IPv4 prefix (without the
// network and broadcast addresses when there are any), refusing more than
// MaxScanAddresses.
func ScanAddresses(prefix netip.Prefix) ([]netip.Addr, error) {
	if !prefix.IsValid() || !prefix.Addr().Is4() {
		return nil, fmt.Errorf("%v is not an IPv4 address range", prefix)
	}
	prefix = prefix.Masked()
	bits := 32 - prefix.Bits()
	if bits > 10 {
		return nil, ErrScanTooLarge
	}
	n := 1 << bits
	out := make([]netip.Addr, 0, n)
	a := prefix.Addr()
	for i := 0; i < n; i++ {
		if bits < 2 || (i != 0 && i != n-1) {
			out = append(out, a)
		}
		a = a.Next()
	}
	return out, nil
}
