// Package camaddr reads a camera's address as a person types it, in the
// window or on the command line, and refuses what cannot be one before it
// is looked up in DNS, sent anywhere or written down. What was typed is
// never repeated in an error: a password typed where the address goes must
// not end up on the screen or in a log.
package camaddr

import (
	"net/netip"
	"strconv"
	"strings"
)

// Address is a camera address as it was typed, once checked.
type Address struct {
	// Scheme is "http" or "https" when one was typed, else "".
	Scheme string
	// Host is an IP address (IPv6 without brackets, with its zone) or a
	// host name.
	Host string
	// Port is 0 when none was typed.
	Port int
}

// Parse reads "HOST", "HOST:PORT", "[IPv6]:PORT", and any of these after
// "http://" or "https://" with an optional trailing "/". HOST must be an
// IP address or a host name made of RFC 1123 labels; PORT 1 to 65535.
// Surrounding spaces are ignored. A refusal is an *Error.
func Parse(text string) (Address, error) {
	var a Address
	t := strings.TrimSpace(text)
	if t == "" {
		return a, &Error{Kind: Empty}
	}
	if strings.Contains(t, "@") {
		// What precedes the @ may be a password.
		return a, &Error{Kind: UserInfo}
	}
	if i := strings.Index(t, "://"); i >= 0 {
		switch s := strings.ToLower(t[:i]); s {
		case "http", "https":
			a.Scheme = s
		default:
			return a, &Error{Kind: Scheme}
		}
		t = strings.TrimSuffix(t[i+3:], "/")
	}
	if strings.ContainsAny(t, "/?#") {
		return a, &Error{Kind: Path}
	}
	host, port, err := splitHostPort(t)
	if err != nil {
		return a, err
	}
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 || port[0] == '0' || port[0] == '+' {
			return a, &Error{Kind: Port}
		}
		a.Port = n
	}
	if err := checkHost(host); err != nil {
		return a, err
	}
	a.Host = host
	return a, nil
}

// splitHostPort separates a port only where there can be one: after a
// bracketed IPv6 address, or after the single colon of a name or IPv4
// address. A bare IPv6 address has no port.
func splitHostPort(t string) (host, port string, err error) {
	if strings.HasPrefix(t, "[") {
		end := strings.IndexByte(t, ']')
		if end < 0 {
			return "", "", &Error{Kind: Brackets}
		}
		host, rest := t[1:end], t[end+1:]
		if a, err := netip.ParseAddr(host); err != nil || !a.Is6() {
			return "", "", &Error{Kind: Brackets}
		}
		switch {
		case rest == "":
			return host, "", nil
		case strings.HasPrefix(rest, ":") && len(rest) > 1:
			return host, rest[1:], nil
		}
		return "", "", &Error{Kind: Brackets}
	}
	if a, err := netip.ParseAddr(t); err == nil && a.Is6() {
		return t, "", nil
	}
	switch strings.Count(t, ":") {
	case 0:
		return t, "", nil
	case 1:
		i := strings.IndexByte(t, ':')
		if i == len(t)-1 {
			return "", "", &Error{Kind: Port}
		}
		return t[:i], t[i+1:], nil
	}
	return "", "", &Error{Kind: IPv6Port}
}

// checkHost accepts an IP address or a host name, and refuses text that
// looks like a password before it reaches a name server.
func checkHost(host string) error {
	if host == "" {
		return &Error{Kind: NoHost}
	}
	if _, err := netip.ParseAddr(host); err == nil {
		return nil
	}
	if looksNumeric(host) {
		return &Error{Kind: NotIPv4}
	}
	name := strings.TrimSuffix(host, ".")
	if len(name) > 253 {
		return &Error{Kind: NameTooLong}
	}
	labels := strings.Split(name, ".")
	for _, l := range labels {
		if !isLabel(l) {
			return &Error{Kind: NotAName}
		}
	}
	if allDigits(labels[len(labels)-1]) {
		return &Error{Kind: NameEndsInNumber}
	}
	if len(labels) == 1 && mixedCase(name) {
		// A single word mixing capitals and small letters is how
		// passwords are written, not how anyone names a camera.
		return &Error{Kind: LooksLikePassword}
	}
	return nil
}

// looksNumeric is text made of digits and dots (or an IPv4 address with a
// port mistaken for one): meant as an IPv4 address, whatever its numbers.
func looksNumeric(s string) bool {
	return strings.Trim(s, "0123456789.") == "" && strings.Contains(s, ".")
}

// isLabel is one RFC 1123 label: 1 to 63 letters, digits or hyphens, not
// starting or ending with a hyphen.
func isLabel(l string) bool {
	if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := 0; i < len(l); i++ {
		c := l[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func allDigits(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }

func mixedCase(s string) bool {
	return strings.ToLower(s) != s && strings.ToUpper(s) != s
}
