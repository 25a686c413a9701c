package workflow

import (
	"context"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/vapix"
)

func TestConnectorAsksTheFirstQuestionOnTheConnectionThatFoundHTTPS(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := NewConnector(&vapix.MemoryPins{}, 5*time.Second)(ctx, targetOf(t, cam), ConnectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Identify(ctx); err != nil || !c.Encrypted() {
		t.Fatalf("identify: %v, encrypted %v", err, c.Encrypted())
	}
	if n := cam.Requests(); n.Connections != 1 {
		t.Errorf("asking whether the camera speaks TLS and who it is took %d connections, want 1", n.Connections)
	}
}
