package mcast

import (
	"math/rand/v2"
	"testing"
)

// A seeded source must give the very numbers it gives on its own, so that
// tests which pass one see the same delays as before the lock was added.
func TestRandDrawsWhatItsSeededSourceGives(t *testing.T) {
	r, err := NewRand(rand.NewPCG(1, 2))
	if err != nil {
		t.Fatal(err)
	}
	plain := rand.New(rand.NewPCG(1, 2))
	for i := range 100 {
		if i%2 == 0 {
			if got, want := r.Int64N(101), plain.Int64N(101); got != want {
				t.Fatalf("draw %d: Int64N %d, want %d", i, got, want)
			}
		} else if got, want := r.IntN(4), plain.IntN(4); got != want {
			t.Fatalf("draw %d: IntN %d, want %d", i, got, want)
		}
	}
}

func TestRandWithoutASourceIsSeededDifferentlyEachTime(t *testing.T) {
	a, err := NewRand(nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewRand(nil)
	if err != nil {
		t.Fatal(err)
	}
	same := true
	for range 4 {
		if a.Int64N(1<<62) != b.Int64N(1<<62) {
			same = false
		}
	}
	if same {
		t.Fatal("two unseeded sources drew the same four 62-bit numbers")
	}
}
