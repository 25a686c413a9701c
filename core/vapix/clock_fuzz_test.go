package vapix

import (
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/devtext"
)

// The time.cgi documentation's own getDateTimeInfo data, with an IANA
// zone, with a POSIX rule only, and with both.
const (
	dtIANA  = `{"dateTime": "2018-11-19T13:26:53Z", "localDateTime": "2018-11-19T14:26:53+01:00", "maxYearSupported": 2069, "timeZone": "Europe/Stockholm"}`
	dtPOSIX = `{"dateTime": "2018-11-19T13:26:53Z", "localDateTime": "2018-11-19T14:26:53+01:00", "maxYearSupported": 2069, "posixTimeZone": "CET-1CEST,M3.5.0,M10.5.0/3", "dstEnabled": true}`
	dtBoth  = `{"dateTime": "2018-11-19T13:26:53Z", "localDateTime": "2018-11-19T14:26:53+01:00", "maxYearSupported": 2069, "timeZone": "Europe/Stockholm", "posixTimeZone": "CET-1CEST,M3.5.0,M10.5.0/3", "dstEnabled": true}`
	// The NTP API documentation's getNTPInfo data.
	ntpDoc = `{"client": {"enabled": true, "NTSEnabled": false, "serversSource": "DHCP", "maxSupportedStaticServers": 5, "staticServers": ["192.168.0.80"], "advertisedServers": ["ntp.someserver.com", "12.7.232.11"], "synced": true, "timeToNextSync": 1234, "timeOffset": -12.34}}`
)

func TestParseDateTimeInfoPrefersTheIANAZone(t *testing.T) {
	for _, c := range []struct {
		body, zone string
		posix      bool
	}{{dtIANA, "Europe/Stockholm", false}, {dtPOSIX, "CET-1CEST,M3.5.0,M10.5.0/3", true}, {dtBoth, "Europe/Stockholm", false}} {
		info, err := parseDateTimeInfo([]byte(c.body))
		if err != nil {
			t.Fatal(err)
		}
		zone, posix := info.zone()
		if !info.at.Equal(time.Date(2018, 11, 19, 13, 26, 53, 0, time.UTC)) || !info.whole || zone != c.zone || posix != c.posix {
			t.Errorf("%s: %+v, zone %q posix %v", c.body, info, zone, posix)
		}
	}
}

func TestNTPInfoWithDHCPServersReportsTheAdvertisedOnes(t *testing.T) {
	n, err := parseNTPInfo([]byte(ntpDoc))
	if err != nil {
		t.Fatal(err)
	}
	src, servers := n.source()
	if src != SyncDHCP || strings.Join(servers, ",") != "ntp.someserver.com,12.7.232.11" {
		t.Errorf("source %q, servers %v", src, servers)
	}
}

func TestTimeParamsOfA12CameraMeanNTPFromDHCP(t *testing.T) {
	// RS4A's recorded 12.9.57 values.
	p, err := parseTimeParams([]byte("root.Time.ObtainFromDHCP=yes\nroot.Time.POSIXTimeZone=UTC0\nroot.Time.SyncSource=NTP\nroot.Time.NTP.Server=0.0.0.0\n"))
	if err != nil {
		t.Fatal(err)
	}
	if src, servers := p.source(); src != SyncDHCP || servers != nil || p.posix != "UTC0" {
		t.Errorf("source %q, servers %v, zone %q", src, servers, p.posix)
	}
}

func TestPlaceTakesTheMiddleOfAWholeSecondAndOfTheExchange(t *testing.T) {
	sent := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tm := &exchangeTiming{sent: sent, got: sent.Add(200 * time.Millisecond)}
	r, err := place(sent.Add(73*time.Second), true, tm)
	if err != nil {
		t.Fatal(err)
	}
	if r.Offset != 73*time.Second+400*time.Millisecond || r.Precision != 600*time.Millisecond {
		t.Errorf("offset %v, precision %v", r.Offset, r.Precision)
	}
	if _, err := place(time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), false, tm); KindOf(err) != BadReply {
		t.Errorf("a clock thousands of years off was taken: %v", err)
	}
}

func TestClockSettingValidationNamesWhatIsWrong(t *testing.T) {
	for _, c := range []struct {
		s    ClockSetting
		kind Kind
	}{
		{ClockSetting{NTPServers: []string{"pool.ntp.org", "10.0.0.1", "2001:db8::1"}, TimeZone: "Europe/Stockholm"}, Unknown},
		{ClockSetting{ComputerTime: true, TimeZone: "CET-1CEST,M3.5.0,M10.5.0/3"}, Unknown},
		{ClockSetting{TimeZone: "UTC0"}, Unknown},
		{ClockSetting{TimeZone: "Etc/GMT+3"}, Unknown},
		{ClockSetting{TimeZone: "<+0330>-3:30"}, Unknown},
		{ClockSetting{}, InvalidSettings},
		{ClockSetting{NTPServers: []string{"a"}, ComputerTime: true}, InvalidSettings},
		{ClockSetting{NTPServers: []string{"ntp server"}}, InvalidTimeServer},
		{ClockSetting{NTPServers: []string{"ntp\x00.example"}}, InvalidTimeServer},
		{ClockSetting{NTPServers: []string{"0.0.0.0"}}, InvalidTimeServer},
		{ClockSetting{NTPServers: []string{"10.0.0.300"}}, InvalidTimeServer},
		{ClockSetting{NTPServers: []string{"-bad.example"}}, InvalidTimeServer},
		{ClockSetting{NTPServers: []string{strings.Repeat("a", 64) + ".example"}}, InvalidTimeServer},
		{ClockSetting{NTPServers: []string{"a", "b", "c", "d", "e", "f"}}, InvalidTimeServer},
		{ClockSetting{ComputerTime: true, TimeZone: "Europe/Stock holm"}, InvalidTimeZone},
		{ClockSetting{ComputerTime: true, TimeZone: "CET-1CEST,M13.5.0,M10.5.0/3"}, InvalidTimeZone},
		{ClockSetting{ComputerTime: true, TimeZone: "../../etc/passwd"}, InvalidTimeZone},
	} {
		err := c.s.Validate()
		if KindOf(err) != c.kind || (c.kind == Unknown) != (err == nil) {
			t.Errorf("%+v: %v, want kind %v", c.s, err, c.kind)
		}
		if e, ok := err.(*Error); ok && (e.Detail == "" || e.Explain().What.Key == "") {
			t.Errorf("%+v: the refusal does not say why: %+v", c.s, e)
		}
	}
}

