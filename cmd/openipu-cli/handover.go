package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/openipu/openipu/core/handover"
	"github.com/openipu/openipu/core/macaddr"
)

var sessionCommand = &command{
	name:    "session",
	args:    "new SITE | list | show NAME | mark NAME MAC STEP | undo NAME MAC STEP | exclude NAME MAC | include NAME MAC | describe NAME MAC | edit NAME | use NAME",
	summary: "Keep a handover: a site, its cameras and each camera's checklist.",
	help: `A handover session is the record of one site being handed over: who hands it
over, who receives it, and for every camera a checklist with times (found,
settings backed up, reset, first password set and verified, name, network,
clock, firmware, snapshot). Give --session NAME to discover, set-password,
backup, factory-default, set-ip, clock or snapshot and the camera's step is
ticked by itself; "report" turns the session into a PDF or CSV report.

NAME is the session's ID (shown by "session list") or its site name. STEP is
one of found, backup, reset, password, name, network, clock, firmware,
snapshot. "mark" ticks a step done outside this program and needs --note to say
how; "exclude" leaves a camera out of the handover and needs --reason.

Sessions are saved after every change in the user's configuration folder, so
a script, the window and a power cut all leave them as they were. No password
is ever saved in a session.`,
	flags: func() *flagSet { return new(sessionFlags).flagSet() },
	run:   runSession,
}

type sessionFlags struct {
	json                  bool
	by, to, site, paper   string
	note, reason          string
	name, location        string
	nameSet, locationSet  bool
	siteSet, bySet, toSet bool
	paperSet              bool
	fs                    *flagSet
}

func (f *sessionFlags) flagSet() *flagSet {
	fs := newCommandFlags("session")
	fs.BoolVar(&f.json, "json", false, jsonUsage)
	fs.StringVar(&f.site, "site", "", "edit: the site's new `NAME`.")
	fs.StringVar(&f.by, "by", "", "new, edit: who hands the site over (`NAME`, or a company).")
	fs.StringVar(&f.to, "to", "", "new, edit: who receives it (`NAME`).")
	fs.StringVar(&f.paper, "paper", "", "new, edit: the report's `PAPER`, A4 or Letter; without it, this computer's region decides.")
	fs.StringVar(&f.note, "note", "", "mark: how the step was done (`TEXT`, required).")
	fs.StringVar(&f.reason, "reason", "", "exclude: why the camera is not part of the handover (`TEXT`, required).")
	fs.StringVar(&f.name, "name", "", "describe: the camera's `NAME`, such as Entrance.")
	fs.StringVar(&f.location, "location", "", "describe: where it is (`PLACE`), such as \"car park, north wall\".")
	f.fs = fs
	return fs
}

// handoverStore is where sessions are kept: the per-user folder, or the
// one a test set.
func (c *cli) handoverStore() (*handover.Store, error) {
	dir := c.handoverDir
	if dir == "" {
		var err error
		if dir, err = handover.DefaultDir(); err != nil {
			return nil, err
		}
	}
	return handover.NewStore(dir), nil
}

// openHandover opens the session a --session flag names.
func (c *cli) openHandover(name string) (*handover.Live, error) {
	st, err := c.handoverStore()
	if err != nil {
		return nil, err
	}
	id, err := st.Find(name)
	if err != nil {
		return nil, err
	}
	return st.Open(id)
}

func runSession(ctx context.Context, c *cli, args []string) error {
	var f sessionFlags
	fs := f.flagSet()
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	c.json = f.json
	f.siteSet, f.bySet, f.toSet, f.paperSet = isSet(fs, "site"), isSet(fs, "by"), isSet(fs, "to"), isSet(fs, "paper")
	f.nameSet, f.locationSet = isSet(fs, "name"), isSet(fs, "location")
	if len(pos) == 0 {
		return usageErrorf("say what to do: new, list, show, mark, undo, exclude, include, describe, edit or use")
	}
	if f.paper != "" && f.paper != "A4" && f.paper != "Letter" {
		return usageErrorf("--paper takes A4 or Letter")
	}
	st, err := c.handoverStore()
	if err != nil {
		return err
	}
	verb, rest := pos[0], pos[1:]
	want := map[string]int{"new": 1, "list": 0, "show": 1, "mark": 3, "undo": 3, "exclude": 2, "include": 2, "describe": 2, "edit": 1, "use": 1}
	n, ok := want[verb]
	if !ok {
		return usageErrorf("there is no session %q; use new, list, show, mark, undo, exclude, include, describe, edit or use", verb)
	}
	if len(rest) != n {
		return usageErrorf("session %s takes %d argument(s)", verb, n)
	}
	if verb == "new" {
		l, err := st.Create(rest[0])
		if err != nil {
			return &badInput{err: err}
		}
		if f.by != "" || f.to != "" {
			if err := l.SetPeople(l.Session().Site, f.by, f.to); err != nil {
				return &badInput{err: err}
			}
		}
		if f.paper != "" {
			if err := l.SetPaper(f.paper); err != nil {
				return err
			}
		}
		if c.json {
			c.emit(sessionJSON(l.Session()))
		} else {
			c.say("Started the handover %q (ID %s).", l.Session().Site, l.ID())
		}
		return nil
	}
	if verb == "list" {
		return c.listSessions(st)
	}
	id, err := st.Find(rest[0])
	if err != nil {
		return &badInput{err: err}
	}
	l, err := st.Open(id)
	if err != nil {
		return err
	}
	var mac string
	if n >= 2 {
		mac = macaddr.Normalize(rest[1])
		if mac == "" {
			return usageErrorf("%q is not a MAC address; write it like 00408C1A2B3C", rest[1])
		}
	}
	switch verb {
	case "show":
		s := l.Session()
		if c.json {
			c.emit(sessionJSON(s))
			return nil
		}
		c.printSession(s)
		return nil
	case "use":
		st.SetCurrent(id)
		c.say("The window opens %q at its next start.", l.Session().Site)
		return nil
	case "edit":
		s := l.Session()
		site, by, to := s.Site, s.HandedOverBy, s.ReceivedBy
		if f.siteSet {
			site = f.site
		}
		if f.bySet {
			by = f.by
		}
		if f.toSet {
			to = f.to
		}
		if err := l.SetPeople(site, by, to); err != nil {
			return &badInput{err: err}
		}
		if f.paperSet {
			if err := l.SetPaper(f.paper); err != nil {
				return err
			}
		}
	case "mark", "undo":
		step := handover.Step(strings.ToLower(rest[2]))
		if !step.Valid() {
			return &badInput{err: &handover.Error{Kind: handover.UnknownStep, Name: rest[2]}}
		}
		if verb == "mark" {
			err = l.MarkDone(mac, step, f.note)
		} else {
			err = l.Undo(mac, step)
		}
	case "exclude":
		err = l.Exclude(mac, true, f.reason)
	case "include":
		err = l.Exclude(mac, false, "")
	case "describe":
		c0, ok := l.Session().Camera(mac)
		if !ok {
			return &badInput{err: &handover.Error{Kind: handover.UnknownCamera, Name: mac}}
		}
		name, location := c0.Name, c0.Location
		if f.nameSet {
			name = f.name
		}
		if f.locationSet {
			location = f.location
		}
		err = l.Describe(mac, name, location)
	}
	if err != nil {
		return &badInput{err: err}
	}
	if c.json {
		c.emit(sessionJSON(l.Session()))
	} else {
		c.say("Saved.")
	}
	return nil
}

