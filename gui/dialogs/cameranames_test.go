package dialogs

import (
	"net/netip"
	"testing"

	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/discovery"
)

func TestOnlyRootFirmwareFollowsTheFirstAdministratorRule(t *testing.T) {
	for v, want := range map[string]bool{"10.12.228": true, "11.4.60": true, "11.5.0": false, "12.9.57": false, "": false, "beta": false} {
		if got := onlyRootFirmware(discovery.Device{Firmware: v}); got != want {
			t.Errorf("onlyRootFirmware(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestCameraWebURLIsTheBackendsPageElseTheDiscoveredOne(t *testing.T) {
	d := discovery.Device{HTTPURL: "http://10.0.0.5:8080/", Addresses: []netip.Addr{netip.MustParseAddr("10.0.0.5")}}
	if got := cameraWebURL(nil, d); got != d.HTTPURL {
		t.Errorf("without a backend: %q", got)
	}
	b := &backend.Backend{WebURL: func(discovery.Device) string { return "http://127.0.0.1:4711/" }}
	if got := cameraWebURL(b, d); got != "http://127.0.0.1:4711/" {
		t.Errorf("with the simulated office's page: %q", got)
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
