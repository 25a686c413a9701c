package main

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/openipu/openipu/core/workflow"
)

// typedAddress is a camera address as the user typed it, checked before it
// is looked up in DNS, sent anywhere or written to the journal. The text
// itself is never repeated in an error: a password typed where the address
// goes must not end up on the screen or in a log either.
type typedAddress struct {
	// scheme is "http" or "https" when the user wrote one, else "".
	scheme string
	host   string // an IP address (IPv6 without brackets) or a host name
	port   int    // 0 when none was typed
}

// notAnAddress is the usage error for text that is no camera address.
func notAnAddress(why string) error {
	return usageErrorf("what was given as the camera's address is not an IP address or a host name (%s; it is not repeated here in case it was a password). Give the camera's IP address, for example 192.168.0.90", why)
}

// parseAddress reads "HOST", "HOST:PORT", "[IPv6]:PORT", and any of these
// after "http://" or "https://" with an optional trailing "/". HOST must be
// an IP address or a host name made of RFC 1123 labels; PORT 1 to 65535.
func parseAddress(text string) (typedAddress, error) {
	var a typedAddress
	t := strings.TrimSpace(text)
	if t == "" {
		return a, usageErrorf("give the camera's address, for example 192.168.0.90")
	}
	if strings.Contains(t, "@") {
		// Never repeated back: what precedes the @ may be a password.
		return a, usageErrorf("the camera address must not contain a user name or password (no \"user:password@\"); give --user and type the password when asked")
	}
	if i := strings.Index(t, "://"); i >= 0 {
		switch s := strings.ToLower(t[:i]); s {
		case "http", "https":
			a.scheme = s
		default:
			return a, usageErrorf("only http:// and https:// addresses are supported")
		}
		t = strings.TrimSuffix(t[i+3:], "/")
	}
	if strings.ContainsAny(t, "/?#") {
		return a, usageErrorf("the camera address must be just its IP address or host name, with a port if needed, and no path")
	}
	host, port, err := splitHostPort(t)
	if err != nil {
		return a, err
	}
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 || port[0] == '0' || port[0] == '+' {
			return a, usageErrorf("the port after the address must be a number from 1 to 65535, such as 8080")
		}
		a.port = n
	}
	if err := checkHost(host); err != nil {
		return a, err
	}
	a.host = host
	return a, nil
}

// splitHostPort separates a port only where there can be one: after a
// bracketed IPv6 address, or after the single colon of a name or IPv4
// address. A bare IPv6 address has no port.
func splitHostPort(t string) (host, port string, err error) {
	if strings.HasPrefix(t, "[") {
		end := strings.IndexByte(t, ']')
		if end < 0 {
			return "", "", notAnAddress("a \"[\" without its \"]\"")
		}
		host, rest := t[1:end], t[end+1:]
		if a, err := netip.ParseAddr(host); err != nil || !a.Is6() {
			return "", "", notAnAddress("brackets hold only an IPv6 address")
		}
		switch {
		case rest == "":
			return host, "", nil
		case strings.HasPrefix(rest, ":") && len(rest) > 1:
			return host, rest[1:], nil
		}
		return "", "", notAnAddress("only a port may follow the brackets")
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
			return "", "", usageErrorf("the port after the address must be a number from 1 to 65535, such as 8080")
		}
		return t[:i], t[i+1:], nil
	}
	return "", "", notAnAddress("an IPv6 address with a port must be written in brackets, such as [fe80::1]:8080")
}

// checkHost accepts an IP address or a host name, and refuses text that
// looks like a password before it reaches a name server.
func checkHost(host string) error {
	if host == "" {
		return notAnAddress("there is no host before the port")
	}
	if _, err := netip.ParseAddr(host); err == nil {
		return nil
	}
	if looksNumeric(host) {
		return usageErrorf("the camera's address is not an IP address: it must be four numbers from 0 to 255 separated by dots, such as 192.168.0.90")
	}
	name := strings.TrimSuffix(host, ".")
	if len(name) > 253 {
		return notAnAddress("a host name is at most 253 characters long")
	}
	labels := strings.Split(name, ".")
	for _, l := range labels {
		if !isLabel(l) {
			return notAnAddress("a host name is made of letters, digits and hyphens, in parts separated by dots")
		}
	}
	if allDigits(labels[len(labels)-1]) {
		return notAnAddress("a host name does not end in a number")
	}
	if len(labels) == 1 && mixedCase(name) {
		// A single word mixing capitals and small letters is how
		// passwords are written, not how anyone names a camera.
		return notAnAddress("it looks like a password rather than a name; write a host name in small letters")
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

// target is where the workflows reach the camera. Unless a scheme is
// forced, HTTPS is tried first: on the port typed (which then may speak
// either), or on 443 when none or 80 was typed.
func (a typedAddress) target(forceHTTPS, forceHTTP bool) (workflow.Target, error) {
	t := workflow.Target{Host: a.host}
	switch {
	case forceHTTPS && forceHTTP:
		return t, usageErrorf("--https and --http contradict each other")
	case forceHTTP && a.scheme == "https":
		return t, usageErrorf("--http and an https:// address contradict each other")
	case forceHTTPS && a.scheme == "http":
		return t, usageErrorf("--https and an http:// address contradict each other")
	case forceHTTPS || a.scheme == "https":
		t.Scheme, t.HTTPSPort = workflow.HTTPS, a.port
	case forceHTTP:
		t.Scheme, t.HTTPPort = workflow.HTTP, a.port
	case a.port == 80:
		t.HTTPPort = 80
	case a.port == 443:
		t.HTTPSPort = 443
	default:
		t.HTTPPort, t.HTTPSPort = a.port, a.port
	}
	return t, nil
}
