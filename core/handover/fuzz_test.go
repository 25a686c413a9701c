package handover

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/openipu/openipu/core/testdir"
)

// A session file is read back from disk, where anything may have happened
// to it: whatever it holds, loading must not panic, and a file that loads
// must save and load again unchanged.
func FuzzLoadSession(f *testing.F) {
	f.Add([]byte(`{"format":1,"id":"site","site":"Site","created":"2026-12-05T09:00:00Z","updated":"2026-12-05T09:00:00Z","cameras":[{"mac":"00408C1A2B3C","steps":{"found":{"done":true}}}]}`))
	f.Add([]byte(`{"format":2}`))
	f.Add([]byte(`{"format":1,"id":"site","site":"Site","cameras":[{"mac":"00408C1A2B3C"},{"mac":"00408C1A2B3C"}]}`))
	f.Add([]byte(`{"format":1,"id":"site","site":"Site","cameras":[{"mac":"00408C1A2B3C","snapshot_file":"../x.jpg"}]}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		dir := testdir.New(t)
		st := NewStore(dir)
		st.now = func() time.Time { return t0 }
		os.WriteFile(filepath.Join(dir, "site.json"), raw, 0o600)
		l, err := st.Open("site")
		if err != nil {
			return
		}
		s := l.Session()
		if err := st.save(&s); err != nil {
			t.Fatal(err)
		}
		again, err := st.Open("site")
		if err != nil {
			t.Fatalf("a session that loaded does not load after saving: %v", err)
		}
		if !reflect.DeepEqual(normal(again.Session()), normal(s)) {
			t.Fatalf("saving changed the session")
		}
	})
}

// normal makes times comparable with DeepEqual after a JSON round trip.
func normal(s Session) Session {
	s.Created, s.Updated = s.Created.UTC(), s.Updated.UTC()
	for i := range s.Cameras {
		for k, v := range s.Cameras[i].Steps {
			v.At, v.FailedAt = v.At.UTC(), v.FailedAt.UTC()
			s.Cameras[i].Steps[k] = v
		}
	}
	return s
}
