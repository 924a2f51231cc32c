package app

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"

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
	ui.showEventForm("New event", e, func(p *eventPlan) change {
		return saveEventWith(nil, p.event, p.actors, p.cites, ui.actorsChangedIf(p))
	})
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
	ui.showEventForm("Edit event", before, func(p *eventPlan) change {
		return saveEventWith(before, p.event, p.actors, p.cites, ui.actorsChangedIf(p))
	})
}

// DuplicateEvent opens the New event form filled from the selected event
// (its actors, tags and certainty), for the next event of a series, with
// the cursor in the date.
func (ui *UI) DuplicateEvent() {
	id, ok := ui.timeline.tl.Selected()
	if !ok {
		return
	}
	from, ok := ui.eventToChange(id)
	if !ok {
		return
	}
	e := *from
	e.ID, e.Story, e.ExternalID = 0, 0, ""
	e.Actors = slices.Clone(from.Actors)
	e.Tags = slices.Clone(from.Tags)
	f := ui.showEventForm("New event", &e, func(p *eventPlan) change {
		return saveEventWith(nil, p.event, p.actors, p.cites, ui.actorsChangedIf(p))
	})
	ui.Window.Canvas().Focus(f.start)
}

// actorsChangedIf is what follows a change that makes p's new actors.
func (ui *UI) actorsChangedIf(p *eventPlan) func() {
	if len(p.actors) == 0 {
		return nil
	}
	return ui.actorsChanged
}

// showEventForm shows the form in a dialog that stays open until the
// event is valid and stored, or the user cancels; the cursor starts in
// the title.
func (ui *UI) showEventForm(title string, base *data.Event, makeChange func(*eventPlan) change) *eventForm {
	f := newEventForm(ui.actors, nil, nil, base)
	if s := ui.store; s != nil {
		ui.async(func() {
			tags, err1 := s.Tags()
			roles, err2 := s.Roles()
			sources, err3 := s.Sources()
			fyne.Do(func() {
				if err := errors.Join(err1, err2, err3); err != nil {
					ui.showError(err)
					return
				}
				f.allTags, f.roles, f.source.sources = tags, roles, sources
			})
		})
	}
	var d dialog.Dialog
	save := widget.NewButton("Save", func() {
		p, err := f.plan(base)
		if err == nil {
			err = ui.applyChange(makeChange(p))
		}
		if field := f.showError(err); field != nil {
			ui.Window.Canvas().Focus(field)
		}
		if err == nil {
			d.Hide()
			ui.showNewEvent(p.event.ID)
		}
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { d.Hide() })
	content := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, save), nil, nil, f.root)
	d = dialog.NewCustomWithoutButtons(title, content, ui.Window)
	d.Resize(fyne.NewSize(640, 680))
	d.Show()
	f.attachKeys(&formKeys{save: save.OnTapped, cancel: d.Hide, ask: ui.askDiscard})
	ui.Window.Canvas().Focus(f.title)
	ui.form = f
	ui.formSave = save
	return f
}

// askDiscard asks whether to close a form and lose what was typed; Enter
// says yes, Escape goes back to the form.
func (ui *UI) askDiscard(discard func()) {
	c := ui.Window.Canvas()
	back := c.Focused()
	d := dialog.NewConfirm("Discard changes", "Close the form and lose what you typed?", func(ok bool) {
		if ok {
			discard()
		} else if back != nil {
			c.Focus(back)
		}
	}, ui.Window)
	d.SetConfirmText("Discard")
	d.SetDismissText("Keep editing")
	ui.showWithKeys(d)
}

// showWithKeys shows a question whose Enter answers yes and Escape no.
// Nothing in it takes focus, so the window's own key handler answers.
func (ui *UI) showWithKeys(d *dialog.ConfirmDialog) {
	prev := ui.keyTrap // a window under the question, such as Actors…
	d.SetOnClosed(func() { ui.keyTrap = prev })
	d.Show()
	ui.Window.Canvas().Unfocus()
	ui.keyTrap = answerKeys(d.Confirm, d.Dismiss)
}

// answerKeys returns a key handler for a question: Enter calls yes, Escape
// no; it reports whether the key was one of them.
func answerKeys(yes, no func()) func(*fyne.KeyEvent) bool {
	return func(ev *fyne.KeyEvent) bool {
		switch ev.Name {
		case fyne.KeyReturn, fyne.KeyEnter:
			yes()
		case fyne.KeyEscape:
			no()
		default:
			return false
		}
		return true
	}
}

// DeleteEvent asks, then deletes an event with its links and citations.
func (ui *UI) DeleteEvent(id int64) {
	e, ok := ui.eventToChange(id)
	if !ok {
		return
	}
	cits, err := ui.store.Citations(id)
	var links []data.StoryLink
	if err == nil {
		err = ui.store.View(func(tx *data.Tx) error {
			links, err = tx.EventStoryLinks(id)
			return err
		})
	}
	var pics []data.Image
	var picBytes [][]byte
	if err == nil {
		pics, picBytes, err = eventPictures(ui.store, id)
	}
	if err != nil {
		ui.showError(err)
		return
	}
	what := fmt.Sprintf("its %d citations", len(cits))
	if len(links) > 0 {
		what = fmt.Sprintf("its %d citations and %d story links", len(cits), len(links))
	}
	d := dialog.NewConfirm("Delete event", fmt.Sprintf("Delete “%s” and %s? Undo (Ctrl+Z) brings it back.", e.Title, what),
		func(ok bool) {
			if !ok {
				return
			}
			if err := ui.applyChange(withPictures(deleteEvent(e, cits, links), pics, picBytes)); err != nil {
				ui.showError(err)
				return
			}
			ui.detail.show(nil, nil)
			ui.timeline.tl.Unselect()
		}, ui.Window)
	ui.showWithKeys(d)
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
	if ui.shared != nil {
		ui.shared.client.Kick() // to the server now, not at the next tick
	}
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
