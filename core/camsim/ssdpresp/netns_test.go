package ssdpresp

import (
	"os"
	"testing"

	"github.com/openipu/openipu/core/camsim/internal/nstest"
)

// tnet is the real network the network tests run on (see nstest): cameras
// on tnet.Cams, the querier on tnet.Client.
var tnet nstest.Network

func TestMain(m *testing.M) { os.Exit(nstest.Main(m, "OPENIPU_SSDPRESP_NETNS", &tnet)) }

func needNetwork(t *testing.T) {
	t.Helper()
	tnet.Need(t)
}
