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

// Scan probes every address of prefix (at most a /22) for cameras behind
// routers or switches that filter multicast. progress, if set, is called
// after each address with the number done and the total. It returns how
// many cameras answered.
func (e *Engine) Scan(ctx context.Context, prefix netip.Prefix, progress func(done, total int)) (int, error) {
	run := e.run.Load()
	if run == nil {
		return 0, errors.New("discovery engine not running")
	}
	addrs, err := ScanAddresses(prefix)
	if err != nil {
		return 0, err
	}
	var (
		mu    sync.Mutex
		done  int
		found int
		wg    sync.WaitGroup
	)
	sem := make(chan struct{}, 64)
	dialer := net.Dialer{Timeout: 700 * time.Millisecond}
	for _, a := range addrs {
		if ctx.Err() != nil {
			break
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			ap := netip.AddrPortFrom(a, 80)
			// A plain connect first: most addresses in a range are empty,
			// and a refused or silent one costs no HTTP exchange.
			if c, err := dialer.DialContext(ctx, "tcp", ap.String()); err == nil {
				c.Close()
				if _, err := e.probeAddress(ctx, run, ap, SourceScan); err == nil {
					mu.Lock()
					found++
					mu.Unlock()
				}
			}
			mu.Lock()
			done++
			d := done
			mu.Unlock()
			if progress != nil {
				progress(d, len(addrs))
			}
		}()
	}
	wg.Wait()
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
