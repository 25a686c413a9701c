package vapix_test

import (
	"net/netip"
	"reflect"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/vapix"
)

var (
	staticCfg = vapix.NetworkConfig{
		Address: netip.MustParsePrefix("10.20.30.40/20"),
		Gateway: netip.MustParseAddr("10.20.16.1"),
		DNS:     []netip.Addr{netip.MustParseAddr("10.20.16.2"), netip.MustParseAddr("9.9.9.9")},
	}
	dhcpCfg = vapix.NetworkConfig{DHCP: true}
)

func checkStatic(t *testing.T, n camsim.NetworkState) {
	t.Helper()
	if n.BootProto != "none" || n.IPAddress != "10.20.30.40" || n.SubnetMask != "255.255.240.0" ||
		n.DefaultRouter != "10.20.16.1" || n.Broadcast != "10.20.31.255" {
		t.Fatalf("camera network after static: %+v", n)
	}
	if !reflect.DeepEqual(n.DNSServers, []string{"10.20.16.2", "9.9.9.9"}) || n.UseDHCPResolver {
		t.Fatalf("camera name servers: %v (from DHCP: %v)", n.DNSServers, n.UseDHCPResolver)
	}
}

func TestSetNetworkThroughTheNetworkSettingsAPI(t *testing.T) {
	forEachCamera(t, func(t *testing.T, gen camsim.Generation, sc scheme) {
		cam := setUpCam(t, gen)
		c := adminClient(t, cam, sc)
		if err := c.SetNetwork(testCtx(t, 10*time.Second), staticCfg); err != nil {
			t.Fatal(err)
		}
		checkStatic(t, cam.Snapshot().Network)
		if err := c.SetNetwork(testCtx(t, 10*time.Second), dhcpCfg); err != nil {
			t.Fatal(err)
		}
		if n := cam.Snapshot().Network; n.BootProto != "dhcp" || !n.UseDHCPResolver {
			t.Fatalf("camera network after DHCP: %+v", n)
		}
	})
}

func TestSetNetworkFallsBackToParamCGIWithoutTheAPI(t *testing.T) {
	cam := setUpCam(t, camsim.Gen10)
	c := newClient(t, firmwareVariant{noJSONAPIs: true}.start(t, cam), vapix.Options{})
	c.SetCredentials("root", testPassword)
	if err := c.SetNetwork(testCtx(t, 10*time.Second), staticCfg); err != nil {
		t.Fatal(err)
	}
	checkStatic(t, cam.Snapshot().Network)
	if err := c.SetNetwork(testCtx(t, 10*time.Second), dhcpCfg); err != nil {
		t.Fatal(err)
	}
	if n := cam.Snapshot().Network; n.BootProto != "dhcp" {
		t.Fatalf("camera network after DHCP: %+v", n)
	}
}

func TestSetNetworkRefusesImpossibleSettingsWithoutSending(t *testing.T) {
	cam := setUpCam(t, camsim.Gen12)
	c := newClient(t, cam.HTTPURL(), vapix.Options{})
	c.SetCredentials("root", "wrong password")
	err := c.SetNetwork(testCtx(t, 10*time.Second), vapix.NetworkConfig{
		Address: netip.MustParsePrefix("192.168.1.50/24"), Gateway: netip.MustParseAddr("10.0.0.1")})
	wantKind(t, err, vapix.InvalidSettings)
	if n := cam.Snapshot().FailedLogins; n != 0 {
		t.Fatalf("settings that were refused locally reached the camera (%d logins)", n)
	}
}

func TestSetNetworkWithTheWrongPasswordChangesNothing(t *testing.T) {
	cam := setUpCam(t, camsim.Gen11)
	before := cam.Snapshot().Network
	c := newClient(t, cam.HTTPURL(), vapix.Options{})
	c.SetCredentials("root", "wrong password")
	wantKind(t, c.SetNetwork(testCtx(t, 10*time.Second), staticCfg), vapix.WrongPassword)
	if after := cam.Snapshot().Network; !reflect.DeepEqual(before, after) {
		t.Fatalf("network changed: %+v -> %+v", before, after)
	}
}
