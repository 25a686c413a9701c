package dialogs

import (
	"net/netip"
	"testing"
)

func TestNetworksAreSaidByHowTheirAddressesStart(t *testing.T) {
	for p, want := range map[string]string{
		"10.0.4.17/24":    "addresses starting with 10.0.4.",
		"172.16.9.1/16":   "addresses starting with 172.16.",
		"10.0.4.130/25":   "addresses 10.0.4.128 to 10.0.4.255",
		"192.168.8.10/22": "addresses 192.168.8.0 to 192.168.11.255",
	} {
		if got := NetworkWords(netip.MustParsePrefix(p)); got != want {
			t.Errorf("NetworkWords(%s) = %q, want %q", p, got, want)
		}
	}
}
