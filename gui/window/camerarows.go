package window

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/handover"
	"github.com/openipu/openipu/gui/i18n"
)

// camState is what the table's first column says about a camera, the one
// thing a property manager looks for: which cameras still need work. It is
// discovery's State (the command line says the same by the same rule), and
// Busy while this window works on the camera.
type camState int

const (
	stateChecking camState = iota
	stateNeedsPassword
	stateReady
	stateUnreachable
	stateLost
	stateBusy
)

var fromCore = map[discovery.State]camState{
	discovery.StateChecking:      stateChecking,
	discovery.StateNeedsPassword: stateNeedsPassword,
	discovery.StateReady:         stateReady,
	discovery.StateUnreachable:   stateUnreachable,
	discovery.StateLost:          stateLost,
}

func stateOf(d discovery.Device, busy bool) camState {
	if busy {
		return stateBusy
	}
	return fromCore[discovery.StateOf(d)]
}

// stateText words a state; now decides whether "not seen since" needs the
// date as well as the time.
func stateText(s camState, d discovery.Device, now time.Time) string {
	if s == stateBusy {
		return lang.X("camera.state.busy", "Busy…")
	}
	for core, st := range fromCore {
		if st == s {
			return i18n.Text(discovery.StateMessage(core, d, now))
		}
	}
	return i18n.Text(discovery.StateMessage(discovery.StateChecking, d, now))
}

// stateCell is stateText as short as the table's column: a camera not seen
// since another day says for how long, and the details give the date.
func stateCell(s camState, d discovery.Device, now time.Time) string {
	if s != stateLost || d.LastSeen.IsZero() {
		return stateText(s, d, now)
	}
	y1, m1, d1 := d.LastSeen.Date()
	y2, m2, d2 := now.Date()
	days := int(time.Date(y2, m2, d2, 0, 0, 0, 0, time.UTC).Sub(time.Date(y1, m1, d1, 0, 0, 0, 0, time.UTC)).Hours() / 24)
	if days < 1 {
		return stateText(s, d, now)
	}
	return i18n.Counted("camera.state.lost_days", "Not seen for a day", "Not seen for {{.Count}} days", days)
}

// column is one column of the camera table.
type column int

const (
	colState column = iota
	colModel
	colIP
	colMAC
	colFirmware
	colChecklist
	colName
	numColumns
)

func columnTitle(c column) string {
	switch c {
	case colState:
		return lang.X("camera.column.state", "State")
	case colModel:
		return lang.X("camera.column.model", "Model")
	case colIP:
		return lang.X("camera.column.ip", "IP address")
	case colMAC:
		return lang.X("camera.column.mac", "MAC / serial")
	case colFirmware:
		return lang.X("camera.column.firmware", "Firmware")
	case colChecklist:
		return lang.X("camera.column.checklist", "Handover")
	}
	return lang.X("camera.column.name", "Name")
}

// cameraRows is the table's model: every camera heard of, and the order
// and subset shown. It holds no widgets, so sorting and filtering are
// tested on their own; only the window's goroutine touches it.
type cameraRows struct {
	byMAC   map[string]discovery.Device
	busy    map[string]bool
	checked map[string]bool
	// view is the MACs shown, filtered and sorted; at is each one's
	// position in it.
	view     []string
	at       map[string]int
	sortBy   column
	sortDesc bool
	filter   string
	now      func() time.Time
	// handover is the open handover, for the checklist column (nil: none).
	handover *handover.Session
}

func newCameraRows(now func() time.Time) *cameraRows {
	if now == nil {
		now = time.Now
	}
	return &cameraRows{
		byMAC:   map[string]discovery.Device{},
		busy:    map[string]bool{},
		checked: map[string]bool{},
		at:      map[string]int{},
		sortBy:  colIP,
		now:     now,
	}
}

// upsert records the latest snapshot of each device; the caller rebuilds
// the view once per batch.
func (r *cameraRows) upsert(devs []discovery.Device) {
	for _, d := range devs {
		r.byMAC[d.MAC] = d
	}
}

func (r *cameraRows) clear() {
	clear(r.byMAC)
	clear(r.checked)
	clear(r.at)
	r.view = r.view[:0]
}

func (r *cameraRows) device(mac string) (discovery.Device, bool) {
	d, ok := r.byMAC[mac]
	return d, ok
}

func (r *cameraRows) state(d discovery.Device) camState { return stateOf(d, r.busy[d.MAC]) }

// rebuild recomputes the view after devices, the filter or the sort
// order changed.
func (r *cameraRows) rebuild() {
	r.view = r.view[:0]
	needle := normalizeFilter(r.filter)
	now := r.now()
	for mac, d := range r.byMAC {
		if needle == "" || r.matches(d, needle, now) {
			r.view = append(r.view, mac)
		}
	}
	slices.SortFunc(r.view, func(a, b string) int {
		c := r.compare(r.byMAC[a], r.byMAC[b])
		if r.sortDesc {
			c = -c
		}
		if c == 0 {
			c = cmp.Compare(a, b) // stable across rebuilds
		}
		return c
	})
	clear(r.at)
	for i, mac := range r.view {
		r.at[mac] = i
	}
}

// sortOn sorts by c; choosing the same column again reverses the order.
func (r *cameraRows) sortOn(c column) {
	if r.sortBy == c {
		r.sortDesc = !r.sortDesc
	} else {
		r.sortBy, r.sortDesc = c, false
	}
	r.rebuild()
}

