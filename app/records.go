package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
)

// recordsWindow is a dialog over the main window that lists the records of
// one kind (actors, sources) in columns, with Add, Edit and Delete. It
// reads them again after every change, undo and redo while it is open.
type recordsWindow struct {
	ui    *UI
	store *data.Store
	kind  recordKind

	rows     []record
	selected int64 // the selected record's id; 0 for none
	list     *widget.List
	empty    *widget.Label
	count    *widget.Label
	edit     *widget.Button
	del      *widget.Button
	d        dialog.Dialog
}

// recordKind is what a recordsWindow lists and how it changes it.
type recordKind struct {
	title    string // "Actors"
	noun     string // "actor", for "10 actors"
	empty    string // shown when there are none
	columns  []column
	swatches bool    // the first column starts with the record's colour
	width    float32 // of the window
	load     func(*data.Store) ([]record, error)
	add      func(saved func(id int64))
	edit     func(id int64)
	del      func(id int64)
}

// column is one column of a recordsWindow.
type column struct {
	title string
	width float32 // 0: the column takes the width the others leave
	align fyne.TextAlign
}

// record is one row of a recordsWindow.
type record struct {
	id     int64
	swatch color.Color
	cells  []string
}

// showRecords opens the window for kind on the open chronology.
func (ui *UI) showRecords(kind recordKind) *recordsWindow {
	w := &recordsWindow{ui: ui, store: ui.store, kind: kind}
	w.list = widget.NewList(func() int { return len(w.rows) }, w.newRow, w.updateRow)
	w.list.OnSelected = func(i widget.ListItemID) {
		if i < len(w.rows) {
			w.selected = w.rows[i].id
		}
		w.updateButtons()
	}
	w.list.OnUnselected = func(widget.ListItemID) {
		w.selected = 0
		w.updateButtons()
	}
	w.empty = widget.NewLabel(kind.empty)
	w.empty.Importance = widget.LowImportance
	w.empty.Alignment = fyne.TextAlignCenter
	w.empty.Hide()
	w.count = widget.NewLabel("")
	w.count.Importance = widget.LowImportance

	add := widget.NewButtonWithIcon("Add…", theme.ContentAddIcon(), func() {
		if w.current() {
			kind.add(w.selectLater)
		}
	})
	w.edit = widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), func() {
		if w.current() && w.selected != 0 {
			kind.edit(w.selected)
		}
	})
	w.del = widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), func() {
		if w.current() && w.selected != 0 {
			kind.del(w.selected)
		}
	})
	closeB := widget.NewButton("Close", func() { w.d.Hide() })
	closeB.Importance = widget.HighImportance
	buttons := container.NewHBox(add, w.edit, w.del)
	if w.store.ReadOnly() {
		note := widget.NewLabel("Read-only: File › Save As makes a copy you can edit.")
		note.Importance = widget.LowImportance
		buttons = container.NewHBox(note)
	}
	w.updateButtons()

	header := w.header()
	body := container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil,
		container.NewStack(w.list, container.NewCenter(w.empty)))
	bottom := container.NewVBox(widget.NewSeparator(),
		container.NewBorder(nil, nil, buttons, container.NewHBox(w.count, closeB)))
	w.d = dialog.NewCustomWithoutButtons(kind.title, container.NewBorder(nil, bottom, nil, nil, body), ui.Window)

	// Every change made while the window is open (here, in a form it
	// opens, or an undo) shows in it; closing it stops that.
	prev := ui.history.onChange
	ui.history.onChange = func() {
		if prev != nil {
			prev()
		}
		w.reload()
	}
	// Escape closes the window while no field in it has the cursor.
	prevTrap := ui.keyTrap
	ui.keyTrap = func(ev *fyne.KeyEvent) bool {
		if ev.Name == fyne.KeyEscape {
			w.d.Hide()
			return true
		}
		return false
	}
	w.d.SetOnClosed(func() { ui.history.onChange, ui.keyTrap = prev, prevTrap })
	w.d.Resize(fyne.NewSize(w.kind.width, 600))
	w.d.Show()
	w.reload()
	return w
}

// current reports whether the window still shows the open chronology,
// and closes it when another one was opened meanwhile.
func (w *recordsWindow) current() bool {
	if w.ui.store != w.store {
		w.d.Hide()
		return false
	}
	return true
}

