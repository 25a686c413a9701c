package camaddr

import (
	"errors"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"testing"
)

func TestAddressesPeopleTypeAreRead(t *testing.T) {
	for text, want := range map[string]Address{
		"192.168.0.90":                {Host: "192.168.0.90"},
		" 192.168.0.90:8080 ":         {Host: "192.168.0.90", Port: 8080},
		"http://192.168.0.90/":        {Scheme: "http", Host: "192.168.0.90"},
		"HTTPS://10.0.0.5:8443":       {Scheme: "https", Host: "10.0.0.5", Port: 8443},
		"fe80::1":                     {Host: "fe80::1"},
		"fe80::1%eth0":                {Host: "fe80::1%eth0"},
		"[fe80::1%eth0]:8080":         {Host: "fe80::1%eth0", Port: 8080},
		"axis-accc8e270ad8.local":     {Host: "axis-accc8e270ad8.local"},
		"camera-3":                    {Host: "camera-3"},
		"CAMERA3.site.example.":       {Host: "CAMERA3.site.example."},
		"reception.example.com:65535": {Host: "reception.example.com", Port: 65535},
	} {
		got, err := Parse(text)
		if err != nil || got != want {
			t.Errorf("%q: %+v, %v; want %+v", text, got, err, want)
		}
	}
}

func TestAddressesThatCannotBeACameraAreRefusedWithoutBeingRepeated(t *testing.T) {
	for _, text := range []string{
		"999.1.1.1", "10.0.0", "10.0.0.256:80",
		"10.0.0.5:0", "10.0.0.5:99999", "10.0.0.5:", "10.0.0.5:08080", "10.0.0.5:+80", "10.0.0.5:http",
		"Quartz-Zebra 42", "hunter2!", "Tr0ub4dor", "p@ssw0rd", "S3cret%Pass",
		"http://10.0.0.5/axis-cgi/", "ftp://10.0.0.5", "fe80::1:8080:zz", "[10.0.0.5]:80",
		"-camera", "camera-", "a..b", strings.Repeat("a", 64) + ".local", "router.123",
	} {
		_, err := Parse(text)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%q: %v, want an *Error", text, err)
			continue
		}
		p := e.Explain()
		for _, said := range []string{e.Error(), p.What.String(), p.Next.String()} {
			if len(text) >= 4 && strings.Contains(said, strings.TrimSpace(text)) {
				t.Errorf("%q is repeated in %q", text, said)
			}
		}
	}
}

func TestEachRefusalSaysItsOwnReason(t *testing.T) {
	for text, want := range map[string]Kind{
		"  ":                            Empty,
		"root:Tr0ub4dor@10.0.0.5":       UserInfo,
		"ftp://10.0.0.5":                Scheme,
		"10.0.0.5/axis-cgi":             Path,
		"10.0.0.5:99999":                Port,
		"10.0.0.5:":                     Port,
		"[fe80::1":                      Brackets,
		"[10.0.0.5]:80":                 Brackets,
		"[fe80::1]x":                    Brackets,
		"fe80::1:8080:zz":               IPv6Port,
		":8080":                         NoHost,
		"192.168.1.300":                 NotIPv4,
		strings.Repeat("a.", 127) + "a": NameTooLong,
		"Quartz-Zebra 42":               NotAName,
		"router.123":                    NameEndsInNumber,
		"Tr0ub4dor":                     LooksLikePassword,
	} {
		_, err := Parse(text)
		if KindOf(err) != want || !errors.Is(err, want) {
			t.Errorf("%q: %v, want %v", text, err, want)
		}
	}
}

func TestEveryKindHasItsOwnWordsInTheCatalogue(t *testing.T) {
	keys := map[string]bool{}
	for _, m := range Messages() {
		if keys[m.Key] {
			t.Errorf("key %q is listed twice", m.Key)
		}
		keys[m.Key] = true
	}
	for k := Unknown; k <= LooksLikePassword; k++ {
		p := (&Error{Kind: k}).Explain()
		if k != Unknown && p.What.Key == errorMessages[Unknown][0].Key {
			t.Errorf("kind %v has no words of its own", k)
		}
		if !keys[p.What.Key] || !keys[p.Next.Key] || p.What.String() == "" || p.Next.String() == "" {
			t.Errorf("kind %v: %q / %q missing from Messages()", k, p.What.Key, p.Next.Key)
		}
		if strings.Contains(p.What.String()+p.Next.String(), "{{") {
			t.Errorf("kind %v renders a template field: %q %q", k, p.What.String(), p.Next.String())
		}
	}
}

// format writes a back the way Parse reads it.
func format(a Address) string {
	s := a.Host
	if a.Port != 0 {
		s = net.JoinHostPort(a.Host, strconv.Itoa(a.Port))
	}
	if a.Scheme != "" {
		s = a.Scheme + "://" + s
	}
	return s
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"192.168.0.90", "10.0.0.5:8080", "https://[fe80::1%eth0]:8443/", "axis-cam.local", "999.1.1.1", "Quartz-Zebra 42", "a:b:c", "[", "http://", "Tr0ub4dor", "u:p@h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		a, err := Parse(text)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Kind == Unknown {
				t.Fatalf("%q refused with %#v", text, err)
			}
			return
		}
		if a.Host == "" || a.Port < 0 || a.Port > 65535 || (a.Scheme != "" && a.Scheme != "http" && a.Scheme != "https") {
			t.Fatalf("%q read as %+v", text, a)
		}
		// An IPv6 zone may hold spaces; nothing else that ends an
		// address may get through.
		if strings.ContainsAny(a.Host, "@/?#") {
			t.Fatalf("%q gave host %q", text, a.Host)
		}
		if _, err := netip.ParseAddr(a.Host); err != nil {
			for _, l := range strings.Split(strings.TrimSuffix(a.Host, "."), ".") {
				if !isLabel(l) {
					t.Fatalf("%q gave host %q with label %q", text, a.Host, l)
				}
			}
		}
		if again, err := Parse(format(a)); err != nil || again != a {
			t.Fatalf("%q → %q → %+v, %v", text, format(a), again, err)
		}
	})
}
