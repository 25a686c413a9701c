package dialogs

import (
	"net/netip"
	"testing"

	"github.com/openipu/openipu/core/discovery"
)

func TestFirmwareBeforeReadsAxisVersions(t *testing.T) {
	cases := []struct {
		v             string
		before, known bool
	}{
		{"10.12.228", true, true},
		{"11.4.60", true, true},
		{"11.5.0", false, true},
		{"11.11.192", false, true},
		{"12.9.57", false, true},
		{"9.80.3.7", true, true},
		{"", false, false},
		{"beta", false, false},
	}
	for _, c := range cases {
		if b, k := firmwareBefore(c.v, 11, 5); b != c.before || k != c.known {
			t.Errorf("firmwareBefore(%q, 11.5) = %v, %v", c.v, b, k)
		}
	}
}

func TestCameraWebURLFromAddressAndPort(t *testing.T) {
	cases := []struct {
		d    discovery.Device
		want string
	}{
		{discovery.Device{HTTPURL: "http://10.0.0.5:8080/"}, "http://10.0.0.5:8080/"},
		{discovery.Device{Addresses: []netip.Addr{netip.MustParseAddr("10.0.0.5")}}, "http://10.0.0.5/"},
		{discovery.Device{Addresses: []netip.Addr{netip.MustParseAddr("10.0.0.5")}, HTTPPort: 8080}, "http://10.0.0.5:8080/"},
		{discovery.Device{Addresses: []netip.Addr{netip.MustParseAddr("fe80::1")}}, "http://[fe80::1]/"},
		{discovery.Device{}, ""},
	}
	for _, c := range cases {
		if got := cameraWebURL(c.d); got != c.want {
			t.Errorf("cameraWebURL(%v) = %q, want %q", c.d.Addresses, got, c.want)
		}
	}
}

func TestFileURLOpensWindowsAndUnixPaths(t *testing.T) {
	if got := fileURL("/home/pm/backups/a b.txt").String(); got != "file:///home/pm/backups/a%20b.txt" {
		t.Errorf("unix path: %s", got)
	}
	if got := fileURL(`C:/Users/pm/a.txt`).String(); got != "file:///C:/Users/pm/a.txt" {
		t.Errorf("windows path: %s", got)
	}
}
