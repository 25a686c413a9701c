package addrplan

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// ParseMask reads a subnet mask as people type it: dotted, as routers show
// it ("255.255.255.0"), or as a prefix length ("/24" or "24"). Only masks
// a plan accepts (MinBits..MaxBits) are read; anything else is a BadMask
// error that holds nothing of the text.
func ParseMask(s string) (bits int, err error) {
	s = strings.TrimSpace(s)
	bad := &Error{Kind: BadMask}
	if strings.Contains(s, ".") {
		a, perr := netip.ParseAddr(s)
		if perr != nil || !a.Is4() {
			return 0, bad
		}
		b := a.As4()
		m := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
		// A mask is ones then zeros: inverted, plus one, a power of two.
		if inv := ^m; inv&(inv+1) != 0 {
			return 0, bad
		}
		bits = 0
		for m != 0 {
			m <<= 1
			bits++
		}
	} else {
		digits := strings.TrimPrefix(s, "/")
		if digits == "" || len(digits) > 2 || strings.TrimLeft(digits, "0123456789") != "" {
			return 0, bad
		}
		bits, _ = strconv.Atoi(digits)
	}
	if bits < MinBits || bits > MaxBits {
		return 0, bad
	}
	return bits, nil
}

// MaskText is the dotted subnet mask of a prefix length, as routers'
// settings pages show it.
func MaskText(bits int) string {
	bits = min(max(bits, 0), 32)
	m := uint32(0)
	if bits > 0 {
		m = ^uint32(0) << uint(32-bits)
	}
	return fmt.Sprintf("%d.%d.%d.%d", m>>24, m>>16&255, m>>8&255, m&255)
}

// Leading is the part of a network's addresses that every address on it
// shares, as people read it: "10.0.4." for 10.0.4.0/24, "172.16." for a
// /16. ok is false when the prefix does not end on a dot (a /20, a /26):
// such a network is no simple "starting with".
func Leading(p netip.Prefix) (lead string, ok bool) {
	if !p.Addr().Unmap().Is4() || p.Bits()%8 != 0 || p.Bits() == 0 || p.Bits() == 32 {
		return "", false
	}
	a := p.Masked().Addr().Unmap().As4()
	var parts []string
	for i := range p.Bits() / 8 {
		parts = append(parts, strconv.Itoa(int(a[i])))
	}
	return strings.Join(parts, ".") + ".", true
}
