package vapix

import (
	"net"
	"net/netip"
	"net/url"
	"strconv"
)

// CameraURL is the address of the camera's web interface at addr, the form
// New accepts and a browser opens: "http://10.0.0.5/",
// "https://[fe80::1%25eth0]:8443/". An IPv6 address gets its brackets and
// keeps its zone, without which a link-local address names no network. port
// 0, or the scheme's own port, is left out. An invalid addr gives "".
func CameraURL(https bool, addr netip.Addr, port int) string {
	if !addr.IsValid() {
		return ""
	}
	addr = addr.Unmap()
	scheme, defaultPort := "http", 80
	if https {
		scheme, defaultPort = "https", 443
	}
	host := addr.String()
	switch {
	case port != 0 && port != defaultPort:
		host = net.JoinHostPort(host, strconv.Itoa(port))
	case addr.Is6():
		host = "[" + host + "]"
	}
	// url.URL escapes the zone's "%" as "%25", which New and browsers read
	// back as the zone.
	return (&url.URL{Scheme: scheme, Host: host, Path: "/"}).String()
}
