package workflow

import (
	"sync"

	"github.com/openipu/openipu/core/macaddr"
	"github.com/openipu/openipu/core/vapix"
)

// AdminNames remembers, while the program runs, the administrator name each
// camera was given or accepted, keyed by its MAC. Cameras on one site often
// have different names (root on older AXIS OS, a chosen name on newer), so
// a name that worked on one camera is no guide to the next; the name that
// worked on the same camera is. Only names are kept, never a password, and
// nothing is written anywhere.
//
// A nil *AdminNames remembers nothing, so a backend without one still
// works. Safe from any goroutine.
type AdminNames struct {
	mu    sync.Mutex
	names map[string]string
}

// NewAdminNames is an empty memory.
func NewAdminNames() *AdminNames {
	return &AdminNames{names: map[string]string{}}
}

// Remember keeps user as the camera's administrator. A MAC or a name that
// could not be one is ignored rather than stored under a wrong key.
func (a *AdminNames) Remember(mac, user string) {
	key := macaddr.Normalize(mac)
	if a == nil || key == "" || vapix.ValidateUserName(user) != nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.names == nil {
		a.names = map[string]string{}
	}
	a.names[key] = user
}

// Lookup is the name remembered for the camera, if any.
func (a *AdminNames) Lookup(mac string) (string, bool) {
	key := macaddr.Normalize(mac)
	if a == nil || key == "" {
		return "", false
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	user, ok := a.names[key]
	return user, ok
}
