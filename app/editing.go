package app

import (
	"errors"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
)

// editable reports whether the open chronology can be changed, and says
// why not when it cannot.
func (ui *UI) editable() bool {
	if ui.store == nil {
		return false
	}
	if ui.store.ReadOnly() {
		ui.showError(fmt.Errorf("%s is open read-only: use File › Save As to edit a copy", filepath.Base(ui.store.Path())))
		return false
	}
	return true
}

// NewEvent opens the form for a new event; it is stored when saved.
func (ui *UI) NewEvent() {
	if !ui.editable() {
		return
	}
	e := &data.Event{Start: data.DayDate(2014, 12, 1), Certainty: data.Reported, Importance: 3}
	if d := ui.timeline.data; d != nil {
		// Start where the timeline looks: the middle of the view, to the day.
		vp := ui.timeline.tl.Viewport()
		mid := int64(vp.Start + vp.PerPixel*float64(vp.Width)/2)
		if t := data.DateAt(mid, data.PrecisionDay); t.Validate() == nil {
			e.Start = t
		}
	}
	ui.showEventForm("New event", e, func(after *data.Event) change { return createEvent(after) })
}

// eventToChange reads an event the user is about to change; false (with a
// message) when the file cannot be changed or the event cannot be read.
func (ui *UI) eventToChange(id int64) (*data.Event, bool) {
	if !ui.editable() {
		return nil, false
	}
	e, err := ui.store.Event(id)
	if err != nil {
		ui.showError(err)
		return nil, false
	}
	return e, true
}

// EditEvent opens the form on an event; saving stores the change.
func (ui *UI) EditEvent(id int64) {
	before, ok := ui.eventToChange(id)
	if !ok {
		return
	}
	ui.showEventForm("Edit event", before, func(after *data.Event) change { return updateEvent(before, after) })
}

// showEventForm shows the form in a dialog that stays open until the
// event is valid and stored, or the user cancels.
func (ui *UI) showEventForm(title string, base *data.Event, makeChange func(*data.Event) change) {
	f := newEventForm(ui.actors, base)
	var d dialog.Dialog
	save := widget.NewButton("Save", func() {
		after, err := f.event(base)
		if err == nil {
			err = ui.applyChange(makeChange(after))
		}
		f.showError(err)
		if err == nil {
			d.Hide()
			ui.selectEvent(after.ID)
			ui.timeline.tl.Select(after.ID)
		}
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { d.Hide() })
	content := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, save), nil, nil, f.root)
	d = dialog.NewCustomWithoutButtons(title, content, ui.Window)
	d.Resize(fyne.NewSize(640, 680))
	d.Show()
	ui.form = f
	ui.formSave = save
}

// DeleteEvent asks, then deletes an event with its links and citations.
func (ui *UI) DeleteEvent(id int64) {
	e, ok := ui.eventToChange(id)
	if !ok {
		return
	}
	cits, err := ui.store.Citations(id)
	if err != nil {
		ui.showError(err)
		return
	}
	dialog.ShowConfirm("Delete event", fmt.Sprintf("Delete “%s” and its %d citations? Undo (Ctrl+Z) brings it back.", e.Title, len(cits)),
		func(ok bool) {
			if !ok {
				return
			}
			if err := ui.applyChange(deleteEvent(e, cits)); err != nil {
				ui.showError(err)
				return
			}
			ui.detail.show(nil, nil)
			ui.timeline.tl.Unselect()
		}, ui.Window)
}

// applyChange makes an edit in the file at once (there is no Save) and
// records it for undo; the window then shows the new state.
func (ui *UI) applyChange(c change) error {
	if err := ui.history.apply(ui.store, c); err != nil {
		return err
	}
	ui.afterEdit()
	return nil
}

// Undo takes the last edit back.
func (ui *UI) Undo() {
	if ui.store == nil {
		return
	}
	if ok, err := ui.history.undo(ui.store); err != nil {
		ui.showError(err)
	} else if ok {
		ui.afterEdit()
	}
}

// Redo makes the last undone edit again.
func (ui *UI) Redo() {
	if ui.store == nil {
		return
	}
	if ok, err := ui.history.redo(ui.store); err != nil {
		ui.showError(err)
	} else if ok {
		ui.afterEdit()
	}
}

// afterEdit shows the file as it now is: counts, list, timeline, and the
// selected event's detail.
func (ui *UI) afterEdit() {
	s := ui.store
	ui.async(func() {
		counts, err1 := s.ActorCounts()
		total, err2 := s.Count(data.Filter{})
		tags, err3 := s.Tags()
		fyne.Do(func() {
			if ui.store != s {
				return
			}
			if err := errors.Join(err1, err2, err3); err != nil {
				ui.showError(err)
				return
			}
			ui.total = total
			ui.filters.setCounts(counts)
			ui.filters.setTags(tags)
			ui.filterChanged()
			ui.reloadTimeline()
			if id, ok := ui.timeline.tl.Selected(); ok {
				ui.selectEvent(id)
			}
		})
	})
}
