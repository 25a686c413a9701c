package backup

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/testdir"

	"github.com/openipu/openipu/core/devtext/devtexttest"
)

func TestAHeaderFromAHostileDeviceHoldsNoControlSequences(t *testing.T) {
	id := Identity{
		MAC:      "ACCC8E270AD8",
		Serial:   "ACCC8E" + devtexttest.Payload + "270AD8",
		Model:    "AXIS " + devtexttest.Payload + "M1075-L",
		Firmware: "12.9.57" + devtexttest.Payload,
		Host:     "10.0.0.5" + devtexttest.Vanishing,
	}
	path, err := Save(context.Background(), oddSource(), id, filepath.Join(testdir.New(t), "cam.txt"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	end := strings.Index(string(data), endMarker)
	if end < 0 {
		t.Fatalf("no end of header:\n%q", data)
	}
	// The camera's reply after the header is kept byte for byte, whatever
	// it holds; the header is ours.
	head := data[:end]
	if u := devtexttest.Unsafe(head, false); u != "" {
		t.Fatalf("header %q: %s", head, u)
	}
	got, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Identity.Host != "10.0.0.5" || !strings.HasPrefix(got.Identity.Model, "AXIS") || !strings.HasSuffix(got.Identity.Model, "M1075-L") {
		t.Errorf("read back %+v", got.Identity)
	}
}
