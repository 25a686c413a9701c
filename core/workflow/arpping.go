package workflow

import (
	"context"
	"fmt"

	"github.com/openipu/openipu/core/arpping"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/macaddr"
	"github.com/openipu/openipu/core/usermsg"
)

// ARPPinger gives a camera an address by its MAC ("Assign IP by serial
// number"). On the real network it is this computer's ARP table and pings
// (ThisComputer); the simulated office has one of its own, so nothing is
// sent to the real network in demo mode.
type ARPPinger interface {
	// Available says whether it can be tried on the named network
	// connection, and why not in plain words.
	Available(iface string) (bool, usermsg.Message)
	// Assign pins req.Addr to req.MAC and pings until the camera answers.
	Assign(ctx context.Context, req arpping.Request, progress func(arpping.Progress)) error
}

// ThisComputer is the real ARP/Ping of this computer.
type ThisComputer struct{}

func (ThisComputer) Available(iface string) (bool, usermsg.Message) { return arpping.Available(iface) }

func (ThisComputer) Assign(ctx context.Context, req arpping.Request, progress func(arpping.Progress)) error {
	return arpping.Assign(ctx, req, progress)
}

// AssignByMAC gives the camera with req.MAC the address req.Addr through
// p, and records the change like any other network change.
func AssignByMAC(ctx context.Context, env Env, p ARPPinger, req arpping.Request, progress func(arpping.Progress)) error {
	mac := macaddr.Normalize(req.MAC)
	req.MAC = mac
	if progress == nil {
		progress = func(arpping.Progress) {}
	}
	err := p.Assign(ctx, req, progress)
	cam := journal.Camera{MAC: mac, Serial: mac, Host: req.Addr.String()}
	env.write(ctx, journal.Entry{Action: journal.SetIP, Camera: cam, Detail: fmt.Sprintf(detailARPPing, req.Addr)}, err)
	return err
}
