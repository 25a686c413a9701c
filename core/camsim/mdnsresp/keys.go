package mdnsresp

import (
	"errors"

	"github.com/miekg/dns"
)

// Names and records are compared in wire form, lower-cased where DNS is
// case-insensitive (RFC 6762 §16): a browser's presentation form of an
// instance name may escape characters differently from ours.

var errBadName = errors.New("mdnsresp: malformed name")

// nameKey is the comparable form of a domain name.
func nameKey(name string) (string, error) {
	buf := make([]byte, 256)
	n, err := dns.PackDomainName(dns.Fqdn(name), buf, 0, nil, false)
	if err != nil {
		return "", err
	}
	lowerASCII(buf[:n])
	return string(buf[:n]), nil
}

// rrKey is the comparable form of a whole record, TTL and cache-flush bit
// aside: what known-answer suppression matches on.
func rrKey(rr dns.RR) (string, error) {
	c := dns.Copy(rr)
	h := c.Header()
	h.Ttl = 0
	h.Class &^= cacheFlush
	buf := make([]byte, dns.Len(c)+16)
	n, err := dns.PackRR(c, buf, 0, nil, false)
	if err != nil {
		return "", err
	}
	wire := buf[:n]
	owner := nameLen(wire)
	if owner < 0 || owner+10 > len(wire) {
		return "", errBadName
	}
	lowerASCII(wire[:owner])
	rdata := wire[owner+10:]
	switch h.Rrtype {
	case dns.TypePTR:
		lowerASCII(rdata)
	case dns.TypeSRV:
		if len(rdata) > 6 {
			lowerASCII(rdata[6:])
		}
	}
	return string(wire), nil
}

// nameLen is the length of the uncompressed name at the start of wire, or
// -1.
func nameLen(wire []byte) int {
	i := 0
	for i < len(wire) {
		l := int(wire[i])
		if l == 0 {
			return i + 1
		}
		if l > 63 {
			return -1
		}
		i += 1 + l
	}
	return -1
}

func lowerASCII(b []byte) {
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
}
