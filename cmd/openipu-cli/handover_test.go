package main

import (
	"bytes"
	"encoding/json"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/handover"
)

type sessionDoc struct {
	Session    handover.Session `json:"session"`
	HandedOver int              `json:"handed_over"`
	Cameras    int              `json:"cameras"`
}

func (h *harness) session(name string) sessionDoc {
	h.t.Helper()
	r := h.run("session", "show", name, "--json")
	if r.code != exitOK {
		h.t.Fatalf("session show: exit %d", r.code)
	}
	var d sessionDoc
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
		h.t.Fatalf("session show --json is not JSON: %v", err)
	}
	return d
}

func TestSessionListOnAComputerThatNeverRanOpenIPUSaysThereIsNone(t *testing.T) {
	h := newHarness(t)
	r := h.run("session", "list")
	if r.code != exitOK || !strings.Contains(r.stdout, "There is no handover yet") {
		t.Fatalf("exit %d, stdout %q", r.code, r.stdout)
	}
	r = h.run("session", "list", "--json")
	if r.code != exitOK || strings.TrimSpace(r.stdout) != "[]" {
		t.Fatalf("exit %d, stdout %q", r.code, r.stdout)
	}
}

func TestSetPasswordWithSessionTicksThatCamerasPasswordStep(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, nil)
	h := newHarness(t)
	r := h.run("session", "new", "Östra Hamngatan 7, block B", "--by", "Anna Müller", "--to", "Jan Kowalski")
	if r.code != exitOK || !strings.Contains(r.stdout, "ostra-hamngatan-7-block-b") {
		t.Fatalf("session new: exit %d %q", r.code, r.stdout)
	}
	h.stdin = adminPassword + "\n"
	if r := h.run("set-password", hostOf(cam), "--user", "admin", "--session", "Östra Hamngatan 7, block B"); r.code != exitOK {
		t.Fatalf("set-password: exit %d", r.code)
	}
	d := h.session("ostra-hamngatan-7-block-b")
	c, ok := d.Session.Camera(cam.MAC())
	if !ok {
		t.Fatalf("the camera is not in the session: %+v", d.Session.Cameras)
	}
	if tk := c.Tick(handover.Password); !tk.Done || tk.User != "admin" || tk.Manual {
		t.Errorf("password step %+v", tk)
	}
	if !c.Tick(handover.Found).Done || c.Firmware == "" || !c.Tick(handover.Firmware).Done {
		t.Errorf("found/firmware not recorded: %+v", c)
	}
	if d.Session.HandedOverBy != "Anna Müller" || d.Cameras != 1 || d.HandedOver != 0 {
		t.Errorf("session %+v", d)
	}
	r = h.run("session", "show", "ostra-hamngatan-7-block-b")
	if !strings.Contains(r.stdout, "[x] password") || !strings.Contains(r.stdout, "user admin") || !strings.Contains(r.stdout, "[ ] snapshot") {
		t.Errorf("show:\n%s", r.stdout)
	}
	h.assertSecretNowhere(adminPassword)
}

func TestHandTicksNeedANoteAndExclusionsAReason(t *testing.T) {
	cam := startCamera(t, camsim.Gen11, admin())
	h := newHarness(t)
	h.run("session", "new", "Site")
	if r := h.run("info", hostOf(cam), "--session", "site"); r.code != exitOK {
		t.Fatalf("info --session: exit %d", r.code)
	}
	mac := cam.MAC()
	r := h.run("session", "mark", "site", mac, "reset")
	if r.code != exitUsage || !strings.Contains(r.stderr, "needs a note") {
		t.Errorf("mark without a note: exit %d\n%s", r.code, r.stderr)
	}
	if r := h.run("session", "mark", "site", mac, "reset", "--note", "control button, on site"); r.code != exitOK {
		t.Errorf("mark: exit %d", r.code)
	}
	r = h.run("session", "exclude", "site", mac)
	if r.code != exitUsage || !strings.Contains(r.stderr, "needs a reason") {
		t.Errorf("exclude without a reason: exit %d\n%s", r.code, r.stderr)
	}
	h.run("session", "describe", "site", mac, "--name", "Entrance", "--location", "car park")
	c, _ := h.session("site").Session.Camera(mac)
	if tk := c.Tick(handover.Reset); !tk.Done || !tk.Manual || tk.Note != "control button, on site" {
		t.Errorf("reset %+v", tk)
	}
	if c.Name != "Entrance" || c.Location != "car park" || !c.Tick(handover.Name).Done {
		t.Errorf("describe: %+v", c)
	}
	if r := h.run("session", "mark", "site", mac, "polish", "--note", "x"); r.code != exitUsage {
		t.Errorf("an unknown step: exit %d", r.code)
	}
}

