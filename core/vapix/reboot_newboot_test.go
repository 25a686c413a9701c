package vapix

import (
	"testing"
	"time"
)

func TestNewBootSeesFactoryDefaultByNeedSetupEvenWithoutBootID(t *testing.T) {
	// 10.12 sends neither boot id nor uptime; a missed down window must not
	// hide a finished factory default.
	before := SystemReady{Ready: true, NeedsSetup: false}
	after := SystemReady{Ready: true, NeedsSetup: true}
	if !newBoot(before, after, false) {
		t.Fatal("a camera that lost its administrator has been reset")
	}
	if newBoot(before, before, false) {
		t.Fatal("same answer, no sign of a restart")
	}
}

func TestNewBootPrefersBootIDThenUptime(t *testing.T) {
	b := SystemReady{BootID: "a", HasUptime: true, Uptime: 100 * time.Second}
	if newBoot(b, SystemReady{BootID: "a", HasUptime: true, Uptime: 5 * time.Second}, true) {
		t.Fatal("same boot id wins over a dropped uptime")
	}
	if !newBoot(b, SystemReady{BootID: "b"}, false) {
		t.Fatal("new boot id")
	}
	if !newBoot(SystemReady{HasUptime: true, Uptime: 100 * time.Second}, SystemReady{HasUptime: true, Uptime: 3 * time.Second}, false) {
		t.Fatal("dropped uptime")
	}
}
