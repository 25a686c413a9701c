package dialogs

import (
	"errors"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/gui/internal/uitest"
)

func TestOpenInBrowserOpensTheCamerasWebPage(t *testing.T) {
	h := newFakeHost(t)
	cam := cameraAt("ACCC8E000030", "192.168.1.31")
	cam.HTTPURL = ""
	cam.HTTPPort = 8080
	OpenInBrowser(h, cam)
	if got := h.OpenedURLs(); len(got) != 1 || got[0] != "http://192.168.1.31:8080/" {
		t.Errorf("opened %v", got)
	}
	if n := len(h.Win.Canvas().Overlays().List()); n != 0 {
		t.Errorf("%d dialogs shown after a successful open", n)
	}
}

func TestOpenInBrowserExplainsAMissingAddressAndAFailedBrowser(t *testing.T) {
	h := newFakeHost(t)
	OpenInBrowser(h, discovery.Device{MAC: "ACCC8E000030"})
	if got := uitest.OverlayTexts(h.Win); !strings.Contains(got, "web address of The camera ACCC8E000030 is not known yet") {
		t.Errorf("no address: %q", got)
	}
	if len(h.OpenedURLs()) != 0 {
		t.Error("something was opened without an address")
	}

	h2 := newFakeHost(t)
	h2.OpenFails = errors.New("xdg-open: not found")
	OpenInBrowser(h2, cameraAt("ACCC8E000030", "192.168.1.31"))
	got := uitest.OverlayTexts(h2.Win)
	if !strings.Contains(got, "could not be opened for http://192.168.1.31/") || strings.Contains(got, "xdg-open") {
		t.Errorf("failed browser: %q", got)
	}
}
