package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/openipu/openipu/core/journal"
)

func TestAssignIPByMACHelpSaysHowItWorks(t *testing.T) {
	h := newHarness(t)
	if r := h.run("help", "assign-ip-by-mac"); r.code != exitOK || !strings.Contains(r.stdout, "408-byte") {
		t.Errorf("its own help: %d %q", r.code, r.stdout)
	}
}

func TestAssignIPByMACRefusesBadArgumentsBeforeTouchingAnything(t *testing.T) {
	h := newHarness(t)
	cases := [][]string{
		{"--ip", "10.0.0.5", "--interface", "eth0"},
		{"--mac", "ACCC8E27", "--ip", "10.0.0.5", "--interface", "eth0"},
		{"--mac", "ACCC8E270AD8", "--ip", "camera.local", "--interface", "eth0"},
		{"--mac", "ACCC8E270AD8", "--ip", "fe80::1", "--interface", "eth0"},
		{"--mac", "ACCC8E270AD8", "--ip", "10.0.0.5"},
		{"--mac", "ACCC8E270AD8", "--ip", "10.0.0.5", "--interface", "eth0", "--window", "0s"},
		{"--mac", "ACCC8E270AD8", "--ip", "10.0.0.5", "--interface", "eth0", "10.0.0.6"},
		{"--mac", "ACCC8E270AD8", "--ip", "10.0.0.5", "--interface", "eth0", "--password", "x"},
	}
	for _, args := range cases {
		r := h.run(append([]string{"assign-ip-by-mac"}, args...)...)
		if r.code != exitUsage || strings.Contains(r.stderr, "Giving camera") {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}

func TestAssignIPByMACExplainsAnUnknownConnectionInJSON(t *testing.T) {
	h := newHarness(t)
	r := h.run("assign-ip-by-mac", "--mac", "AC:CC:8E:27:0A:D8", "--ip", "10.0.0.5", "--interface", "no-such-nic0", "--json")
	var out jsonFailure
	if r.code != exitFailed || json.Unmarshal([]byte(r.stdout), &out) != nil || out.Error.Key != "arpping.interface_not_found" ||
		!strings.Contains(out.Error.What, "no-such-nic0") {
		t.Errorf("exit %d, stdout %q", r.code, r.stdout)
	}
}

func TestAssignIPByMACRecordsTheAttemptInTheJournal(t *testing.T) {
	h := newHarness(t)
	h.run("assign-ip-by-mac", "--mac", "AC:CC:8E:27:0A:D8", "--ip", "10.0.0.5", "--interface", "no-such-nic0")
	entries, err := journal.Read(h.journal)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Action != journal.SetIP || entries[0].Outcome != journal.Failed ||
		entries[0].Camera.MAC != "ACCC8E270AD8" || entries[0].Detail != "ARP/Ping 10.0.0.5" || entries[0].ErrorKey != "arpping.interface_not_found" {
		t.Fatalf("journal %+v", entries)
	}
}
