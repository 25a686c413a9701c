package demo

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/camaddr"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/usermsg"
)

func TestAddByAddressInTheDemoRefusesAPasswordAsTheEngineDoesAndKeepsNoCopy(t *testing.T) {
	n, _ := startDemo(t, Options{ComeAndGo: -1})
	ctx := context.Background()
	_, err := n.AddHost(ctx, "Tr0ub4dor")
	var de *discovery.Error
	if !errors.As(err, &de) || de.Kind != discovery.InvalidAddress || de.Host != "" || !errors.Is(err, camaddr.LooksLikePassword) {
		t.Fatalf("a password as the address: %#v", err)
	}
	p, _ := usermsg.Explain(err)
	if said := err.Error() + p.What.String() + p.Next.String(); strings.Contains(said, "Tr0ub4dor") {
		t.Errorf("the text is repeated: %s", said)
	}
	_, err = n.AddHost(ctx, "camera.example:8080")
	if !errors.As(err, &de) || de.Kind != discovery.HostNotFound || de.Host != "camera.example" {
		t.Errorf("a name with a port: %#v, want it unknown by its name alone", err)
	}
}
