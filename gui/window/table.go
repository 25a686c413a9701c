package window

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/openipu/openipu/core/discovery"
)

// The camera table is a widget.List of rows laid out in columns under a
// header of sort buttons. A List rather than a Table: it highlights whole
// rows and creates widgets only for the rows on screen, so a thousand
// cameras cost a screenful of widgets.

// columnWidths are the widths of the columns, the tick box first; the
// name column takes what is left. The state column holds its longest
// word ("Not seen since 14:10") beside its icon.
var columnWidths = [numColumns + 1]float32{36, 180, 130, 125, 125, 85, 105, 140}

// Columns a narrow table leaves out, the details panel showing what they
// hold: the firmware first, then the name once it would be narrower than
// leastName. What is left (state, model, address, MAC) is what tells the
// cameras apart and what they need.
const (
	firstOptional = 1 + int(colFirmware)
	leastName     = 80
)

// essentialWidth is the width of the columns always shown.
func essentialWidth() float32 {
	w := float32(0)
	for _, cw := range columnWidths[:firstOptional] {
		w += cw
	}
	return w
}

// columnsLayout places its objects side by side at the column widths, so
// the header and every row line up; both decide from the same width which
// columns fit.
type columnsLayout struct {
	// checklist says whether a handover is open, so that its column
	// shows (before the firmware, when there is room for one of them).
	checklist *bool
}

func (l columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	firmware, name, checklist := columnWidths[1+colFirmware], float32(0), float32(0)
	rest := size.Width - essentialWidth()
	if l.checklist != nil && *l.checklist && rest >= columnWidths[1+colChecklist]+leastName {
		checklist = columnWidths[1+colChecklist]
		rest -= checklist
	}
	switch {
	case rest >= firmware+leastName:
		name = rest - firmware
	case rest >= leastName:
		firmware, name = 0, rest
	default:
		firmware = 0
	}
	x := float32(0)
	for i, o := range objs {
		w := columnWidths[i]
		switch i {
		case 1 + int(colFirmware):
			w = firmware
		case 1 + int(colName):
			w = name
		case 1 + int(colChecklist):
			w = checklist
		}
		if w == 0 {
			o.Hide()
			continue
		}
		o.Show()
		h := o.MinSize().Height
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		x += w
	}
}

func (columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(essentialWidth(), 0)
	for _, o := range objs {
		s.Height = max(s.Height, o.MinSize().Height)
	}
	return s
}

// tableHeader is the tick-all box and one sort button per column.
type tableHeader struct {
	all     *widget.Check
	buttons [numColumns]*widget.Button
	box     *fyne.Container
}

func newTableHeader(w *MainWindow) *tableHeader {
	h := &tableHeader{}
	h.all = widget.NewCheck("", nil)
	h.all.OnChanged = w.tickAll
	objs := []fyne.CanvasObject{h.all}
	for c := range numColumns {
		b := widget.NewButton(columnTitle(c), func() { w.sortOn(c) })
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		b.IconPlacement = widget.ButtonIconTrailingText
		h.buttons[c] = b
		objs = append(objs, b)
	}
	h.box = container.New(columnsLayout{checklist: &w.ho.column}, objs...)
	return h
}

// update shows the sort arrow on the sorted column and the tick-all state.
func (h *tableHeader) update(r *cameraRows) {
	for c, b := range h.buttons {
		var icon fyne.Resource
		if column(c) == r.sortBy {
			icon = theme.MenuDropDownIcon()
			if r.sortDesc {
				icon = theme.MenuDropUpIcon()
			}
		}
		if b.Icon != icon {
			b.SetIcon(icon)
		}
	}
	all := len(r.view) > 0
	for _, mac := range r.view {
		if !r.checked[mac] {
			all = false
			break
		}
	}
	setCheckQuietly(h.all, all)
}

// setCheckQuietly changes a tick box without firing its OnChanged, for
// boxes that mirror the model rather than change it.
func setCheckQuietly(c *widget.Check, on bool) {
	if c.Checked == on {
		return
	}
	f := c.OnChanged
	c.OnChanged = nil
	c.SetChecked(on)
	c.OnChanged = f
}

// cameraList is the List with keys that suit a table: Up and Down move the
// selection (and the details with it), Space ticks the selected camera.
type cameraList struct {
	widget.List
	w *MainWindow
}

func newCameraList(w *MainWindow) *cameraList {
	l := &cameraList{w: w}
	l.Length = func() int { return len(w.rows.view) }
	l.CreateItem = func() fyne.CanvasObject { return newCameraRow(w) }
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) { o.(*cameraRow).bind(id) }
	l.OnSelected = func(id widget.ListItemID) {
		// The List's own selection is not used: rows draw the window's
		// selection, which survives re-sorting.
		l.UnselectAll()
		w.selectIndex(id)
	}
	l.ExtendBaseWidget(l)
	return l
}

