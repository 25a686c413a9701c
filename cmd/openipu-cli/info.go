package main

import (
	"context"
	"time"

	"github.com/openipu/openipu/core/devtext"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/workflow"
)

var infoCommand = &command{
	name:    "info",
	args:    "HOST[:PORT] [options]",
	summary: "Show what the camera is and whether it still needs its first password.",
	help: `Asks the camera without logging in, so it works on any Axis camera, new or
already set up. Nothing is changed and no password is needed.`,
	flags: func() *flagSet { return newFlagSet("info", new(options), "") },
	run:   runInfo,
}

type infoResult struct {
	OK         bool   `json:"ok"`
	Host       string `json:"host"`
	MAC        string `json:"mac"`
	Serial     string `json:"serial"`
	Model      string `json:"model"`
	FullName   string `json:"full_name"`
	Firmware   string `json:"firmware"`
	HardwareID string `json:"hardware_id"`
	NeedsSetup bool   `json:"needs_setup"`
	Ready      bool   `json:"ready"`
	HTTPURL    string `json:"http_url"`
	Encrypted  bool   `json:"encrypted"`
}

func runInfo(ctx context.Context, c *cli, args []string) error {
	var o options
	fs := newFlagSet("info", &o, "")
	target, err := c.parseTarget(fs, &o, args)
	if err != nil {
		return err
	}
	s, err := c.open(target, &o, false)
	if err != nil {
		return err
	}
	defer s.close()
	cam, err := workflow.Open(ctx, s.env, s.target)
	if err != nil {
		return err
	}
	defer cam.Close()
	if err := s.found(cam); err != nil {
		return err
	}
	id := cam.ID
	answered := id.Ready2.APIVersion != ""
	// What the camera says about itself is cleaned where it is read; it is
	// cleaned again here so that a field added later cannot reach the
	// terminal raw.
	for _, f := range []*string{&id.MAC, &id.Serial, &id.Model, &id.FullName, &id.Firmware, &id.HardwareID, &id.HTTPURL} {
		*f = devtext.Clean(*f)
	}
	if c.json {
		c.emit(infoResult{
			OK: true, Host: s.host(), MAC: id.MAC, Serial: id.Serial, Model: id.Model,
			FullName: id.FullName, Firmware: id.Firmware, HardwareID: id.HardwareID,
			NeedsSetup: id.NeedsSetup, Ready: id.Ready, HTTPURL: id.HTTPURL, Encrypted: cam.Encrypted(),
		})
		return nil
	}
	title := id.FullName
	if title == "" {
		title = id.Model
	}
	if title == "" {
		title = "Axis camera"
	}
	c.say("%s at %s", title, s.host())
	line := func(label, value string) {
		if value == "" {
			value = "(not told)"
		}
		c.say("  %-13s %s", label+":", value)
	}
	line("Model", id.Model)
	line("MAC address", id.MAC)
	line("Serial", id.Serial)
	line("Firmware", id.Firmware)
	line("Web page", id.HTTPURL)
	if cam.Encrypted() {
		line("Connection", "HTTPS (encrypted; its certificate is remembered and checked)")
	} else {
		line("Connection", "plain HTTP: not encrypted, so a password sent to it could be read on the network")
	}
	switch {
	case id.NeedsSetup:
		line("Password", "not set yet. Set one with: openipu-cli set-password "+s.again()+" --user NAME")
	case answered:
		line("Password", "set (log in with the administrator account)")
	}
	// The camera answered, so the state is the one discover and the window
	// would give it.
	if d := (discovery.Device{Setup: discovery.SetupOf(id)}); d.Setup != discovery.SetupUnknown {
		line("State", stateText(d, time.Now()))
	}
	if answered && !id.Ready {
		line("Starting up", "the camera has not finished starting; some of its settings may not answer yet")
	}
	return nil
}
