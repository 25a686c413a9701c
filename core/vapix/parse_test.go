package vapix

import (
	"errors"
	"net/netip"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Real bodies, recorded on devices by ACAPRS, RS4A and AXJS (sources listed
// in docs/protocol.md).
const (
	srGen10Setup  = `{"apiVersion": "1.2", "method": "systemready", "data": {"systemready": "yes", "needsetup": "yes"}}`
	srGen11Boot   = `{"apiVersion":"1.4","method":"systemready","data":{"systemready":"no","needsetup":"yes","uptime":"65","bootid":"e61ab59b-3ac0-4c4c-9c38-8d4a9b1f3a11","previewmode":"7200"}}`
	srGen12Ready  = `{"apiVersion": "1.5", "method": "systemready", "data": {"systemready": "yes", "needsetup": "no", "uptime": "0", "bootid": "00000000-0000-0000-0000-000000000000", "passphrasepolicy": "none"}}`
	bdiGen12      = `{"apiVersion": "1.3", "data": {"propertyList": {"ProdNbr": "M1075-L", "HardwareID": "92A.1", "ProdFullName": "AXIS M1075-L Box Camera", "Version": "12.9.57", "ProdType": "Box Camera", "Brand": "AXIS", "WebURL": "https://www.axis.com", "ProdVariant": "", "SerialNumber": "0123456789AB", "ProdShortName": "AXIS M1075-L", "BuildDate": "Feb 20 2026 18:24"}}}`
	bdiEmpty      = `{"apiVersion": "1.3", "data": {"propertyList": {}}}`
	bdiGetError   = `{"apiVersion":"1.3","error":{"code":2002,"message":"HTTP request type not supported. Only POST is supported"}}`
	pwdgrpCreated = "<html><head><title>User accounts</title></head><body bgcolor=#ffffff>Created account root.\n</body>\n\n</html>"
	pwdgrpExists  = "<html><head><title>User accounts</title></head><body bgcolor=#ffffff>Error: this user name already exists, consult the system log file.\n</body>\n\n</html>"
	pwdgrpInitial = "Error: not a valid initial admin user."
	paramsGen12   = "root.Brand.ProdShortName=AXIS D4200-VE\r\nroot.Properties.Firmware.Version=12.9.57\r\nroot.Properties.Firmware.BuildDate=Feb 20 2026 18:19\r\nroot.Network.UPnP.Enabled=no\r\n"
	paramsError   = "root.Brand.Brand=AXIS\n# Error: Error -1 getting param in group 'Properties.Image.Resolution'\n"
)

func TestParseSystemReadyReadsEachGenerationsRecordedReply(t *testing.T) {
	cases := []struct {
		name string
		body string
		want SystemReady
	}{
		{"10.12 factory default has no uptime", srGen10Setup, SystemReady{APIVersion: "1.2", Ready: true, NeedsSetup: true}},
		{"11.11 booting in preview mode", srGen11Boot, SystemReady{APIVersion: "1.4", NeedsSetup: true, Uptime: 65 * time.Second, HasUptime: true,
			BootID: "e61ab59b-3ac0-4c4c-9c38-8d4a9b1f3a11", PreviewMode: "7200"}},
		{"12.9 set up with passphrase policy", srGen12Ready, SystemReady{APIVersion: "1.5", Ready: true, HasUptime: true,
			BootID: "00000000-0000-0000-0000-000000000000", PassphrasePolicy: "none"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseSystemReady([]byte(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Fatalf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestParseSystemReadyRejectsRepliesThatAreNotSystemReady(t *testing.T) {
	for _, body := range []string{
		"", "<html>router login</html>", `{"apiVersion":"1"`, `{"apiVersion":"1","data":{}}`,
		`{"data":{"systemready":"maybe"}}`, `{"data":{"systemready":"yes","uptime":"soon"}}`,
		`{"data":{"systemready":"yes","uptime":"NaN"}}`, `{"data":{"systemready":{"a":1}}}`,
	} {
		if _, err := ParseSystemReady([]byte(body)); KindOf(err) != BadReply {
			t.Errorf("ParseSystemReady(%q) kind = %v (%v), want BadReply", body, KindOf(err), err)
		}
	}
	_, err := ParseSystemReady([]byte(`{"apiVersion":"1","error":{"code":"4000","message":"Invalid parameter"}}`))
	if KindOf(err) != CameraRefused || !strings.Contains(err.Error(), "4000") {
		t.Errorf("an API error object gave %v, want CameraRefused naming code 4000", err)
	}
}

func TestParseDeviceInfoReadsTheRecordedPropertyList(t *testing.T) {
	got, err := ParseDeviceInfo([]byte(bdiGen12))
	if err != nil {
		t.Fatal(err)
	}
	want := DeviceInfo{Brand: "AXIS", BuildDate: "Feb 20 2026 18:24", HardwareID: "92A.1", ProdFullName: "AXIS M1075-L Box Camera",
		ProdNbr: "M1075-L", ProdShortName: "AXIS M1075-L", ProdType: "Box Camera", SerialNumber: "0123456789AB",
		Version: "12.9.57", WebURL: "https://www.axis.com"}
	if got != want {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}

func TestParseDeviceInfoToleratesAnEmptyAnonymousList(t *testing.T) {
	got, err := ParseDeviceInfo([]byte(bdiEmpty))
	if err != nil || !got.empty() {
		t.Fatalf("empty propertyList: %+v, %v; want an empty DeviceInfo and no error", got, err)
	}
	if _, err := ParseDeviceInfo([]byte(bdiGetError)); KindOf(err) != CameraRefused {
		t.Fatalf("error object: %v, want CameraRefused", err)
	}
	if _, err := ParseDeviceInfo([]byte(`{"apiVersion":"1.3","data":{}}`)); KindOf(err) != BadReply {
		t.Fatalf("data without propertyList: %v, want BadReply", err)
	}
}

func TestParsePwdgrpReplyUnwrapsTheHTMLPage(t *testing.T) {
	cases := []struct {
		body    string
		msg     string
		isError bool
	}{
		{pwdgrpCreated, "Created account root.", false},
		{pwdgrpExists, "Error: this user name already exists, consult the system log file.", true},
		{pwdgrpInitial, "Error: not a valid initial admin user.", true},
		{"<HTML><BODY>Error: invalid password.</BODY></HTML>", "Error: invalid password.", true},
		{"<body>Modified account joe &amp; co.</body>", "Modified account joe & co.", false},
	}
	for _, tc := range cases {
		msg, isErr, err := ParsePwdgrpReply([]byte(tc.body))
		if err != nil || msg != tc.msg || isErr != tc.isError {
			t.Errorf("ParsePwdgrpReply(%q) = %q, %v, %v; want %q, %v", tc.body, msg, isErr, err, tc.msg, tc.isError)
		}
	}
	for _, body := range []string{"", "<html><body>  </body></html>", "\x00\xff<!--", strings.Repeat("x", 400)} {
		if _, _, err := ParsePwdgrpReply([]byte(body)); KindOf(err) != BadReply {
			t.Errorf("ParsePwdgrpReply(%q) error = %v, want BadReply", body, err)
		}
	}
}

func TestParseParamsReadsLinesAndReportsErrorLines(t *testing.T) {
	got, err := ParseParams([]byte(paramsGen12))
	if err != nil {
		t.Fatal(err)
	}
	want := []Param{
		{"root.Brand.ProdShortName", "AXIS D4200-VE"},
		{"root.Properties.Firmware.Version", "12.9.57"},
		{"root.Properties.Firmware.BuildDate", "Feb 20 2026 18:19"},
		{"root.Network.UPnP.Enabled", "no"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v\nwant %v", got, want)
	}
	got, err = ParseParams([]byte(paramsError))
	if KindOf(err) != CameraRefused || !strings.Contains(err.Error(), "Properties.Image.Resolution") {
		t.Fatalf("error line: %v, want CameraRefused naming the group", err)
	}
	if len(got) != 1 || got[0].Value != "AXIS" {
		t.Fatalf("the parameters before the error line were lost: %v", got)
	}
	if _, err := ParseParams([]byte("<html><body>Not found</body></html>")); KindOf(err) != BadReply {
		t.Fatalf("HTML page: %v, want BadReply", err)
	}
	got, _ = ParseParams([]byte("root.A.B=x=y\n"))
	if len(got) != 1 || got[0].Value != "x=y" {
		t.Fatalf("a value holding '=' was split wrongly: %v", got)
	}
}

func TestPasswordRules(t *testing.T) {
	long := strings.Repeat("a", 64)
	for _, pw := range []string{"a", "Good morning", "p&ss#w+rd%20=", long, " ~"} {
		if err := ValidatePassword(pw); err != nil {
			t.Errorf("ValidatePassword(%q) = %v, want ok", pw, err)
		}
	}
	for _, pw := range []string{"", long + "a", "tab\there", "café", "new\nline", "\x7f"} {
		err := ValidatePassword(pw)
		if KindOf(err) != InvalidPassword {
			t.Errorf("ValidatePassword(%q) = %v, want InvalidPassword", pw, err)
			continue
		}
		if pw != "" && strings.Contains(err.Error(), pw) {
			t.Errorf("the error for %q quotes the password: %v", pw, err)
		}
	}
	if !PasswordIsWeak("short") || PasswordIsWeak("longenough") || PasswordIsWeak("") {
		t.Error("PasswordIsWeak should hold only for valid passwords under 8 characters")
	}
}

func TestUserNameRules(t *testing.T) {
	for _, u := range []string{"root", "a", "Admin2", "abcdefghijklmn"} {
		if err := ValidateUserName(u); err != nil {
			t.Errorf("ValidateUserName(%q) = %v", u, err)
		}
	}
	for _, u := range []string{"", "abcdefghijklmno", "user!", "bad name", "jöe", "a_b"} {
		if KindOf(ValidateUserName(u)) != InvalidUserName {
			t.Errorf("ValidateUserName(%q) accepted", u)
		}
	}
}

func TestEscapeQueryValueLeavesNothingACGICouldMisread(t *testing.T) {
	got := escapeQueryValue("a b&c#d+e%f=g/h?~")
	want := "a%20b%26c%23d%2Be%25f%3Dg%2Fh%3F~"
	if got != want {
		t.Fatalf("escapeQueryValue = %q, want %q", got, want)
	}
}

func TestNewAcceptsTheAddressFormsPeopleType(t *testing.T) {
	cases := map[string]string{
		"10.0.0.5":               "http://10.0.0.5:80",
		"10.0.0.5:8080":          "http://10.0.0.5:8080",
		"https://10.0.0.5":       "https://10.0.0.5:443",
		"http://camera.local/":   "http://camera.local:80",
		"fe80::1":                "http://[fe80::1]:80",
		"[fe80::1]:81":           "http://[fe80::1]:81",
		" https://[::1]:8443 ":   "https://[::1]:8443",
		"fe80::1%eth0":           "http://[fe80::1%25eth0]:80",
		"HTTP://192.168.0.90:80": "http://192.168.0.90:80",
	}
	for in, want := range cases {
		c, err := New(in, Options{})
		if err != nil {
			t.Errorf("New(%q): %v", in, err)
			continue
		}
		if c.BaseURL() != want {
			t.Errorf("New(%q).BaseURL() = %q, want %q", in, c.BaseURL(), want)
		}
	}
	for _, in := range []string{"", "ftp://x", "http://root:pw@10.0.0.5", "10.0.0.5/axis-cgi", "http://10.0.0.5?x=1", "http://"} {
		_, err := New(in, Options{})
		if KindOf(err) != InvalidAddress {
			t.Errorf("New(%q) = %v, want InvalidAddress", in, err)
		}
		if strings.Contains(in, "pw@") && err != nil && strings.Contains(err.Error(), "pw") {
			t.Errorf("the error repeats the password in the address: %v", err)
		}
	}
}

func TestRealmNamesTheCamera(t *testing.T) {
	cases := map[string]string{
		`Digest realm="AXIS_ACCC8EB3494E", nonce="PNHWZB6nBQA=316099a1", stale=true, algorithm=MD5, qop="auth"`: "ACCC8EB3494E",
		`Digest realm="AXIS_WS_ACCC8E494578", nonce="x", algorithm=MD5, qop="auth"`:                             "ACCC8E494578",
		`Basic realm="AXIS_00408CFE6F45"`:      "00408CFE6F45",
		`Digest realm="Router", nonce="x"`:     "",
		`Digest realm="AXIS_12345", nonce="x"`: "",
	}
	for challenge, want := range cases {
		h := map[string][]string{"Www-Authenticate": {challenge}}
		if got := realmMAC(h); got != want {
			t.Errorf("realmMAC(%q) = %q, want %q", challenge, got, want)
		}
	}
}

func TestNetworkConfigValidation(t *testing.T) {
	ok := []string{"192.168.1.50/24", "10.0.0.2/8", "172.16.5.5/30"}
	for _, p := range ok {
		if err := (NetworkConfig{Address: mustPrefix(p)}).Validate(); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	bad := []NetworkConfig{
		{},
		{Address: mustPrefix("192.168.1.0/24")},
		{Address: mustPrefix("192.168.1.255/24")},
		{Address: mustPrefix("fe80::1/64")},
		{Address: mustPrefix("127.0.0.1/8")},
		{Address: mustPrefix("224.0.0.1/4")},
		{Address: mustPrefix("192.168.1.50/24"), Gateway: mustAddr("10.0.0.1")},
		{Address: mustPrefix("192.168.1.50/24"), Gateway: mustAddr("192.168.1.50")},
		{DHCP: true, DNS: []netip.Addr{mustAddr("0.0.0.0")}},
	}
	for _, cfg := range bad {
		if err := cfg.Validate(); KindOf(err) != InvalidSettings {
			t.Errorf("Validate(%+v) = %v, want InvalidSettings", cfg, err)
		}
	}
	if got := broadcastOf(mustPrefix("192.168.1.50/24")).String(); got != "192.168.1.255" {
		t.Errorf("broadcast of /24 = %s", got)
	}
	if got := maskOf(20).String(); got != "255.255.240.0" {
		t.Errorf("mask of /20 = %s", got)
	}
}

func TestEveryKindExplainsItselfInPlainWords(t *testing.T) {
	for k := Unknown; k <= InvalidSettings; k++ {
		t.Run(k.String(), func(t *testing.T) {
			if strings.HasPrefix(k.String(), "kind(") {
				t.Fatalf("kind %d has no name", int(k))
			}
			if _, ok := messages[k]; !ok {
				t.Fatalf("kind %v has no message of its own", k)
			}
			e := &Error{Kind: k, Op: "do something", Host: "10.0.0.5", Detail: "details", RetryAfter: 10 * time.Second}
			p := e.Explain()
			if p.What.Key == "" || p.Next.Key == "" || strings.TrimSpace(p.What.String()) == "" || strings.TrimSpace(p.Next.String()) == "" {
				t.Fatalf("Explain() = %+v, want non-empty What and Next", p)
			}
			if strings.Contains(p.What.String()+p.Next.String(), "{{") {
				t.Fatalf("unrendered template in %q / %q", p.What.String(), p.Next.String())
			}
			if !errors.Is(e, k) {
				t.Fatalf("errors.Is(err, %v) is false", k)
			}
		})
	}
}

func mustPrefix(s string) netip.Prefix { return netip.MustParsePrefix(s) }
func mustAddr(s string) netip.Addr     { return netip.MustParseAddr(s) }