// reload reads the records again, off the UI goroutine, keeping the
// selection when the selected record is still there.
func (w *recordsWindow) reload() {
	if !w.current() {
		return
	}
	s := w.store
	w.ui.async(func() {
		rows, err := w.kind.load(s)
		fyne.Do(func() {
			if !w.current() {
				return
			}
			if err != nil {
				w.ui.showError(err)
				return
			}
			w.rows = rows
			w.list.Refresh()
			w.count.SetText(countOf(len(rows), w.kind.noun))
			if len(rows) == 0 {
				w.empty.Show()
			} else {
				w.empty.Hide()
			}
			w.selectID(w.selected)
		})
	})
}

// selectLater selects the record with id once it is listed (a record
// just added).
func (w *recordsWindow) selectLater(id int64) {
	w.selected = id
	w.selectRow(id)
}

// selectID selects the row of the record with id, or none when it is
// not listed.
func (w *recordsWindow) selectID(id int64) {
	if !w.selectRow(id) {
		w.list.UnselectAll()
		w.selected = 0
		w.updateButtons()
	}
}

// selectRow selects and shows the row of the record with id, if listed.
func (w *recordsWindow) selectRow(id int64) bool {
	for i, r := range w.rows {
		if r.id == id {
			w.list.Select(i)
			w.list.ScrollTo(i)
			return true
		}
	}
	return false
}

func (w *recordsWindow) updateButtons() {
	if w.selected == 0 || w.store.ReadOnly() {
		w.edit.Disable()
		w.del.Disable()
		return
	}
	w.edit.Enable()
	w.del.Enable()
}

// countOf says "1 actor", "10 actors".
func countOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return groupDigits(n) + " " + noun + "s"
}

// header is the row of column titles, laid out as the rows are.
func (w *recordsWindow) header() fyne.CanvasObject {
	cells := make([]fyne.CanvasObject, len(w.kind.columns))
	for i, c := range w.kind.columns {
		l := widget.NewLabelWithStyle(c.title, c.align, fyne.TextStyle{Bold: true})
		if i == 0 && w.kind.swatches {
			cells[i] = container.NewBorder(nil, nil, swatchSpace(), nil, l)
			continue
		}
		cells[i] = l
	}
	return container.New(&columnsLayout{columns: w.kind.columns}, cells...)
}

// swatchSpace is a transparent square the size of a row's swatch.
func swatchSpace() fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSquareSize(theme.IconInlineSize()))
	return container.NewCenter(r)
}

func (w *recordsWindow) newRow() fyne.CanvasObject {
	cells := make([]fyne.CanvasObject, len(w.kind.columns))
	for i, c := range w.kind.columns {
		l := widget.NewLabel("")
		l.Alignment = c.align
		l.Truncation = fyne.TextTruncateEllipsis
		if i == 0 && w.kind.swatches {
			sw := canvas.NewRectangle(color.Transparent)
			sw.CornerRadius = 3
			sw.SetMinSize(fyne.NewSquareSize(theme.IconInlineSize()))
			cells[i] = container.NewBorder(nil, nil, container.NewCenter(sw), nil, l)
			continue
		}
		cells[i] = l
	}
	return container.New(&columnsLayout{columns: w.kind.columns}, cells...)
}

func (w *recordsWindow) updateRow(i widget.ListItemID, obj fyne.CanvasObject) {
	if i >= len(w.rows) {
		return
	}
	r := w.rows[i]
	for j, cell := range obj.(*fyne.Container).Objects {
		text := ""
		if j < len(r.cells) {
			text = r.cells[j]
		}
		if box, ok := cell.(*fyne.Container); ok { // label and swatch
			sw := box.Objects[1].(*fyne.Container).Objects[0].(*canvas.Rectangle)
			sw.FillColor = r.swatch
			sw.Refresh()
			box.Objects[0].(*widget.Label).SetText(text)
			continue
		}
		cell.(*widget.Label).SetText(text)
	}
}

// columnsLayout lays out the cells of a row in columns: each its column's
// width, the column of width 0 what is left, all the row's height.
type columnsLayout struct {
	columns []column
}

var _ fyne.Layout = (*columnsLayout)(nil)

func (l *columnsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var size fyne.Size
	for i, o := range objects {
		m := o.MinSize()
		w := l.columns[i].width
		if w == 0 {
			w = m.Width
		}
		size.Width += w
		size.Height = max(size.Height, m.Height)
	}
	size.Width += theme.Padding() * float32(max(len(objects)-1, 0))
	return size
}

func (l *columnsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	rest := size.Width - pad*float32(max(len(objects)-1, 0))
	for i := range objects {
		rest -= l.columns[i].width
	}
	x := float32(0)
	for i, o := range objects {
		w := l.columns[i].width
		if w == 0 {
			w = max(rest, 0)
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}
