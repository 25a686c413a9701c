package discovery

import (
	"net/netip"
	"regexp"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/netif"
)

func lan(prefixes ...string) []netif.Interface {
	it := netif.Interface{Name: "eth0", Up: true, Multicast: true}
	for _, p := range prefixes {
		it.Prefixes = append(it.Prefixes, netip.MustParsePrefix(p))
	}
	return []netif.Interface{it}
}

func addrs(ss ...string) []netip.Addr {
	var out []netip.Addr
	for _, s := range ss {
		out = append(out, netip.MustParseAddr(s))
	}
	return out
}

func TestDiagnoseFactoryAddressOnAnotherSubnetNamesBothNetworks(t *testing.T) {
	d := Diagnose(addrs("192.168.0.90", "169.254.12.7"), lan("10.0.4.17/24"), NotProbed)
	if d.Reach != ReachFactoryAddress {
		t.Fatalf("reach %v", d.Reach)
	}
	want := "This camera is on 192.168.0.90, the factory address, but this computer uses addresses starting with 10.0.4."
	if d.What.String() != want {
		t.Fatalf("what %q", d.What.String())
	}
	if !strings.Contains(d.Next.String(), "Give this camera an address") || !strings.Contains(d.Next.String(), "starting with 192.168.0.") {
		t.Fatalf("next %q", d.Next.String())
	}
}

func TestDiagnoseLinkLocalOnly(t *testing.T) {
	d := Diagnose(addrs("169.254.93.22"), lan("10.0.4.17/24"), NotProbed)
	if d.Reach != ReachLinkLocalOnly || !strings.Contains(d.What.String(), "169.254.93.22") {
		t.Fatalf("%v %q", d.Reach, d.What.String())
	}
}

func TestDiagnoseLinkLocalIsReachableWhenComputerIsLinkLocalToo(t *testing.T) {
	d := Diagnose(addrs("169.254.93.22"), lan("169.254.1.1/16"), ProbeAnswered)
	if d.Reach != ReachOK {
		t.Fatalf("reach %v", d.Reach)
	}
}

func TestDiagnoseOtherSubnetSuggestsCamerasNetwork(t *testing.T) {
	d := Diagnose(addrs("172.16.9.40"), lan("10.0.4.17/24"), NotProbed)
	if d.Reach != ReachOtherSubnet || !strings.Contains(d.Next.String(), "starting with 172.16.9. too") || !strings.Contains(d.What.String(), "uses addresses starting with 10.0.4.") {
		t.Fatalf("%v %q %q", d.Reach, d.What.String(), d.Next.String())
	}
}

func TestDiagnoseFactoryAddressIsFineWhenComputerIsOnThatSubnet(t *testing.T) {
	d := Diagnose(addrs("192.168.0.90"), lan("192.168.0.10/24"), ProbeAnswered)
	if d.Reach != ReachOK {
		t.Fatalf("reach %v", d.Reach)
	}
}

func TestDiagnoseSeenButHTTPUnreachable(t *testing.T) {
	d := Diagnose(addrs("10.0.4.50"), lan("10.0.4.17/24"), ProbeFailed)
	if d.Reach != ReachNoHTTP || !strings.Contains(d.What.String(), "10.0.4.50") {
		t.Fatalf("%v %q", d.Reach, d.What.String())
	}
}

func TestDiagnoseOfACameraWithSeveralAddressesThatNoneAnswersNamesThemAll(t *testing.T) {
	d := Diagnose(addrs("10.0.4.50", "169.254.3.4"), lan("10.0.4.17/24"), ProbeFailed)
	if d.Reach != ReachNoHTTP || d.What.Key != msgNoHTTPAny.Key || !strings.Contains(d.What.String(), "10.0.4.50, 169.254.3.4") {
		t.Fatalf("%v %q", d.Reach, d.What.String())
	}
}

func TestDiagnoseReachableButNotProbedYetIsUnknown(t *testing.T) {
	if d := Diagnose(addrs("10.0.4.50"), lan("10.0.4.17/24"), NotProbed); d.Reach != ReachUnknown {
		t.Fatalf("reach %v", d.Reach)
	}
}

func TestDiagnoseIgnoresDownInterfaces(t *testing.T) {
	l := lan("10.0.4.17/24")
	l[0].Up = false
	if d := Diagnose(addrs("10.0.4.50"), l, NotProbed); d.Reach != ReachOtherSubnet {
		t.Fatalf("reach %v", d.Reach)
	}
}

func TestComputerNetworkSaysNoNetworkWithoutInterfaces(t *testing.T) {
	d := Diagnose(addrs("192.168.0.90"), nil, NotProbed)
	if d.Reach != ReachFactoryAddress || d.What.String() != "This camera is on 192.168.0.90, but this computer has no network address to reach it from." {
		t.Fatalf("%v %q", d.Reach, d.What.String())
	}
}

func TestDiagnosisNamesNetworksByHowTheirAddressesStartNeverAsPrefixesOrDotX(t *testing.T) {
	for computer, want := range map[string]string{
		"10.0.4.17/24":  "starting with 10.0.4.",
		"10.0.4.17/25":  "starting with 10.0.4.",
		"10.0.4.17/16":  "starting with 10.0.",
		"10.0.4.17/20":  "starting with 10.0.",
		"10.20.4.17/8":  "starting with 10.",
		"172.16.9.1/24": "starting with 172.16.9.",
	} {
		for _, d := range []Diagnosis{
			Diagnose(addrs("192.168.0.90"), lan(computer), NotProbed),
			Diagnose(addrs("169.254.93.22"), lan(computer), NotProbed),
			Diagnose(addrs("192.0.2.40"), lan(computer), NotProbed),
		} {
			words := d.What.String() + " " + d.Next.String()
			if !strings.Contains(d.What.String(), want) {
				t.Errorf("on %s, %v says %q, want %q", computer, d.Reach, d.What.String(), want)
			}
			if j := regexp.MustCompile(`\d/\d|\d\.x\b`).FindString(words); j != "" {
				t.Errorf("on %s, %v writes %q: %s", computer, d.Reach, j, words)
			}
		}
	}
}

func TestDiagnoseCameraOnAnotherNetworkThatAnswersThroughARouterIsReachable(t *testing.T) {
	d := Diagnose(addrs("10.81.2.15"), lan("10.81.1.50/24"), ProbeAnswered)
	if d.Reach != ReachOK || !strings.Contains(d.What.String(), "10.81.2.15") {
		t.Fatalf("%v %q", d.Reach, d.What.String())
	}
}
