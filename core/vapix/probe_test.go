package vapix_test

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/vapix"
)

func TestTheProbesConnectionCarriesTheFirstQuestionAndThePasswordsGetTheirOwn(t *testing.T) {
	cam := startCam(t, camsim.Config{Generation: camsim.Gen11})
	ctx := testCtx(t, 10*time.Second)
	conn, err := vapix.ProbeHTTPS(ctx, "127.0.0.1", portOf(t, cam.HTTPSURL()), 3*time.Second)
	if err != nil || conn == nil {
		t.Fatalf("the camera's HTTPS port: %v, %v", conn, err)
	}
	c := newClient(t, cam.HTTPSURL(), vapix.Options{Serial: cam.MAC(), Conn: conn})
	if _, err := c.Identify(ctx); err != nil {
		t.Fatal(err)
	}
	if n := cam.Requests(); n.Connections != 1 {
		t.Errorf("the probe and the questions took %d connections, want the probe's alone", n.Connections)
	}
	if _, err := c.CreateFirstAccount(ctx, "admin", "Basalt-Heron 77"); err != nil {
		t.Fatal(err)
	}
	// A password goes only on a connection whose handshake checked the
	// judged certificate, which the probe's did not.
	if n := cam.Requests(); n.Connections != 2 {
		t.Errorf("%d connections after the password, want 2", n.Connections)
	}
}

func TestAProbesConnectionNoQuestionTookIsClosedWithTheClient(t *testing.T) {
	for _, scheme := range []string{"https", "http"} {
		t.Run(scheme, func(t *testing.T) {
			closed := make(chan struct{})
			srv := httptest.NewUnstartedServer(http.NotFoundHandler())
			srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
				if st == http.StateClosed {
					close(closed)
				}
			}
			srv.StartTLS()
			t.Cleanup(srv.Close)
			ctx := testCtx(t, 10*time.Second)
			conn, err := vapix.ProbeHTTPS(ctx, "127.0.0.1", portOf(t, srv.URL), 3*time.Second)
			if err != nil || conn == nil {
				t.Fatalf("probe: %v, %v", conn, err)
			}
			// Over HTTP the connection has no use: it is closed at once.
			c, err := vapix.New(scheme+"://127.0.0.1:"+strconv.Itoa(portOf(t, srv.URL)), vapix.Options{Conn: conn})
			if err != nil {
				t.Fatal(err)
			}
			c.Close()
			select {
			case <-closed:
			case <-ctx.Done():
				t.Fatal("the probe's connection is still open after the client closed")
			}
		})
	}
}
