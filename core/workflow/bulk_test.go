package workflow

import (
	"context"
	"sync"
	"testing"

	"github.com/openipu/openipu/core/camsim"
)

func TestSetPasswordsTellsEachCamerasResultAsSoonAsItIsKnown(t *testing.T) {
	s := newSite(t)
	cams := []*camsim.Camera{startCamera(t, camsim.Gen11, nil), startCamera(t, camsim.Gen12, admin()), startCamera(t, camsim.Gen12, nil)}
	var targets []Target
	for _, c := range cams {
		targets = append(targets, targetOf(t, c))
	}
	var mu sync.Mutex
	heard := map[int]Outcome{}
	results := SetPasswords(context.Background(), s.env, targets, PasswordRequest{User: "admin", Password: Password(newPassword)}, Bulk{Parallel: 1, Done: func(i int, r PasswordResult) {
		mu.Lock()
		defer mu.Unlock()
		if _, twice := heard[i]; twice {
			t.Errorf("camera %d told twice", i)
		}
		heard[i] = r.Outcome
	}}, nil)
	if len(heard) != len(targets) {
		t.Fatalf("told %d results for %d cameras", len(heard), len(targets))
	}
	for i, r := range results {
		if heard[i] != r.Outcome {
			t.Errorf("camera %d: told %v, returned %v", i, heard[i], r.Outcome)
		}
	}
	if heard[0] != Done || heard[1] != Failed || heard[2] != Done {
		t.Errorf("outcomes %v", heard)
	}
}