// FocusGained and FocusLost keep the List's own focus mark away: it would
// light a row of its own choosing, beside the selected one the keys move.
func (l *cameraList) FocusGained() {}
func (l *cameraList) FocusLost()   {}

func (l *cameraList) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyDown:
		l.w.moveSelection(1)
	case fyne.KeyUp:
		l.w.moveSelection(-1)
	case fyne.KeyPageDown:
		l.w.moveSelection(l.page())
	case fyne.KeyPageUp:
		l.w.moveSelection(-l.page())
	case fyne.KeyHome:
		l.w.selectIndex(0)
	case fyne.KeyEnd:
		l.w.selectIndex(len(l.w.rows.view) - 1)
	case fyne.KeySpace:
		l.w.toggleSelectedTick()
	case desktop.KeyMenu:
		// The keyboard's menu key: the selected row's menu, as the
		// right-click opens it.
		l.w.rowMenuFromKeys()
	default:
		l.List.TypedKey(ev)
	}
}

// page is how many rows a screenful holds, for Page Up and Page Down.
func (l *cameraList) page() int {
	row := newCameraRow(l.w).MinSize().Height + theme.Padding()
	return max(1, int(l.Size().Height/row)-1)
}

// cameraRow is one camera in the table.
type cameraRow struct {
	widget.BaseWidget
	w     *MainWindow
	index int
	mac   string
	mods  fyne.KeyModifier

	bg    *canvas.Rectangle
	check *widget.Check
	icon  *widget.Icon
	cells [numColumns]*widget.Label
}

func newCameraRow(w *MainWindow) *cameraRow {
	r := &cameraRow{w: w, bg: canvas.NewRectangle(color.Transparent), icon: widget.NewIcon(nil)}
	r.check = widget.NewCheck("", nil)
	for i := range r.cells {
		r.cells[i] = widget.NewLabel("")
		r.cells[i].Truncation = fyne.TextTruncateEllipsis
	}
	r.ExtendBaseWidget(r)
	return r
}

func (r *cameraRow) CreateRenderer() fyne.WidgetRenderer {
	state := container.NewBorder(nil, nil, r.icon, nil, r.cells[colState])
	objs := []fyne.CanvasObject{r.check, state}
	for _, c := range r.cells[colModel:] {
		objs = append(objs, c)
	}
	return widget.NewSimpleRenderer(container.NewStack(r.bg, container.New(columnsLayout{checklist: &r.w.ho.column}, objs...)))
}

// bind shows the camera at position id of the view.
func (r *cameraRow) bind(id int) {
	w := r.w
	if id < 0 || id >= len(w.rows.view) {
		return
	}
	r.index, r.mac = id, w.rows.view[id]
	d, _ := w.rows.device(r.mac)
	st := w.rows.state(d)
	now := w.now()

	r.check.OnChanged = nil
	r.check.SetChecked(w.rows.checked[r.mac])
	mac := r.mac
	r.check.OnChanged = func(on bool) { w.setTicked(mac, on) }

	r.icon.SetResource(stateIcon(st))
	texts := [numColumns]string{
		colState:     stateCell(st, d, now),
		colModel:     dashIfEmpty(d.Model),
		colIP:        ipCell(d),
		colMAC:       d.MAC,
		colFirmware:  dashIfEmpty(d.Firmware),
		colChecklist: w.rows.checklistCell(d.MAC),
		colName:      d.Name,
	}
	for i, t := range texts {
		if r.cells[i].Text != t {
			r.cells[i].SetText(t)
		}
	}
	if mac == w.selected {
		r.bg.FillColor = theme.Color(theme.ColorNameSelection)
	} else {
		r.bg.FillColor = color.Transparent
	}
	r.bg.Refresh()
}

// MouseDown remembers Ctrl/Shift for the tap that follows.
func (r *cameraRow) MouseDown(ev *desktop.MouseEvent) { r.mods = ev.Modifier }
func (r *cameraRow) MouseUp(*desktop.MouseEvent)      {}

// Tapped selects or ticks; a second click on the same row soon after is a
// double-click (rowTapped). The row is not a fyne.DoubleTappable: Fyne
// holds back every single click on one until the double-click time has
// passed, and the selection would lag behind each click.
func (r *cameraRow) Tapped(*fyne.PointEvent) {
	mods := r.mods
	r.mods = 0
	// The arrow keys work on the table once it has been clicked.
	r.w.win.Canvas().Focus(r.w.list)
	r.w.rowTapped(r.index, mods)
}

// TappedSecondary is the right-click: the row's menu.
func (r *cameraRow) TappedSecondary(ev *fyne.PointEvent) {
	r.mods = 0
	r.w.showRowMenu(r.index, ev.AbsolutePosition)
}

// ipCell is the camera's best address; the details list all of them.
func ipCell(d discovery.Device) string {
	if len(d.Addresses) == 0 {
		return "—"
	}
	return d.Addresses[0].String()
}

func dashIfEmpty(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
