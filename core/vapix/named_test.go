package vapix

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestNamedGivesEveryCameraErrorInTheChainTheAddressTheUserKnows(t *testing.T) {
	inner := &Error{Kind: NoAnswer, Op: "read the settings", Host: "127.0.0.1:40123"}
	outer := &Error{Kind: WrongPassword, Op: "log in", Host: "127.0.0.1:40123"}
	err := errors.Join(fmt.Errorf("backup: %w", inner), outer)
	if Named(err, "10.0.4.105") != err {
		t.Fatal("Named returned another error")
	}
	for _, e := range []*Error{inner, outer} {
		p := e.Explain()
		if got := p.What.String(); !strings.Contains(got, "10.0.4.105") || strings.Contains(got, "127.0.0.1") {
			t.Errorf("%v explains itself as %q", e.Kind, got)
		}
	}
	if Named(nil, "10.0.4.105") != nil {
		t.Error("no error became one")
	}
	kept := &Error{Kind: NoAnswer, Host: "10.0.4.7"}
	if Named(kept, ""); kept.Host != "10.0.4.7" {
		t.Errorf("an empty name replaced the address: %q", kept.Host)
	}
}
