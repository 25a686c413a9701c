package camsim

import (
	"fmt"
	"strings"
)

// Generation is the AXIS OS long-term-support track a camera runs. The three
// tracks differ in ways OpenIPU must cope with (docs/protocol.md, Firmware
// generations).
type Generation string

// The simulated firmware generations.
const (
	Gen10 Generation = "10.12"
	Gen11 Generation = "11.11"
	Gen12 Generation = "12.9"
)

// Generations lists every simulated generation, oldest first.
var Generations = []Generation{Gen10, Gen11, Gen12}

// FirmwareVersion is the full AXIS OS version of the generation, the one
// recorded on real devices (RS4A, ACAPRS).
func (g Generation) FirmwareVersion() string {
	if p := profileOf(g); p != nil {
		return p.firmware
	}
	return ""
}

// ParseGeneration accepts "10.12", "11.11", "12.9" or a full version such as
// "11.11.192".
func ParseGeneration(s string) (Generation, error) {
	s = strings.TrimSpace(s)
	for _, g := range Generations {
		if s == string(g) || s == g.FirmwareVersion() || strings.HasPrefix(s, string(g)+".") {
			return g, nil
		}
	}
	return "", fmt.Errorf("camsim: unknown firmware %q (want 10.12, 11.11 or 12.9)", s)
}

// profile holds what differs between generations. One read-only value per
// generation is shared by every camera of that generation.
type profile struct {
	gen       Generation
	firmware  string
	buildDate string
	// server is the Apache banner; the patch levels are plausible for each
	// track, not recorded.
	server string
	// API versions reported by each CGI (systemready and fwmgr recorded; the
	// network settings versions below 12.9 are inferred).
	systemReadyAPI string
	fwmgrAPI       string
	netAPI         string
	// customFirstUser: from 11.5 any name may be the first administrator;
	// before that only root (VAPIX-SYS).
	customFirstUser bool
	// lockoutByDefault: brute-force protection is on by default from 11.5.
	lockoutByDefault bool
	// securityHeaders11: a CSP and Referrer-Policy are sent from 11.5.
	securityHeaders11 bool
	// previewMode: 11.11 reports previewmode in systemready while in setup.
	previewMode bool
	// passphrasePolicy: systemready API 1.5 (12.x) adds passphrasepolicy.
	passphrasePolicy bool
	// uptimeInSystemReady: API 1.4+ carries uptime and bootid.
	uptimeInSystemReady bool
	// httpsWebURL: BDI WebURL is https on 12.x.
	httpsWebURL bool
	// compliantIPv4: 12.x "IPv4 compliant mode": no link-local address next
	// to a DHCP lease and no 192.168.0.90 fallback.
	compliantIPv4 bool
	// ssdpOff: UPnP and WS-Discovery are off by default on 12.x.
	ssdpOff bool
	// bonjourNameWithSerial: before 11.4 the Bonjour friendly name carries
	// " - <serial>"; recordings of 11.11 and 12.9 show the bare model.
	bonjourNameWithSerial bool
	// inactiveFirmware is what fwmgr status reports as the previous image
	// until a factory default purges it.
	inactiveFirmware string
}

var profiles = map[Generation]*profile{
	Gen10: {
		gen: Gen10, firmware: "10.12.228", buildDate: "Feb 23 2024 22:15",
		server:         "Apache/2.4.57 (Unix) OpenSSL/1.1.1w",
		systemReadyAPI: "1.2", fwmgrAPI: "1.3", netAPI: "1.11",
		bonjourNameWithSerial: true,
		inactiveFirmware:      "10.12.213",
	},
	Gen11: {
		gen: Gen11, firmware: "11.11.192", buildDate: "Jan 17 2026 18:22",
		server:         "Apache/2.4.62 (Unix) OpenSSL/3.0.15",
		systemReadyAPI: "1.4", fwmgrAPI: "1.4", netAPI: "1.15",
		customFirstUser: true, lockoutByDefault: true, securityHeaders11: true,
		previewMode: true, uptimeInSystemReady: true,
		inactiveFirmware: "11.11.181",
	},
	Gen12: {
		gen: Gen12, firmware: "12.9.57", buildDate: "Feb 20 2026 18:24",
		server:         "Apache/2.4.65 (Unix) OpenSSL/3.0.17",
		systemReadyAPI: "1.5", fwmgrAPI: "1.8", netAPI: "1.21",
		customFirstUser: true, lockoutByDefault: true, securityHeaders11: true,
		passphrasePolicy: true, uptimeInSystemReady: true, httpsWebURL: true,
		compliantIPv4: true, ssdpOff: true,
		inactiveFirmware: "12.9.50",
	},
}

func profileOf(g Generation) *profile { return profiles[g] }
