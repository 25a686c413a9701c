package handover

import (
	"regexp"
	"strings"

	"github.com/openipu/openipu/core/usermsg"
)

// The details this package writes itself, as messages, so that the window
// and the report show them in the reader's language. The session keeps
// them in English (Tick.Detail, and the CSV, which scripts read) and in
// parts (Camera.FoundVia …) to say them again in another.
var (
	msgFoundOn        = usermsg.Message{Key: "handover.detail.found_on", Text: "{{.Via}} on {{.Interfaces}}"}
	msgFoundAnnounced = usermsg.Message{Key: "handover.detail.found_announced", Text: "{{.Via}} on {{.Interfaces}}, announced by {{.Router}}"}
	msgFoundVia       = usermsg.Message{Key: "handover.detail.found_via", Text: "{{.Via}}"}
	msgFoundGiven     = usermsg.Message{Key: "handover.detail.found_given", Text: "address given: {{.Host}}"}
	msgNameKept       = usermsg.Message{Key: "handover.detail.name_kept", Text: "kept in this handover"}
	msgResetHard      = usermsg.Message{Key: "handover.detail.reset_hard", Text: "hard reset"}
	msgResetSoft      = usermsg.Message{Key: "handover.detail.reset_soft", Text: "soft reset"}
	msgResetButton    = usermsg.Message{Key: "handover.detail.reset_button", Text: "with the control button"}
	msgPasswordRoot   = usermsg.Message{Key: "handover.detail.password_root", Text: "{{.User}} was refused: this firmware only accepts root"}
	msgClockComputer  = usermsg.Message{Key: "handover.detail.clock_computer", Text: "this computer's time"}
	msgClockComputerZ = usermsg.Message{Key: "handover.detail.clock_computer_zone", Text: "this computer's time, time zone {{.Zone}}"}
	msgClockManual    = usermsg.Message{Key: "handover.detail.clock_manual", Text: "set by hand"}
	msgClockManualZ   = usermsg.Message{Key: "handover.detail.clock_manual_zone", Text: "set by hand, time zone {{.Zone}}"}
	msgClockDHCP      = usermsg.Message{Key: "handover.detail.clock_dhcp", Text: "time servers from DHCP"}
	msgClockDHCPZ     = usermsg.Message{Key: "handover.detail.clock_dhcp_zone", Text: "time servers from DHCP, time zone {{.Zone}}"}
	msgClockNTPZ      = usermsg.Message{Key: "handover.detail.clock_ntp_zone", Text: "NTP {{.Servers}}, time zone {{.Zone}}"}
	msgClockZoneOnly  = usermsg.Message{Key: "handover.detail.clock_zone", Text: "time zone {{.Zone}}"}
	msgNetDHCP        = usermsg.Message{Key: "handover.detail.network_dhcp", Text: "address from DHCP"}
	msgNetGateway     = usermsg.Message{Key: "handover.detail.network_gateway", Text: "{{.Address}}, router {{.Gateway}}"}
	msgNetGatewayDNS  = usermsg.Message{Key: "handover.detail.network_gateway_dns", Text: "{{.Address}}, router {{.Gateway}}, DNS {{.DNS}}"}
	msgNetDNS         = usermsg.Message{Key: "handover.detail.network_dns", Text: "{{.Address}}, DNS {{.DNS}}"}
)

// detailMessages lists them for translation catalogues.
var detailMessages = []usermsg.Message{msgFoundOn, msgFoundAnnounced, msgFoundVia, msgFoundGiven, msgNameKept, msgResetHard,
	msgResetSoft, msgResetButton, msgPasswordRoot, msgClockComputer, msgClockComputerZ, msgClockManual, msgClockManualZ,
	msgClockDHCP, msgClockDHCPZ, msgClockNTPZ, msgClockZoneOnly, msgNetDHCP, msgNetGateway, msgNetGatewayDNS, msgNetDNS}

