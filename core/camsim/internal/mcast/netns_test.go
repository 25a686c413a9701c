package mcast

import (
	"os"
	"testing"

	"github.com/openipu/openipu/core/camsim/internal/nstest"
)

// tnet is the real network the sending tests run on (see nstest).
var tnet nstest.Network

func TestMain(m *testing.M) { os.Exit(nstest.Main(m, "OPENIPU_MCAST_NETNS", &tnet)) }
