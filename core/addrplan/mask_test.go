package addrplan

import (
	"net/netip"
	"strconv"
	"testing"
)

func TestParseMaskReadsDottedMasksAndPrefixLengths(t *testing.T) {
	for in, want := range map[string]int{
		"255.255.255.0": 24, " 255.255.0.0 ": 16, "255.255.255.252": 30, "255.0.0.0": 8, "255.255.240.0": 20,
		"/24": 24, "24": 24, "/8": 8, "30": 30,
	} {
		got, err := ParseMask(in)
		if err != nil || got != want {
			t.Errorf("%q: %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "/", "255.255.255.255", "255.255.255.254", "255.0.255.0", "0.0.0.0", "/31", "7", "/33", "024x", "+24", "-24", "255.255.255", "::", "1e2", "/2 4"} {
		if bits, err := ParseMask(in); err == nil || KindOf(err) != BadMask {
			t.Errorf("%q read as /%d (%v)", in, bits, err)
		}
	}
}

func TestMaskTextAndParseMaskAgreeOnEveryAcceptedLength(t *testing.T) {
	for bits := MinBits; bits <= MaxBits; bits++ {
		got, err := ParseMask(MaskText(bits))
		if err != nil || got != bits {
			t.Errorf("/%d → %s → %d, %v", bits, MaskText(bits), got, err)
		}
	}
	if MaskText(24) != "255.255.255.0" {
		t.Errorf("/24 is %s", MaskText(24))
	}
}

func TestLeadingIsTheSharedPartOfNetworksThatEndOnADot(t *testing.T) {
	for p, want := range map[string]string{"10.0.4.17/24": "10.0.4.", "172.16.9.1/16": "172.16.", "10.1.2.3/8": "10.", "10.0.4.0/20": "", "10.0.4.0/26": ""} {
		got, ok := Leading(netip.MustParsePrefix(p))
		if got != want || ok != (want != "") {
			t.Errorf("%s: %q %v, want %q", p, got, ok, want)
		}
	}
}

// FuzzParseMask: whatever is typed, a mask read is one a plan accepts, and
// it reads the same when written back as dotted text or a prefix length.
func FuzzParseMask(f *testing.F) {
	for _, s := range []string{"255.255.255.0", "/24", "24", "255.255.0.0", "", "255.255.255.255", "1.2.3.4", "/", "0x18", "٢٤"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		bits, err := ParseMask(s)
		if err != nil {
			if KindOf(err) != BadMask {
				t.Fatalf("%q: error %v is no BadMask", s, err)
			}
			return
		}
		if bits < MinBits || bits > MaxBits {
			t.Fatalf("%q read as /%d", s, bits)
		}
		for _, back := range []string{MaskText(bits), "/" + strconv.Itoa(bits)} {
			if again, err := ParseMask(back); err != nil || again != bits {
				t.Fatalf("%q → /%d → %q → %d, %v", s, bits, back, again, err)
			}
		}
	})
}
