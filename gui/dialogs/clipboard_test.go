package dialogs

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/gui/internal/uitest"
)

func TestCopyDetailsPutsEveryKnownFactOnTheClipboardInWords(t *testing.T) {
	h := newFakeHost(t)
	cam := discovery.Device{
		MAC: "ACCC8E270AD8", Serial: "ACCC8E270AD8", Model: "AXIS M1075-L", FullName: "AXIS M1075-L Box Camera",
		Firmware: "12.9.57", Name: "Entrance",
		Addresses: []netip.Addr{netip.MustParseAddr("192.168.1.31"), netip.MustParseAddr("169.254.10.2")},
		HTTPURL:   "http://192.168.1.31/", Setup: discovery.SetupNeeded,
		Sources: []discovery.Source{discovery.SourceMDNS}, Interfaces: []string{"eth0"},
		LastSeen: time.Date(2026, 11, 26, 10, 0, 0, 0, time.Local),
		Diagnosis: discovery.Diagnosis{
			What: usermsg.Message{Key: "discovery.reach.ok", Text: "Reachable at {{.Addr}}.", Args: map[string]any{"Addr": "192.168.1.31"}},
			Next: usermsg.Message{Key: "discovery.reach.ok.next", Text: "Nothing to do."},
		},
	}
	CopyDetails(h, cam)
	got := fyne.CurrentApp().Clipboard().Content()
	for _, want := range []string{
		"AXIS M1075-L Box Camera\n",
		"MAC address / serial number: ACCC8E270AD8",
		"AXIS OS version: 12.9.57",
		"Name: Entrance",
		"IP addresses: 192.168.1.31, 169.254.10.2",
		"Web page: http://192.168.1.31/",
		"State: needs a password",
		"Reachability: Reachable at 192.168.1.31. Nothing to do.",
		"Found by: mdns (eth0)",
		"Last seen: 2026-11-26 10:00:00",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the details lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Serial number:") {
		t.Error("the serial is repeated although it equals the MAC")
	}
	if !strings.Contains(uitest.OverlayTexts(h.Win), "on the clipboard") {
		t.Error("the user is not told that the details were copied")
	}
}

func TestCopyDetailsOfCamerasPutsEachOneOnTheClipboardSeparatedByABlankLine(t *testing.T) {
	h := newFakeHost(t)
	a, b := cameraAt("ACCC8E000031", "192.168.1.31"), cameraAt("ACCC8E000032", "192.168.1.32")
	a.Name, b.Name = "Entrance", "Garage"
	CopyDetailsOfCameras(h, []discovery.Device{a, b})
	got := fyne.CurrentApp().Clipboard().Content()
	parts := strings.Split(got, "\n\n")
	if len(parts) != 2 || !strings.Contains(parts[0], "ACCC8E000031") || !strings.Contains(parts[0], "Name: Entrance") ||
		!strings.Contains(parts[1], "ACCC8E000032") || !strings.Contains(parts[1], "Name: Garage") {
		t.Errorf("the clipboard does not hold the two cameras one after the other:\n%s", got)
	}
	if said := uitest.OverlayTexts(h.Win); !strings.Contains(said, "The details of 2 cameras are on the clipboard") {
		t.Errorf("the user is not told that both were copied: %q", said)
	}
}
