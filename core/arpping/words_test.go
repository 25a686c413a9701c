package arpping

import (
	"regexp"
	"strings"
	"testing"
)

// The people who give a camera an address this way are caretakers, not
// network engineers: the messages use the words they know.
func TestMessagesSayHowAddressesStartAndNeverHardenedOrDotX(t *testing.T) {
	jargon := regexp.MustCompile(`(?i)hardened|\d\.x\b|/\d{1,2}\b|subnet|prefix`)
	for _, m := range Messages() {
		if j := jargon.FindString(m.Text); j != "" {
			t.Errorf("%s says %q: %s", m.Key, j, m.Text)
		}
		if strings.Contains(m.Text, "second address") && !strings.Contains(m.Text, "starting with 192.168.0.") {
			t.Errorf("%s does not say which second address: %s", m.Key, m.Text)
		}
	}
}
