package handover

import (
	"strings"

	"github.com/openipu/openipu/core/discovery"
)

// sourceWords name the ways a camera announces itself, as people know
// them (names, the same in every language).
var sourceWords = map[discovery.Source]string{
	discovery.SourceMDNS: "Bonjour",
	discovery.SourceSSDP: "UPnP",
}

// SightingOf is what the checklist keeps of a camera discovery found: who
// it is, where it was reached, and how and where it was found.
func SightingOf(d discovery.Device) Sighting {
	var how []string
	for _, s := range d.Sources {
		if w, ok := sourceWords[s]; ok {
			how = append(how, w)
		}
	}
	s := Sighting{
		MAC: d.MAC, Serial: d.Serial, Model: d.Model, Firmware: d.Firmware, At: d.FirstSeen,
		Via: strings.Join(how, ", "), On: strings.Join(d.Interfaces, ", "),
	}
	if d.AnnouncedBy.IsValid() {
		s.AnnouncedBy = d.AnnouncedBy.String()
	}
	if len(d.Addresses) > 0 {
		s.Address = d.Addresses[0].String()
		if len(how) == 0 {
			// Added by address or found by a range scan: the user
			// gave where to look.
			s.Given = s.Address
		}
	}
	return s
}
