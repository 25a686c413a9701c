package mcast

import (
	crand "crypto/rand"
	"encoding/binary"
	"math/rand/v2"
	"sync"
)

// Rand is a random source safe for concurrent use: a responder's reader
// and its timers all draw answer delays from it.
type Rand struct {
	mu sync.Mutex
	r  *rand.Rand
}

// NewRand draws from src, or from a randomly seeded source when src is
// nil (tests pass a seeded one to repeat their delays).
func NewRand(src rand.Source) (*Rand, error) {
	if src == nil {
		var seed [16]byte
		if _, err := crand.Read(seed[:]); err != nil {
			return nil, err
		}
		src = rand.NewPCG(binary.LittleEndian.Uint64(seed[:8]), binary.LittleEndian.Uint64(seed[8:]))
	}
	return &Rand{r: rand.New(src)}, nil
}

// Int64N returns a number in [0, n).
func (r *Rand) Int64N(n int64) int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.r.Int64N(n)
}

// IntN returns a number in [0, n).
func (r *Rand) IntN(n int) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.r.IntN(n)
}
