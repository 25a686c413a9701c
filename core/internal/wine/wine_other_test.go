//go:build !windows

package wine

import "testing"

func TestRunningIsFalseOffWindows(t *testing.T) {
	if Running() {
		t.Fatal("Running() = true on a system that is not Windows")
	}
}
