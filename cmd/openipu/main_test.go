package main

import (
	"bytes"
	"regexp"
	"testing"
)

func TestVersionFlagPrintsTheProgramNameAndItsVersionOnOneLine(t *testing.T) {
	var out bytes.Buffer
	printVersion(&out)
	if !regexp.MustCompile(`^OpenIPU \S.*\n$`).MatchString(out.String()) {
		t.Errorf("--version printed %q, want \"OpenIPU <version>\\n\"", out.String())
	}
}
