package main

import (
	"bytes"
	"encoding/json"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/vapix"
)

// skewedCamera is a set-up camera whose clock starts 27 s behind.
func skewedCamera(t *testing.T, gen camsim.Generation) *camsim.Camera {
	t.Helper()
	cam, err := camsim.New(camsim.Config{Generation: gen, MAC: "B8A44F0A98A1", Admin: admin()})
	if err != nil {
		t.Fatal(err)
	}
	if err := cam.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cam.Close() })
	return cam
}

func TestClockReadsTheOffsetAndSaysItInWords(t *testing.T) {
	for _, gen := range camsim.Generations {
		t.Run(string(gen), func(t *testing.T) {
			cam := skewedCamera(t, gen)
			h := newHarness(t)
			h.stdin = adminPassword + "\n"
			r := h.run("clock", hostOf(cam), "--user", "root")
			if r.code != exitOK || !strings.Contains(r.stdout, "Camera clock is 2") || !strings.Contains(r.stdout, " s behind this computer (NTP from DHCP, UTC0).") {
				t.Fatalf("exit %d, stdout %q", r.code, r.stdout)
			}
			es := h.entries()
			if len(es) != 1 || es[0].Action != journal.CheckClock || es[0].ClockOffsetMS > -26000 || es[0].ClockOffsetMS < -29000 {
				t.Errorf("journal %+v", es)
			}
			h.assertSecretNowhere(adminPassword)
		})
	}
}

func TestClockWithNTPSetsTheServersAndReportsJSON(t *testing.T) {
	cam := skewedCamera(t, camsim.Gen12)
	h := newHarness(t)
	h.stdin = adminPassword + "\n"
	r := h.run("clock", hostOf(cam), "--user", "root", "--ntp", "10.0.0.1, pool.ntp.org", "--timezone", "Europe/Stockholm", "--json")
	var res clockResult
	if r.code != exitOK || json.Unmarshal([]byte(r.stdout), &res) != nil {
		t.Fatalf("exit %d, stdout %q", r.code, r.stdout)
	}
	if !res.OK || !res.Changed || res.Sync != "NTP" || strings.Join(res.NTPServers, ",") != "10.0.0.1,pool.ntp.org" ||
		res.TimeZone != "Europe/Stockholm" || res.OffsetMS > 1500 || res.OffsetMS < -1500 || res.Camera.MAC != cam.MAC() {
		t.Errorf("result %+v", res)
	}
	if es := h.entries(); len(es) != 1 || es[0].Action != journal.SetClock || es[0].Detail != "NTP 10.0.0.1,pool.ntp.org, Europe/Stockholm" {
		t.Errorf("journal %+v", es)
	}
	if cam.ClockOffset() != 0 {
		t.Errorf("camera offset %v", cam.ClockOffset())
	}
}

func TestClockWithSyncGivesTheCameraThisComputersTime(t *testing.T) {
	cam := skewedCamera(t, camsim.Gen11)
	h := newHarness(t)
	h.stdin = adminPassword + "\n"
	r := h.run("clock", hostOf(cam), "--user", "root", "--sync")
	if r.code != exitOK || !strings.Contains(r.stdout, "now keeps manual") {
		t.Fatalf("exit %d, stdout %q", r.code, r.stdout)
	}
	if off := cam.ClockOffset(); off > 500*time.Millisecond || off < -500*time.Millisecond {
		t.Errorf("camera offset %v", off)
	}
}

