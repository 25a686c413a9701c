package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/handover"
)

// A script takes a site of two new cameras from found to a report, the
// way an installer's shell script would; the report names every camera
// and never the password.
func TestAScriptTakesASiteFromFoundToAReport(t *testing.T) {
	cams := []*camsim.Camera{startCamera(t, camsim.Gen12, nil), startCamera(t, camsim.Gen10, nil)}
	h := newHarness(t)
	const site = "Östra Hamngatan 7, block B"
	if r := h.run("session", "new", site, "--by", "Jörg Müller", "--to", "Łódź Fastigheter AB", "--paper", "A4"); r.code != exitOK {
		t.Fatalf("session new: exit %d", r.code)
	}
	for i, cam := range cams {
		host := hostOf(cam)
		for _, args := range [][]string{
			{"info", host, "--session", site},
			{"set-password", host, "--user", "admin", "--session", site},
			{"clock", host, "--user", "admin", "--sync", "--timezone", "UTC0", "--session", site},
			{"snapshot", host, "--user", "admin", "--session", site},
		} {
			h.stdin = adminPassword + "\n"
			if args[0] == "clock" || args[0] == "snapshot" {
				if cam.Snapshot().Users[0] == "root" {
					args[3] = "root" // 10.x takes only root as its first account
				}
			}
			if r := h.run(args...); r.code != exitOK {
				t.Fatalf("%s: exit %d\n%s", args[0], r.code, r.stderr)
			}
		}
		mac := cam.MAC()
		for _, args := range [][]string{
			{"session", "describe", site, mac, "--name", []string{"Entrance", "Car park"}[i], "--location", "ground floor"},
			{"session", "mark", site, mac, "network", "--note", "DHCP address reserved in the site's router"},
		} {
			if r := h.run(args...); r.code != exitOK {
				t.Fatalf("%s: exit %d\n%s", strings.Join(args[:2], " "), r.code, r.stderr)
			}
		}
	}
	d := h.session(site)
	if d.HandedOver != 2 || d.Cameras != 2 {
		for _, c := range d.Session.Cameras {
			t.Logf("%s open: %v", c.MAC, c.Open())
		}
		t.Fatalf("%d of %d handed over, want 2 of 2", d.HandedOver, d.Cameras)
	}

	pdf := filepath.Join(h.dir, "report.pdf")
	if r := h.run("report", "--session", site, "--format", "pdf", "-o", pdf); r.code != exitOK {
		t.Fatalf("report pdf: exit %d\n%s", r.code, r.stderr)
	}
	if r := h.run("report", "--session", site, "-o", pdf); r.code == exitOK {
		t.Error("the report replaced an existing file without --force")
	}
	csvPath := filepath.Join(h.dir, "report.csv")
	if r := h.run("report", "--session", site, "--format", "csv", "-o", csvPath); r.code != exitOK {
		t.Fatalf("report csv: exit %d", r.code)
	}
	raw, _ := os.ReadFile(csvPath)
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\uFEFF")))).ReadAll()
	if err != nil || len(rows) != 3 {
		t.Fatalf("CSV: %d rows, %v", len(rows), err)
	}
	for _, cam := range cams {
		if !strings.Contains(string(raw), cam.MAC()) {
			t.Errorf("the CSV lacks %s", cam.MAC())
		}
	}
	if runtime.GOOS != "linux" {
		// pdftotext (poppler) is installed for the Linux run, which reads
		// the PDF; a Windows program under Wine cannot start it.
	} else if tool, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command(tool, "-enc", "UTF-8", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := string(out)
		for _, want := range []string{site, "Jörg Müller", "Łódź Fastigheter AB", cams[0].MAC(), cams[1].MAC(), "2 of 2 cameras handed over"} {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF's text lacks %q", want)
			}
		}
	} else if os.Getenv("CI") != "" {
		t.Fatal("pdftotext (poppler-utils) is needed in CI")
	}
	snaps, _ := os.ReadDir((handover.NewStore(h.handovers)).SnapshotDir(d.Session.ID))
	if len(snaps) != 2 {
		t.Errorf("%d snapshots kept, want 2", len(snaps))
	}
	h.assertSecretNowhere(adminPassword)
}
