package backend

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/openipu/openipu/core/addrprobe"
	"github.com/openipu/openipu/core/backup"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/handover"
	"github.com/openipu/openipu/core/hostaddr"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/report"
	"github.com/openipu/openipu/core/tlspin"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
)

// Files says where the real network's records go; empty fields take the
// user's default places.
type Files struct {
	Pins, Journal, Backups, Handovers string
}

// Network is the real network: discovery on this computer's connections,
// cameras reached over HTTPS where they offer it (certificates pinned under
// their MAC), the user's journal and backup folder, and this computer's
// ARP/Ping. A file that cannot be opened does not stop the program: it is
// listed in Problems, and the actions that need it say so when they run.
func Network(opts discovery.Options, files Files) *Backend {
	b := &Backend{
		AddressInUse:  addrprobe.Answers,
		ARPPing:       workflow.ThisComputer{},
		SecondAddress: hostaddr.System{},
		Admins:        workflow.NewAdminNames(),
	}
	listIfaces := opts.ListInterfaces
	if listIfaces == nil {
		listIfaces = netif.List
	}
	b.Interfaces = listIfaces
	b.Discovery = discovery.New(opts)
	b.SearchOnly = func(names []string) (Discoverer, error) {
		all, err := listIfaces()
		if err != nil {
			return nil, err
		}
		if _, err := netif.Select(all, names); err != nil {
			return nil, err
		}
		o := opts
		o.Interfaces = append([]string(nil), names...)
		return discovery.New(o), nil
	}

	var pins vapix.PinStore
	if store, err := openPins(files.Pins); err != nil {
		b.Problems = append(b.Problems, fmt.Errorf("certificate pins: %w", err))
		b.PinsUnavailable = err
	} else {
		pins = store
	}
	b.Env.Connect = workflow.NewConnector(pins, 0)
	b.WebURL = func(d discovery.Device) string {
		if len(d.Addresses) == 0 {
			return ""
		}
		t := workflow.TargetOf(d)
		return t.URL(workflow.SchemeFor(t, true))
	}

	b.Close = func() {}
	b.Handover = &handover.Active{}
	b.Typed = &report.Typed{}
	b.DocumentsDir = DocumentsDir()
	if j, err := openJournal(files.Journal); err != nil {
		b.Problems = append(b.Problems, fmt.Errorf("the journal: %w", err))
		b.Env.Journal = handover.Recorders{unavailableJournal{err}, b.Handover}
	} else {
		b.Env.Journal = handover.Recorders{j, b.Handover}
		b.Close = func() { j.Close() }
	}
	if dir := files.Handovers; dir != "" {
		b.Handovers = handover.NewStore(dir)
	} else if dir, err := handover.DefaultDir(); err != nil {
		b.Problems = append(b.Problems, fmt.Errorf("the handover folder: %w", err))
	} else {
		b.Handovers = handover.NewStore(dir)
	}

	b.BackupDir = files.Backups
	if b.BackupDir == "" {
		dir, err := backup.DefaultDir()
		if err != nil {
			b.Problems = append(b.Problems, fmt.Errorf("the backup folder: %w", err))
			dir = filepath.Join(os.TempDir(), "openipu-backups")
		}
		b.BackupDir = dir
	}
	return b
}

func openPins(path string) (*tlspin.FileStore, error) {
	if path == "" {
		p, err := tlspin.DefaultPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	return tlspin.Open(path)
}

func openJournal(path string) (*journal.Journal, error) {
	if path == "" {
		p, err := journal.DefaultPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	return journal.Open(path)
}

// unavailableJournal refuses every entry with the reason it could not be
// opened, so an action can tell the user its change went unrecorded.
type unavailableJournal struct{ err error }

func (u unavailableJournal) Append(journal.Entry) error { return u.err }

// DocumentsDir is the user's Documents folder where there is one
// (Windows, macOS and most desktops), else the home folder.
func DocumentsDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	if st, err := os.Stat(filepath.Join(home, "Documents")); err == nil && st.IsDir() {
		return filepath.Join(home, "Documents")
	}
	return home
}
