package devtexttest

import (
	"testing"

	"github.com/openipu/openipu/core/devtext"
)

func TestUnsafeFindsEveryPartOfThePayloadThatCleanRemoves(t *testing.T) {
	for _, s := range []string{"\x1b", "\u009b", "\r", "\x00", "\x7f", "\u202e", "\u2066", "\xff", Payload, Vanishing} {
		if Unsafe([]byte("ok "+s), true) == "" {
			t.Errorf("%q is not reported", s)
		}
		if got := devtext.Clean(s); Unsafe([]byte(got), false) != "" {
			t.Errorf("Clean(%q) = %q is reported: %s", s, got, Unsafe([]byte(got), false))
		}
	}
	if u := Unsafe([]byte("line one\nline\ttwo é 入口\n"), true); u != "" {
		t.Errorf("ordinary output reported: %s", u)
	}
	if Unsafe([]byte("a\tb"), false) == "" {
		t.Error("a tab is let through where tabs are not expected")
	}
}

func TestTheCameraSerialIsTheMACOnceCleaned(t *testing.T) {
	if got := devtext.Clean(Fields["SerialNumber"]); got != MAC {
		t.Errorf("serial cleans to %q, want %q", got, MAC)
	}
	for k, v := range Fields {
		if Unsafe([]byte(v), false) == "" {
			t.Errorf("field %s = %q is not hostile", k, v)
		}
	}
}
