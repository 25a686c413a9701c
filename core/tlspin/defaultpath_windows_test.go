package tlspin_test

import (
	"testing"

	"github.com/openipu/openipu/core/internal/appdatatest"
	"github.com/openipu/openipu/core/tlspin"
)

func TestDefaultPathIsInTheRoamingAppDataFolder(t *testing.T) {
	got, err := tlspin.DefaultPath()
	appdatatest.IsRoaming(t, got, err, "openipu", "certificate-pins.json")
}
