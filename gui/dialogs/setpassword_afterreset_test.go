package dialogs

import (
	"context"
	"testing"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/gui/backend"
)

func TestSetPasswordAcceptsTheNewCertificateOnlyAfterAResetHere(t *testing.T) {
	h := newFakeHost(t)
	cam := gen11Device("ACCC8E000001")
	var got []backend.ConnectOptions
	client := &fakeClient{createFirst: func(ctx context.Context, user, pw string) (vapix.AccountResult, error) {
		return vapix.AccountResult{User: user, Verified: true}, nil
	}}
	h.connectTo(func(_ discovery.Device, o backend.ConnectOptions) (backend.CameraClient, error) {
		got = append(got, o)
		return client, nil
	})

	plain := newSetPasswordDialog(h, []discovery.Device{cam})
	if _, err := plain.createAccount(context.Background(), h.Backend(), cam, "admin", "Correct horse 9"); err != nil {
		t.Fatal(err)
	}
	// A camera reset by this program made itself a new HTTPS certificate;
	// the pin from before the reset must give way, and only then.
	after := newSetPasswordAfterReset(h, []discovery.Device{cam})
	if _, err := after.createAccount(context.Background(), h.Backend(), cam, "admin", "Correct horse 9"); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].AcceptNewCertificate || !got[1].AcceptNewCertificate {
		t.Fatalf("connect options %+v", got)
	}
	plain.close()
	after.close()
}
