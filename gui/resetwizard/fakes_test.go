package resetwizard

import (
	"context"

	"github.com/openipu/openipu/core/arpping"
	"github.com/openipu/openipu/core/usermsg"
)

// fakeARPPinger says ARP/Ping is possible, and never sends a packet.
type fakeARPPinger struct{}

func (fakeARPPinger) Available(iface string) (bool, usermsg.Message) {
	return true, usermsg.Message{Text: "This computer can give a camera an address through " + iface + "."}
}

func (fakeARPPinger) Assign(context.Context, arpping.Request, func(arpping.Progress)) error {
	return nil
}
