package main

import (
	"context"
)

var infoCommand = &command{
	name:    "info",
	args:    "HOST[:PORT] [--json]",
	summary: "Show what the camera is and whether it still needs its first password.",
	help: `Asks the camera without logging in, so it works on any Axis camera, new or
already set up. Nothing is changed and no password is needed.`,
	run: runInfo,
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
}

func runInfo(ctx context.Context, c *cli, args []string) error {
	var o options
	fs := newFlagSet("info", &o, false)
	target, err := c.parseTarget(fs, &o, args)
	if err != nil {
		return err
	}
	s, err := c.open(target, &o, false)
	if err != nil {
		return err
	}
	defer s.close()
	if err := s.identify(ctx); err != nil {
		return err
	}
	id := s.id
	if c.json {
		c.emit(infoResult{
			OK: true, Host: s.client.Host(), MAC: id.MAC, Serial: id.Serial, Model: id.Model,
			FullName: id.FullName, Firmware: id.Firmware, HardwareID: id.HardwareID,
			NeedsSetup: id.NeedsSetup, Ready: id.Ready, HTTPURL: id.HTTPURL,
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
	c.say("%s at %s", title, s.client.Host())
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
	switch {
	case id.NeedsSetup:
		line("Password", "not set yet. Set one with: openipu-cli set-password "+s.client.Host()+" --user NAME")
	case s.systemReadyAnswered():
		line("Password", "set (log in with the administrator account)")
	}
	if s.systemReadyAnswered() {
		state := "ready"
		if !id.Ready {
			state = "still starting up"
		}
		line("State", state)
	}
	return nil
}