func TestFriendlyNamesAreCheckedAndTrimmedAtACharacterBoundary(t *testing.T) {
	for _, bad := range []string{"", " ", " lead", "trail ", "line\nbreak", "tab\there", "bell\a", strings.Repeat("x", 64), "\xff"} {
		if KindOf(ValidateFriendlyName(bad)) != InvalidName {
			t.Errorf("%q was accepted", bad)
		}
	}
	for _, good := range []string{"Entrance", "Entrance – Building 4", "Kamera Ängelholm", strings.Repeat("x", 63)} {
		if err := ValidateFriendlyName(good); err != nil {
			t.Errorf("%q: %v", good, err)
		}
	}
	long := strings.Repeat("ä", 40) // 80 bytes
	got := TrimFriendlyName(long)
	if len(got) > MaxFriendlyNameBytes || ValidateFriendlyName(got) != nil || got != strings.Repeat("ä", 31) {
		t.Errorf("trimmed to %q (%d bytes)", got, len(got))
	}
}

func FuzzParseDateTimeInfo(f *testing.F) {
	for _, s := range []string{dtIANA, dtPOSIX, dtBoth, `{"dateTime":"1970-01-01T00:00:00.5+02:00"}`, `{"dateTime":"x","timeZone":"\u001b[2J"}`, `[]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		info, err := parseDateTimeInfo(body)
		parseErrorKindOK(t, err, BadReply)
		if err != nil {
			return
		}
		zone, _ := info.zone()
		if devtext.Clean(zone) != zone || len(zone) > maxZoneLen || info.at.Location() != time.UTC {
			t.Fatalf("zone %q, time %v", zone, info.at)
		}
	})
}

func FuzzParseNTPInfo(f *testing.F) {
	for _, s := range []string{ntpDoc, `{"client":{"enabled":false}}`, `{"client":{"enabled":true,"serversSource":"static","staticServers":["a b","\u001b]0;x"]}}`, `{}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		n, err := parseNTPInfo(body)
		if err == errAPIMissing {
			return
		}
		parseErrorKindOK(t, err, BadReply)
		_, servers := n.source()
		if len(servers) > maxServersKept {
			t.Fatalf("%d servers kept", len(servers))
		}
		for _, s := range servers {
			if validServer(s) != "" {
				t.Fatalf("server %q kept", s)
			}
		}
	})
}

func FuzzParseTimeParams(f *testing.F) {
	for _, s := range []string{"root.Time.SyncSource=NTP\nroot.Time.POSIXTimeZone=UTC0\n", "# Error: Error -1 getting param in group 'Time'\n", "root.Time.NTP.Server=\u001b[2J\n", "<html>"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := parseTimeParams(body)
		parseErrorKindOK(t, err, BadReply)
		_, servers := p.source()
		for _, s := range servers {
			if validServer(s) != "" {
				t.Fatalf("server %q kept", s)
			}
		}
		if devtext.Clean(p.posix) != p.posix {
			t.Fatalf("zone %q", p.posix)
		}
	})
}

func FuzzParseDateHeader(f *testing.F) {
	for _, s := range []string{"Thu, 19 Sep 2019 18:15:20 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseDateHeader(s)
		parseErrorKindOK(t, err, BadReply)
		if err == nil && d.Location() != time.UTC {
			t.Fatalf("%v not in UTC", d)
		}
	})
}

func FuzzCheckJPEG(f *testing.F) {
	f.Add("image/jpeg", []byte("\xff\xd8\xff\xdb"))
	f.Add("text/html", []byte("<html>"))
	f.Fuzz(func(t *testing.T, ct string, body []byte) {
		parseErrorKindOK(t, checkJPEG(ct, body), NotAnImage)
	})
}

func FuzzValidatePOSIXZone(f *testing.F) {
	for _, s := range []string{"UTC0", "CET-1CEST,M3.5.0,M10.5.0/3", "<+0330>-3:30", "EST5EDT,J60/2,300/-1", "X"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if validPOSIXZone(s) {
			for _, r := range s {
				if r <= ' ' || r > 0x7e {
					t.Fatalf("%q accepted", s)
				}
			}
		}
	})
}
