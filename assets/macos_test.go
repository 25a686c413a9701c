package assets

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/openipu/openipu/core/discovery"
)

// macOSAdditions is the fragment .ci/package-macos merges into the app's
// Info.plist. It cannot be tried on Linux, so these tests hold it to what
// the script and macOS expect of it.
const macOSAdditions = "macos/Info.plist.additions"

// plistEntry is one top-level value of the fragment: a string or an array
// of strings, the only kinds the fragment has a use for.
type plistEntry struct {
	str    string
	list   []string
	isList bool
}

// readPlistDict reads the top-level dict of an XML property list, in order.
func readPlistDict(r io.Reader) ([]string, map[string]plistEntry, error) {
	dec := xml.NewDecoder(r)
	var order []string
	entries := map[string]plistEntry{}
	var path []string
	pending := ""
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			where := strings.Join(path, "/")
			switch {
			case where == "" && t.Name.Local == "plist", where == "plist" && t.Name.Local == "dict":
				path = append(path, t.Name.Local)
			case where == "plist/dict" && t.Name.Local == "key":
				if pending != "" {
					return nil, nil, fmt.Errorf("key %q has no value", pending)
				}
				if err := dec.DecodeElement(&pending, &t); err != nil {
					return nil, nil, err
				}
				if _, dup := entries[pending]; dup || pending == "" {
					return nil, nil, fmt.Errorf("key %q is empty or repeated", pending)
				}
			case where == "plist/dict" && pending != "" && t.Name.Local == "string":
				var s string
				if err := dec.DecodeElement(&s, &t); err != nil {
					return nil, nil, err
				}
				entries[pending] = plistEntry{str: s}
				order, pending = append(order, pending), ""
			case where == "plist/dict" && pending != "" && t.Name.Local == "array":
				var arr struct {
					Items []struct {
						XMLName xml.Name
						Text    string `xml:",chardata"`
					} `xml:",any"`
				}
				if err := dec.DecodeElement(&arr, &t); err != nil {
					return nil, nil, err
				}
				e := plistEntry{isList: true}
				for _, it := range arr.Items {
					if it.XMLName.Local != "string" {
						return nil, nil, fmt.Errorf("%s: <%s> in an array; only strings are expected", pending, it.XMLName.Local)
					}
					e.list = append(e.list, it.Text)
				}
				entries[pending] = e
				order, pending = append(order, pending), ""
			default:
				return nil, nil, fmt.Errorf("<%s> under %q: only keys with a string or an array of strings are expected", t.Name.Local, where)
			}
		case xml.EndElement:
			if len(path) > 0 && path[len(path)-1] == t.Name.Local {
				path = path[:len(path)-1]
			}
		}
	}
	if pending != "" {
		return nil, nil, fmt.Errorf("key %q has no value", pending)
	}
	if len(order) == 0 {
		return nil, nil, errors.New("no <plist><dict> with keys")
	}
	return order, entries, nil
}

func readMacOSAdditions(t *testing.T) ([]string, map[string]plistEntry) {
	t.Helper()
	f, err := os.Open(macOSAdditions)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	order, entries, err := readPlistDict(f)
	if err != nil {
		t.Fatalf("%s: %v", macOSAdditions, err)
	}
	return order, entries
}

func TestMacOSBonjourServicesAreExactlyTheTypesDiscoveryQueries(t *testing.T) {
	_, entries := readMacOSAdditions(t)
	e, ok := entries["NSBonjourServices"]
	if !ok || !e.isList {
		t.Fatalf("%s has no NSBonjourServices array", macOSAdditions)
	}
	var want []string
	for _, svc := range discovery.MDNSServiceTypes() {
		// Info.plist lists "_type._proto", without the domain the query carries.
		want = append(want, strings.TrimSuffix(strings.TrimSuffix(svc, "."), ".local"))
	}
	if len(want) == 0 {
		t.Fatal("discovery queries no mDNS service type; the test read the wrong thing")
	}
	got := slices.Clone(e.list)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("NSBonjourServices = %q, discovery queries %q", got, want)
	}
	shape := regexp.MustCompile(`^_[a-z0-9-]+\._(tcp|udp)$`)
	for _, s := range e.list {
		if !shape.MatchString(s) {
			t.Errorf("NSBonjourServices entry %q is not of the form _service._tcp", s)
		}
	}
}

func TestMacOSLocalNetworkUsageDescriptionIsOneSentence(t *testing.T) {
	_, entries := readMacOSAdditions(t)
	e, ok := entries["NSLocalNetworkUsageDescription"]
	if !ok || e.isList {
		t.Fatalf("%s has no NSLocalNetworkUsageDescription string", macOSAdditions)
	}
	s := e.str
	if strings.TrimSpace(s) != s || s == "" {
		t.Fatalf("description %q is empty or has surrounding space", s)
	}
	if first := []rune(s)[0]; !unicode.IsUpper(first) {
		t.Errorf("description %q does not start with a capital", s)
	}
	if !strings.HasSuffix(s, ".") {
		t.Errorf("description %q does not end with a full stop", s)
	}
	if regexp.MustCompile(`[.!?]\s`).MatchString(s) || strings.Contains(s, "\n") {
		t.Errorf("description %q is more than one sentence", s)
	}
}

// The package script replaces fyne's value of every key in the fragment by
// deleting it first; it finds the keys with sed, one <key> per line.
func TestMacOSAdditionsKeysAreTheOnesThePackageScriptFinds(t *testing.T) {
	order, _ := readMacOSAdditions(t)
	data, err := os.ReadFile(macOSAdditions)
	if err != nil {
		t.Fatal(err)
	}
	sedKey := regexp.MustCompile(`<key>(.*)</key>`)
	var seen []string
	for _, line := range strings.Split(string(data), "\n") {
		if strings.Count(line, "<key>") > 1 {
			t.Errorf("more than one <key> on the line %q", line)
		}
		if m := sedKey.FindStringSubmatch(line); m != nil {
			seen = append(seen, m[1])
		}
	}
	if !slices.Equal(seen, order) {
		t.Errorf("the script's sed finds keys %q, the plist has %q", seen, order)
	}
	for _, k := range order {
		if !regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*$`).MatchString(k) {
			t.Errorf("key %q would need quoting in a PlistBuddy command", k)
		}
	}
	for _, k := range []string{"NSLocalNetworkUsageDescription", "NSBonjourServices"} {
		if !slices.Contains(order, k) {
			t.Errorf("%s lacks %s", macOSAdditions, k)
		}
	}
}

func TestReadPlistDictRejectsWhatTheScriptCannotMerge(t *testing.T) {
	for name, doc := range map[string]string{
		"nested dict":       `<plist><dict><key>A</key><dict><key>B</key><string>x</string></dict></dict></plist>`,
		"key without value": `<plist><dict><key>A</key></dict></plist>`,
		"repeated key":      `<plist><dict><key>A</key><string>x</string><key>A</key><string>y</string></dict></plist>`,
		"number in array":   `<plist><dict><key>A</key><array><integer>1</integer></array></dict></plist>`,
		"empty":             `<plist><dict></dict></plist>`,
	} {
		if _, _, err := readPlistDict(strings.NewReader(doc)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	order, entries, err := readPlistDict(strings.NewReader(
		`<?xml version="1.0"?><!DOCTYPE plist><plist version="1.0"><dict><key>S</key><string>x y</string><key>L</key><array><string>a</string><string>b</string></array></dict></plist>`))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(order, []string{"S", "L"}) || entries["S"].str != "x y" || !slices.Equal(entries["L"].list, []string{"a", "b"}) {
		t.Errorf("read %q %+v", order, entries)
	}
}
