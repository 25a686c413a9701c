package mcast

import (
	"testing"
	"time"
)

func TestFloodPaceSendsNASecondInStepsOfAtLeastTenMilliseconds(t *testing.T) {
	cases := []struct {
		n        int
		interval time.Duration
		copies   int
	}{
		{1, time.Second, 1},
		{4, 250 * time.Millisecond, 1},
		{100, 10 * time.Millisecond, 1},
		{150, 10 * time.Millisecond, 1}, // 6.7 ms is too fine: one copy a step
		{1000, 10 * time.Millisecond, 10},
		{5000, 10 * time.Millisecond, 50},
	}
	for _, c := range cases {
		interval, copies := FloodPace(c.n)
		if interval != c.interval || copies != c.copies {
			t.Errorf("FloodPace(%d) = %v × %d, want %v × %d", c.n, interval, copies, c.interval, c.copies)
		}
	}
}