// DetailMessage is what step's detail says for camera c, as a message to
// show in the reader's language: one this package wrote is translated,
// any other (an address, a file, a camera's own words) comes with no key
// and is shown as it is.
func DetailMessage(c Camera, s Step) usermsg.Message {
	t := c.Tick(s)
	switch s {
	case Found:
		switch {
		case c.FoundGiven != "":
			return msgFoundGiven.With("Host", c.FoundGiven)
		case c.FoundVia != "" && c.FoundOn != "" && c.AnnouncedBy != "":
			return msgFoundAnnounced.With("Via", c.FoundVia).With("Interfaces", c.FoundOn).With("Router", c.AnnouncedBy)
		case c.FoundVia != "" && c.FoundOn != "":
			return msgFoundOn.With("Via", c.FoundVia).With("Interfaces", c.FoundOn)
		case c.FoundVia != "":
			return msgFoundVia.With("Via", c.FoundVia)
		}
	case Name:
		if t.Detail == detailNameKept {
			return msgNameKept
		}
	case Password:
		if m := passwordRoot.FindStringSubmatch(t.Detail); m != nil {
			return msgPasswordRoot.With("User", m[1])
		}
	case Clock:
		if m, ok := clockMessage(t.Detail); ok {
			return m
		}
	case Network:
		if m, ok := networkMessage(t.Detail); ok {
			return m
		}
	case Reset:
		switch t.Detail {
		case "hard":
			return msgResetHard
		case "soft":
			return msgResetSoft
		case detailPhysical:
			return msgResetButton
		}
	}
	if t.Detail == "" {
		return usermsg.Message{}
	}
	// Shown as it is: the text is data (an address, a file, a camera's
	// words), never read as a template.
	return usermsg.Message{Text: "{{.Detail}}", Args: map[string]any{"Detail": t.Detail}}
}

const (
	detailNameKept = "kept in this handover"
	detailPhysical = "physical"
)

// passwordRoot reads the workflow's record of a first account that had to
// be called root.
var passwordRoot = regexp.MustCompile(`^asked for ([A-Za-z0-9]{1,14}), firmware only accepts root$`)

// clockMessage reads the clock workflows' records: "this computer's time,
// Europe/Stockholm", "manual, UTC0", "NTP from DHCP, UTC0", "time zone
// CET-1", "NTP 10.0.0.1,10.0.0.2, Europe/Berlin". Servers and zones are
// names, shown as they are.
func clockMessage(detail string) (usermsg.Message, bool) {
	if zone, ok := strings.CutPrefix(detail, "time zone "); ok {
		return msgClockZoneOnly.With("Zone", zone), true
	}
	setting, zone, hasZone := strings.Cut(detail, ", ")
	pick := func(plain, zoned usermsg.Message) (usermsg.Message, bool) {
		if hasZone {
			return zoned.With("Zone", zone), true
		}
		return plain, true
	}
	switch {
	case setting == "this computer's time":
		return pick(msgClockComputer, msgClockComputerZ)
	case setting == "manual":
		return pick(msgClockManual, msgClockManualZ)
	case strings.HasPrefix(setting, "NTP from DHCP"):
		return pick(msgClockDHCP, msgClockDHCPZ)
	case strings.HasPrefix(setting, "NTP ") && hasZone:
		return msgClockNTPZ.With("Servers", strings.TrimPrefix(setting, "NTP ")).With("Zone", zone), true
	}
	return usermsg.Message{}, false
}

// networkMessage reads the network workflow's record: "dhcp" or
// "10.0.4.50/24 gw 10.0.4.1 dns 10.0.4.2 10.0.4.3".
func networkMessage(detail string) (usermsg.Message, bool) {
	f := strings.Fields(detail)
	if len(f) == 0 {
		return usermsg.Message{}, false
	}
	address := f[0]
	var gateway string
	var dns []string
	for i := 1; i < len(f); i++ {
		switch {
		case f[i] == "gw" && i+1 < len(f) && gateway == "":
			gateway = f[i+1]
			i++
		case f[i] == "dns" && i+1 < len(f):
			dns = f[i+1:]
			i = len(f)
		default:
			return usermsg.Message{}, false
		}
	}
	switch {
	case address == "dhcp" && gateway == "" && len(dns) == 0:
		return msgNetDHCP, true
	case address == "dhcp":
		return usermsg.Message{}, false // DHCP with fixed servers: shown as recorded
	case gateway != "" && len(dns) > 0:
		return msgNetGatewayDNS.With("Address", address).With("Gateway", gateway).With("DNS", strings.Join(dns, ", ")), true
	case gateway != "":
		return msgNetGateway.With("Address", address).With("Gateway", gateway), true
	case len(dns) > 0:
		return msgNetDNS.With("Address", address).With("DNS", strings.Join(dns, ", ")), true
	}
	return usermsg.Message{}, false
}
