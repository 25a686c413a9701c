package camsim_test

import (
	"testing"

	"github.com/openipu/openipu/core/camsim"
)

func TestParseGenerationAcceptsTrackOrFullVersion(t *testing.T) {
	for in, want := range map[string]camsim.Generation{
		"10.12": camsim.Gen10, "10.12.228": camsim.Gen10, "11.11": camsim.Gen11, " 11.11.192 ": camsim.Gen11,
		"12.9": camsim.Gen12, "12.9.57": camsim.Gen12,
	} {
		got, err := camsim.ParseGeneration(in)
		if err != nil || got != want {
			t.Errorf("ParseGeneration(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "9.80", "12", "12.90", "11.1", "mixed"} {
		if g, err := camsim.ParseGeneration(bad); err == nil {
			t.Errorf("ParseGeneration(%q) = %q, want an error", bad, g)
		}
	}
}

func TestFirmwareVersionsAreTheRecordedOnes(t *testing.T) {
	for g, want := range map[camsim.Generation]string{camsim.Gen10: "10.12.228", camsim.Gen11: "11.11.192", camsim.Gen12: "12.9.57"} {
		if got := g.FirmwareVersion(); got != want {
			t.Errorf("%s: %q, want %q", g, got, want)
		}
	}
}

func TestNewRejectsInvalidConfig(t *testing.T) {
	for name, cfg := range map[string]camsim.Config{
		"short MAC":          {MAC: "00408C12"},
		"non-hex MAC":        {MAC: "00408C12345G"},
		"unknown generation": {Generation: "13.1"},
		"host name address":  {HTTPAddr: "localhost:0"},
		"bad HTTPS address":  {HTTPSAddr: "127.0.0.1"},
		"bad admin name":     {Admin: &camsim.Account{User: "with space", Password: "x"}},
		"empty admin pwd":    {Admin: &camsim.Account{User: "root"}},
	} {
		if _, err := camsim.New(cfg); err == nil {
			t.Errorf("%s: New accepted %+v", name, cfg)
		}
	}
}

func TestNewNormalisesMACAndDefaultsTo1111(t *testing.T) {
	cam, err := camsim.New(camsim.Config{MAC: "ac:cc:8e:01:02:0a"})
	if err != nil {
		t.Fatal(err)
	}
	if cam.MAC() != "ACCC8E01020A" || cam.Generation() != camsim.Gen11 || cam.Model() != "M1075-L" {
		t.Errorf("MAC %q, generation %q, model %q", cam.MAC(), cam.Generation(), cam.Model())
	}
	if cam.HTTPSURL() == "" || len(cam.CertFingerprint()) != 64 {
		t.Errorf("HTTPS %q, fingerprint %q", cam.HTTPSURL(), cam.CertFingerprint())
	}
	off, err := camsim.New(camsim.Config{HTTPSAddr: "off"})
	if err != nil {
		t.Fatal(err)
	}
	if off.HTTPSURL() != "" {
		t.Errorf("HTTPS off still has URL %q", off.HTTPSURL())
	}
}