func TestClockRefusesBadSettingsBeforeAskingForAPassword(t *testing.T) {
	cam := skewedCamera(t, camsim.Gen12)
	h := newHarness(t)
	h.stdin = adminPassword + "\n"
	for _, args := range [][]string{
		{"--ntp", "10.0.0.1", "--sync"},
		{"--ntp", "time server"},
		{"--timezone", "Nowhere/Some where"},
	} {
		r := h.run(append([]string{"clock", hostOf(cam), "--user", "root"}, args...)...)
		if r.code == exitOK || strings.Contains(r.stderr, "Camera:") {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	if len(h.entries()) != 0 || cam.Snapshot().Logins != 0 {
		t.Errorf("refused settings reached the camera: %+v", h.entries())
	}
}

func TestSnapshotSavesTheJPEGWholeAndNeverOverwritesByAccident(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, admin())
	h := newHarness(t)
	file := filepath.Join(h.dir, "entrance.jpg")
	h.stdin = adminPassword + "\n"
	if r := h.run("snapshot", hostOf(cam), "--user", "root", "-o", file); r.code != exitOK {
		t.Fatalf("exit %d", r.code)
	}
	pic, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := jpeg.DecodeConfig(bytes.NewReader(pic)); err != nil {
		t.Fatalf("not a JPEG: %v", err)
	}
	if es := h.entries(); len(es) != 1 || es[0].Action != journal.Snapshot || es[0].Detail != "" {
		t.Errorf("journal %+v", es)
	}

	if err := os.WriteFile(file, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.stdin = adminPassword + "\n"
	r := h.run("snapshot", hostOf(cam), "--user", "root", "-o", file)
	if got, _ := os.ReadFile(file); r.code != exitUsage || string(got) != "keep me" || !strings.Contains(r.stderr, "--force") {
		t.Errorf("exit %d, file %q", r.code, got)
	}
	h.stdin = adminPassword + "\n"
	if r := h.run("snapshot", hostOf(cam), "--user", "root", "-o", file, "--force"); r.code != exitOK {
		t.Fatalf("--force: exit %d", r.code)
	}
	if got, _ := os.ReadFile(file); !bytes.Equal(got, pic) {
		t.Error("--force did not replace the file with the picture")
	}
	leftovers, _ := filepath.Glob(filepath.Join(h.dir, ".openipu-snapshot-*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
	h.assertSecretNowhere(adminPassword)
}

func TestSnapshotToStandardOutputWritesOnlyThePicture(t *testing.T) {
	cam := startCamera(t, camsim.Gen11, admin())
	h := newHarness(t)
	h.stdin = adminPassword + "\n"
	r := h.run("snapshot", hostOf(cam), "--user", "root", "-o", "-")
	want, _ := cam.Picture(640, 360)
	if r.code != exitOK || r.stdout != string(want) {
		t.Fatalf("exit %d, %d bytes on stdout", r.code, len(r.stdout))
	}
}

func TestSnapshotNeedsAFileAndTheRightPassword(t *testing.T) {
	cam := startCamera(t, camsim.Gen10, admin())
	h := newHarness(t)
	h.stdin = adminPassword + "\n"
	if r := h.run("snapshot", hostOf(cam), "--user", "root"); r.code != exitUsage || !strings.Contains(r.stderr, "-o FILE") {
		t.Errorf("no -o: exit %d", r.code)
	}
	h.stdin = "wrong\n"
	file := filepath.Join(h.dir, "x.jpg")
	r := h.run("snapshot", hostOf(cam), "--user", "root", "-o", file)
	if _, err := os.Stat(file); r.code != exitFailed || err == nil {
		t.Errorf("wrong password: exit %d, file %v", r.code, err)
	}
	if es := h.entries(); len(es) != 1 || es[0].Outcome != journal.Failed || es[0].ErrorKey != "vapix.wrong_password" {
		t.Errorf("journal %+v", es)
	}
}

func TestSpanTextReadsLikeAPerson(t *testing.T) {
	for d, want := range map[time.Duration]string{
		73200 * time.Millisecond: "73.2 s", 14*time.Minute + 5*time.Second: "14 min 5 s",
		3*time.Hour + 2*time.Minute: "3 h 2 min", 12 * 24 * time.Hour: "12 days",
	} {
		if got := spanText(d); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
	r := vapix.ClockReading{Offset: 300 * time.Millisecond, Precision: 600 * time.Millisecond, Sync: vapix.SyncNTP, NTPServers: []string{"10.0.0.1"}, TimeZone: "UTC0"}
	if got := clockSentence(r); got != "Camera clock agrees with this computer's to within 0.6 s (NTP 10.0.0.1, UTC0)." {
		t.Errorf("%q", got)
	}
}