func TestAnUnknownSessionStopsTheCommandBeforeAnythingIsSent(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, nil)
	h := newHarness(t)
	h.stdin = adminPassword + "\n"
	r := h.run("set-password", hostOf(cam), "--user", "admin", "--session", "nowhere")
	if r.code != exitUsage || !strings.Contains(r.stderr, "no handover called") {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if !cam.Snapshot().NeedsSetup {
		t.Error("the password was set although the session was wrong")
	}
	if len(h.entries()) != 0 {
		t.Error("something was journaled")
	}
}

func TestClockAndSnapshotWithSessionTickTheirStepsOnEveryGeneration(t *testing.T) {
	for _, gen := range camsim.Generations {
		t.Run(string(gen), func(t *testing.T) {
			cam := skewedCamera(t, gen)
			h := newHarness(t)
			h.run("session", "new", "Łódź warehouse")
			h.stdin = adminPassword + "\n"
			if r := h.run("clock", hostOf(cam), "--user", "root", "--session", "lodz-warehouse"); r.code != exitOK {
				t.Fatalf("clock: exit %d", r.code)
			}
			c, _ := h.session("lodz-warehouse").Session.Camera(cam.MAC())
			if tk := c.Tick(handover.Clock); !tk.Done || !tk.ClockRead || tk.ClockOffsetMS > -26000 || tk.ClockOffsetMS < -29000 {
				t.Errorf("clock check %+v, want about 27 s behind", tk)
			}
			h.stdin = adminPassword + "\n"
			if r := h.run("clock", hostOf(cam), "--user", "root", "--sync", "--session", "lodz-warehouse"); r.code != exitOK {
				t.Fatalf("clock --sync: exit %d", r.code)
			}
			c, _ = h.session("lodz-warehouse").Session.Camera(cam.MAC())
			if tk := c.Tick(handover.Clock); !tk.Done || tk.ClockOffsetMS < -2000 || tk.ClockOffsetMS > 2000 || !strings.Contains(tk.Detail, "this computer") {
				t.Errorf("clock set %+v, want about 0 and how it was set", tk)
			}
			h.stdin = adminPassword + "\n"
			if r := h.run("snapshot", hostOf(cam), "--user", "root", "--session", "lodz-warehouse"); r.code != exitOK {
				t.Fatalf("snapshot: exit %d", r.code)
			}
			c, _ = h.session("lodz-warehouse").Session.Camera(cam.MAC())
			if !c.Tick(handover.Snapshot).Done || c.SnapshotFile == "" {
				t.Fatalf("snapshot step %+v, file %q", c.Tick(handover.Snapshot), c.SnapshotFile)
			}
			st, _ := (&cli{env: env{handoverDir: h.handovers}}).handoverStore()
			raw, err := os.ReadFile(filepath.Join(st.SnapshotDir("lodz-warehouse"), c.SnapshotFile))
			if err != nil {
				t.Fatal(err)
			}
			if img, err := jpeg.DecodeConfig(bytes.NewReader(raw)); err != nil || img.Width > 480 {
				t.Errorf("the kept picture is not a small JPEG: %+v %v", img, err)
			}
			h.assertSecretNowhere(adminPassword)
		})
	}
}
