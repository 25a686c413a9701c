package main

import (
	"errors"
	"flag"
	"slices"
	"strings"
	"testing"
)

func TestFlagsMayComeBeforeOrAfterTheAddress(t *testing.T) {
	for _, args := range [][]string{
		{"10.0.0.5", "--user", "admin", "--json"},
		{"--user", "admin", "10.0.0.5", "--json"},
		{"--json", "--user=admin", "10.0.0.5"},
	} {
		var o options
		pos, err := parseArgs(newFlagSet("x", &o, logInUsage), args)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		if !slices.Equal(pos, []string{"10.0.0.5"}) || o.user != "admin" || !o.json {
			t.Errorf("%v: positional %v, user %q, json %v", args, pos, o.user, o.json)
		}
	}
}

func TestDoubleDashEndsTheFlags(t *testing.T) {
	var o options
	pos, err := parseArgs(newFlagSet("x", &o, logInUsage), []string{"--user", "admin", "--", "--json"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(pos, []string{"--json"}) || o.json {
		t.Errorf("positional %v, json %v", pos, o.json)
	}
}

func TestHelpFlagIsReportedAsHelp(t *testing.T) {
	var o options
	if _, err := parseArgs(newFlagSet("x", &o, ""), []string{"10.0.0.5", "-h"}); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("err = %v", err)
	}
}

func TestExtraWordsAreNotRepeatedBack(t *testing.T) {
	_, err := oneTarget([]string{"10.0.0.5", "MySecretPw1"})
	if err == nil {
		t.Fatal("two addresses were accepted")
	}
	if got := err.Error(); got == "" || strings.Contains(got, "MySecretPw1") {
		t.Errorf("error %q", got)
	}
}
