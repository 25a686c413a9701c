package handover

import (
	"strings"

	"github.com/openipu/openipu/core/discovery"
)

// sourceWords are how the checklist says a camera was found. They are
// kept in English in the session, like the journal's details: the record
// is read by the report, which translates its headings, not the facts.
var sourceWords = map[discovery.Source]string{
	discovery.SourceMDNS:   "Bonjour",
	discovery.SourceSSDP:   "UPnP",
	discovery.SourceManual: "address given",
	discovery.SourceScan:   "address range scan",
}

// SightingOf is what the checklist keeps of a camera discovery found: who
// it is, where it was reached, and how and where it was found ("Bonjour,
// UPnP on eth0").
func SightingOf(d discovery.Device) Sighting {
	var how []string
	for _, s := range d.Sources {
		if w, ok := sourceWords[s]; ok {
			how = append(how, w)
		}
	}
	text := strings.Join(how, ", ")
	if len(d.Interfaces) > 0 {
		text += " on " + strings.Join(d.Interfaces, ", ")
	}
	if d.AnnouncedBy.IsValid() {
		text += ", announced by " + d.AnnouncedBy.String()
	}
	s := Sighting{MAC: d.MAC, Serial: d.Serial, Model: d.Model, Firmware: d.Firmware, How: text, At: d.FirstSeen}
	if len(d.Addresses) > 0 {
		s.Address = d.Addresses[0].String()
	}
	return s
}
