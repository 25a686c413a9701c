package handover

import "time"

func waitABit() <-chan time.Time { return time.After(2 * time.Millisecond) }