func (r *cameraRows) compare(a, b discovery.Device) int {
	switch r.sortBy {
	case colState:
		return cmp.Compare(stateRank(r.state(a)), stateRank(r.state(b)))
	case colModel:
		return cmp.Compare(strings.ToLower(a.Model), strings.ToLower(b.Model))
	case colIP:
		return compareIP(a, b)
	case colMAC:
		return cmp.Compare(a.MAC, b.MAC)
	case colFirmware:
		return compareVersions(a.Firmware, b.Firmware)
	case colChecklist:
		return cmp.Compare(r.checklistRank(a.MAC), r.checklistRank(b.MAC))
	}
	return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
}

// checklistRank orders cameras by how far their handover got: the fewest
// steps done first, cameras left out and those not in it last.
func (r *cameraRows) checklistRank(mac string) int {
	if r.handover == nil {
		return 0
	}
	c, ok := r.handover.Camera(mac)
	switch {
	case !ok:
		return 1000
	case c.Excluded:
		return 999
	}
	return len(handover.Steps) - len(c.Open())
}

// checklistCell is a camera's handover progress in the table: "3 of 7
// steps", "Handed over", "Left out", or nothing outside a handover.
func (r *cameraRows) checklistCell(mac string) string {
	if r.handover == nil {
		return ""
	}
	c, ok := r.handover.Camera(mac)
	switch {
	case !ok:
		return ""
	case c.Excluded:
		return lang.X("checklist.cell.excluded", "Left out")
	case c.HandedOver():
		return lang.X("checklist.cell.done", "Handed over")
	}
	required := 0
	for _, s := range handover.Steps {
		if s.Required() {
			required++
		}
	}
	return lang.X("checklist.cell.progress", "{{.Done}} of {{.Total}} steps", map[string]any{"Done": required - len(c.Open()), "Total": required})
}

// stateRank puts the cameras that need attention first.
func stateRank(s camState) int {
	return [...]int{stateNeedsPassword: 0, stateUnreachable: 1, stateBusy: 2, stateChecking: 3, stateLost: 4, stateReady: 5}[s]
}

func compareIP(a, b discovery.Device) int {
	switch {
	case len(a.Addresses) == 0 && len(b.Addresses) == 0:
		return 0
	case len(a.Addresses) == 0:
		return 1
	case len(b.Addresses) == 0:
		return -1
	}
	return a.Addresses[0].Compare(b.Addresses[0])
}

// compareVersions orders "9.80.1" before "10.12.0" (numerically by part).
func compareVersions(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		na, ea := versionPart(pa[i])
		nb, eb := versionPart(pb[i])
		if ea || eb {
			if c := cmp.Compare(pa[i], pb[i]); c != 0 {
				return c
			}
			continue
		}
		if c := cmp.Compare(na, nb); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(pa), len(pb))
}

func versionPart(s string) (n int, bad bool) {
	if s == "" {
		return 0, true
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, true
		}
		n = n*10 + int(r-'0')
	}
	return n, false
}

// normalizeFilter drops case and the separators people type in MACs, so
// "ac:cc:8e" finds ACCC8E7A1001.
func normalizeFilter(s string) string {
	return strings.ToLower(strings.TrimSpace(s))
}

func (r *cameraRows) matches(d discovery.Device, needle string, now time.Time) bool {
	hay := []string{d.Model, d.FullName, d.Firmware, d.Name, d.MAC, d.Serial, stateText(r.state(d), d, now), stateCell(r.state(d), d, now)}
	for _, a := range d.Addresses {
		hay = append(hay, a.String())
	}
	bare := strings.NewReplacer(":", "", "-", "", ".", "").Replace(needle)
	for _, h := range hay {
		h = strings.ToLower(h)
		if strings.Contains(h, needle) {
			return true
		}
		if bare != "" && bare != needle && strings.Contains(strings.ToLower(strings.NewReplacer(":", "", "-", "").Replace(h)), bare) {
			return true
		}
	}
	return false
}

// counts are what the status bar says.
type counts struct {
	total, shown, needPassword, unreachable, lost, busy int
}

func (r *cameraRows) counts() counts {
	c := counts{total: len(r.byMAC), shown: len(r.view)}
	for _, d := range r.byMAC {
		switch r.state(d) {
		case stateNeedsPassword:
			c.needPassword++
		case stateUnreachable:
			c.unreachable++
		case stateLost:
			c.lost++
		case stateBusy:
			c.busy++
		}
	}
	return c
}

// tickedShown are the ticked cameras the filter shows, in view order:
// the ones the actions work on. A tick on a camera the filter hides stays,
// for when the filter is cleared, but counts for nothing meanwhile.
func (r *cameraRows) tickedShown() []discovery.Device {
	var out []discovery.Device
	for _, mac := range r.view {
		if r.checked[mac] {
			out = append(out, r.byMAC[mac])
		}
	}
	return out
}

// tickedHidden counts the ticked cameras the filter hides.
func (r *cameraRows) tickedHidden() int {
	n := 0
	for mac := range r.checked {
		if _, known := r.byMAC[mac]; known && !r.shown(mac) {
			n++
		}
	}
	return n
}

func (r *cameraRows) shown(mac string) bool {
	_, ok := r.at[mac]
	return ok
}

func (r *cameraRows) indexOf(mac string) int {
	if i, ok := r.at[mac]; ok {
		return i
	}
	return -1
}
