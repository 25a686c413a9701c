package report

import (
	"slices"
	"strings"
	"sync"
)

// Typed keeps the passwords set on cameras while the program runs, in
// memory only, so that the user can hand the new owner a credentials sheet
// at the end: nothing here is ever written anywhere but the sheet the user
// asks for, and it is gone when the program ends. Safe for concurrent use.
type Typed struct {
	mu    sync.Mutex
	byMAC map[string]Credential
}

// Remember keeps c (the last password set on a camera wins).
func (t *Typed) Remember(c Credential) {
	if t == nil || c.MAC == "" || c.Password == "" {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.byMAC == nil {
		t.byMAC = map[string]Credential{}
	}
	t.byMAC[strings.ToUpper(c.MAC)] = c
}

// List is what is kept, ordered by camera label then MAC.
func (t *Typed) List() []Credential {
	if t == nil {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]Credential, 0, len(t.byMAC))
	for _, c := range t.byMAC {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Credential) int {
		if c := strings.Compare(a.Camera, b.Camera); c != 0 {
			return c
		}
		return strings.Compare(a.MAC, b.MAC)
	})
	return out
}

// Forget drops every password kept.
func (t *Typed) Forget() {
	if t == nil {
		return
	}
	t.mu.Lock()
	t.byMAC = nil
	t.mu.Unlock()
}