func (c *cli) listSessions(st *handover.Store) error {
	list, problems, err := st.List()
	if err != nil {
		return err
	}
	for _, p := range problems {
		pr := problem(context.Background(), p)
		c.progress("%s %s", pr.What.String(), pr.Next.String())
	}
	if c.json {
		out := make([]map[string]any, 0, len(list))
		for _, s := range list {
			out = append(out, map[string]any{
				"id": s.ID, "site": s.Site, "updated": s.Updated.UTC().Format(time.RFC3339),
				"handed_over": s.Done, "cameras": s.Total, "current": s.CurrentlyUsed,
			})
		}
		c.emit(out)
		return nil
	}
	if len(list) == 0 {
		c.say("There is no handover yet. Start one with: openipu-cli session new \"SITE NAME\"")
		return nil
	}
	for _, s := range list {
		mark := " "
		if s.CurrentlyUsed {
			mark = "*"
		}
		c.say("%s %-28s %s  %d of %d cameras handed over, changed %s", mark, s.ID, s.Site, s.Done, s.Total,
			s.Updated.Local().Format("2006-01-02 15:04"))
	}
	return nil
}

// stepWords are the checklist's steps as the terminal shows them.
var stepWords = map[handover.Step]string{
	handover.Found: "found", handover.Backup: "backup", handover.Reset: "reset",
	handover.Password: "password", handover.Name: "name", handover.Network: "network",
	handover.Clock: "clock", handover.Firmware: "firmware", handover.Snapshot: "snapshot",
}

func (c *cli) printSession(s handover.Session) {
	done, total := s.Progress()
	c.say("%s (ID %s)", s.Site, s.ID)
	if s.HandedOverBy != "" || s.ReceivedBy != "" {
		c.say("Handed over by %s to %s", orDash(s.HandedOverBy), orDash(s.ReceivedBy))
	}
	c.say("%d of %d cameras handed over", done, total)
	for model, versions := range s.FirmwareMix() {
		c.say("Note: %s cameras run different firmware: %s", model, strings.Join(versions, ", "))
	}
	for _, cam := range s.Cameras {
		c.say("")
		title := strings.TrimSpace(cam.Model + " " + cam.MAC)
		if cam.Name != "" {
			title = cam.Name + " — " + title
		}
		c.say("%s  %s", title, orDash(cam.Address))
		if cam.Excluded {
			c.say("  not part of this handover: %s", cam.ExcludedReason)
			continue
		}
		for _, step := range handover.Steps {
			t := cam.Tick(step)
			box := "[ ]"
			what := ""
			switch {
			case t.Done:
				box = "[x]"
				what = t.At.Local().Format("2006-01-02 15:04")
				if t.Manual {
					what += " by hand: " + t.Note
				}
				if t.Detail != "" {
					what += " " + t.Detail
				}
				if t.User != "" {
					what += " user " + t.User
				}
				if t.ClockRead {
					what += " " + offsetText(t.ClockOffsetMS)
				}
			case !step.Required():
				what = "(if needed)"
			}
			if t.Failed() {
				what += " last try failed " + t.FailedAt.Local().Format("2006-01-02 15:04")
				if t.FailedKey != "" {
					what += " (" + t.FailedKey + ")"
				}
			}
			c.say("  %s %-9s %s", box, stepWords[step], strings.TrimSpace(what))
		}
	}
}

// offsetText says how far a camera's clock was off: "+73.2 s".
func offsetText(ms int64) string {
	return fmt.Sprintf("%+.1f s", float64(ms)/1000)
}

func sessionJSON(s handover.Session) any {
	done, total := s.Progress()
	return map[string]any{"session": s, "handed_over": done, "cameras": total, "firmware_mix": s.FirmwareMix()}
}
