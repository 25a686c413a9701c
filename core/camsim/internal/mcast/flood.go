package mcast

import "time"

// floodStep is the finest pacing of a flood; faster rates send several
// copies per step, so a flood of thousands a second costs a hundred timer
// firings, not thousands.
const floodStep = 10 * time.Millisecond

// FloodPace spreads n packets a second (n > 0) over steps of at least
// floodStep: send copies packets every interval.
func FloodPace(n int) (interval time.Duration, copies int) {
	interval = time.Second / time.Duration(n)
	if interval < floodStep {
		interval = floodStep
	}
	copies = int(int64(n) * int64(interval) / int64(time.Second))
	return interval, max(copies, 1)
}
