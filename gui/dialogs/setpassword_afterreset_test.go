package dialogs

import (
	"context"
	"sync"
	"testing"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
)

func TestSetPasswordAcceptsTheNewCertificateOnlyAfterAResetHere(t *testing.T) {
	h := newFakeHost(t)
	cam := gen11Device("ACCC8E000001")
	var mu sync.Mutex
	var got []workflow.ConnectOptions
	client := &fakeClient{createFirst: func(ctx context.Context, user, pw string) (vapix.AccountResult, error) {
		return vapix.AccountResult{User: user, Verified: true}, nil
	}}
	h.connectTo(func(_ context.Context, _ workflow.Target, o workflow.ConnectOptions) (workflow.Client, error) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, o)
		return client, nil
	})

	plain := newSetPasswordDialog(h, []discovery.Device{cam})
	fillPasswords(plain, "admin", "Correct horse 9")
	plain.start()
	waitRun(t, plain.frame)
	// A camera reset by this program made itself a new HTTPS certificate;
	// the pin from before the reset must give way, and only then.
	after := newSetPasswordAfterReset(h, []discovery.Device{cam})
	fillPasswords(after, "admin", "Correct horse 9")
	after.start()
	waitRun(t, after.frame)
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 2 || got[0].AcceptNewCertificate || !got[1].AcceptNewCertificate {
		t.Fatalf("connect options %+v", got)
	}
	plain.close()
	after.close()
}
