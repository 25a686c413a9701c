package main

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/openipu/openipu/core/camsim"
	"github.com/openipu/openipu/core/journal"
)

// Runs every command that takes a password, successful and not, then looks
// for the passwords in everything the program printed or saved.
func TestNoCommandWritesAPasswordAnywhere(t *testing.T) {
	const secret, wrong = "Unique-Secret 7788", "Wrong-Guess 5511"
	cam := startCamera(t, camsim.Gen11, nil)
	h := newHarness(t)
	host := hostOf(cam)
	h.stdin = secret + "\n"
	steps := [][]string{
		{"set-password", host, "--user", "admin", "--json"},
		{"info", host},
		{"backup", host, "--user", "admin", "-o", filepath.Join(h.dir, "saved.txt")},
		{"set-ip", host, "--user", "admin", "--static", "192.168.7.20/24", "--gateway", "192.168.7.1"},
		{"restart", host, "--user", "admin", "--json"},
		{"factory-default", host, "--user", "admin", "--mode", "hard", "--yes"},
	}
	for _, args := range steps {
		if r := h.run(args...); r.code != exitOK {
			t.Fatalf("%v: exit %d", args, r.code)
		}
	}
	h.stdin = secret + "\n"
	if r := h.run("set-password", host, "--user", "admin"); r.code != exitOK {
		t.Fatalf("set-password after the reset: exit %d", r.code)
	}
	h.stdin = wrong + "\n"
	if r := h.run("restart", host, "--user", "admin", "--json"); r.code != exitFailed {
		t.Fatalf("restart with a wrong password: exit %d", r.code)
	}

	var actions []journal.Action
	for _, e := range h.entries() {
		actions = append(actions, e.Action)
	}
	want := []journal.Action{journal.SetPassword, journal.Backup, journal.SetIP, journal.Restart, journal.Backup, journal.FactoryDefault, journal.SetPassword, journal.Restart}
	if !slices.Equal(actions, want) {
		t.Errorf("journal actions %v, want %v", actions, want)
	}
	h.assertSecretNowhere(secret)
	h.assertSecretNowhere(wrong)
}
