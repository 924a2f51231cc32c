package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
)

// ShowActors opens the Actors window: every actor with its colour, kind
// and number of events, to add, edit and delete.
func (ui *UI) ShowActors() { ui.showActors() }

func (ui *UI) showActors() *recordsWindow {
	if ui.store == nil {
		return nil
	}
	return ui.showRecords(recordKind{
		title: "Actors", noun: "actor", empty: "No actors yet: Add… makes one.",
		columns:  []column{{title: "Name"}, {title: "Kind", width: 140}, {title: "Events", width: 80, align: fyne.TextAlignTrailing}},
		swatches: true, width: 760,
		load: loadActorRecords,
		add:  ui.newActor,
		edit: ui.EditActor,
		del:  ui.DeleteActor,
	})
}

// loadActorRecords reads the actors with their event counts, in lane order.
func loadActorRecords(s *data.Store) ([]record, error) {
	var rows []record
	err := s.View(func(tx *data.Tx) error {
		actors, err := tx.Actors()
		if err != nil {
			return err
		}
		counts, err := tx.ActorCounts()
		if err != nil {
			return err
		}
		for _, a := range actors {
			rows = append(rows, record{id: a.ID, swatch: parseColor(a.Color),
				cells: []string{a.Name, string(a.Kind), fmt.Sprint(counts[a.ID])}})
		}
		return nil
	})
	return rows, err
}

// NewActor opens the form for a new actor, whose lane comes last.
func (ui *UI) NewActor() { ui.newActor(nil) }

// newActor opens the form for a new actor; saved gets its id once stored.
func (ui *UI) newActor(saved func(id int64)) {
	if !ui.editable() {
		return
	}
	base := data.Actor{Color: nextColor(ui.actors)}
	for _, a := range ui.actors {
		base.Position = max(base.Position, a.Position+1)
	}
	ui.showActorForm("New actor", base, func(a *data.Actor) change { return createActor(a, ui.actorsChanged) }, saved)
}

// EditActor opens the form on an actor; saving stores the change.
func (ui *UI) EditActor(id int64) {
	if !ui.editable() {
		return
	}
	before, err := ui.store.Actor(id)
	if err != nil {
		ui.showError(err)
		return
	}
	ui.showActorForm("Edit actor", before, func(a *data.Actor) change { return updateActor(before, *a, ui.actorsChanged) }, nil)
}

// showActorForm shows the actor form in a dialog that stays open until
// the actor is valid and stored, or the user cancels.
func (ui *UI) showActorForm(title string, base data.Actor, makeChange func(*data.Actor) change, saved func(id int64)) {
	f := newActorForm(ui.Window, base)
	ui.showFormDialog(title, f.fields, fyne.NewSize(560, 430), func() error {
		a, err := f.actor(base)
		if err == nil {
			err = ui.applyChange(makeChange(a))
		}
		if err == nil && saved != nil {
			saved(a.ID)
		}
		return err
	})
}

// DeleteActor asks, naming how many events lose the actor, then deletes
// it (the events stay; undo puts it back in each).
func (ui *UI) DeleteActor(id int64) {
	if !ui.editable() {
		return
	}
	a, err := ui.store.Actor(id)
	if err != nil {
		ui.showError(err)
		return
	}
	counts, err := ui.store.ActorCounts()
	if err != nil {
		ui.showError(err)
		return
	}
	var lose string
	switch n := counts[id]; n {
	case 0:
		lose = "No event names it."
	case 1:
		lose = "1 event loses this actor; the event stays."
	default:
		lose = groupDigits(n) + " events lose this actor; the events stay."
	}
	ui.confirmDelete("Delete actor", fmt.Sprintf("Delete “%s”? %s Undo (Ctrl+Z) brings it back.", a.Name, lose), func() {
		if err := ui.applyChange(deleteActor(id, a.Name, ui.actorsChanged)); err != nil {
			ui.showError(err)
		}
	})
}

// confirmDelete asks before a delete, with Delete as the dangerous choice.
func (ui *UI) confirmDelete(title, message string, del func()) {
	d := dialog.NewConfirm(title, message, func(ok bool) {
		if ok {
			del()
		}
	}, ui.Window)
	d.SetConfirmText("Delete")
	d.SetDismissText("Cancel")
	d.SetConfirmImportance(widget.DangerImportance)
	ui.showWithKeys(d)
}

// actorsChanged shows a change to the actors: the sidebar's rows (the
// actors hidden there stay hidden, and the certainty filter stays), and
// the names the list and detail panel use. The actors are read here, on
// the UI goroutine like the change itself (a few rows), because afterEdit,
// which follows every change, lays the timeline's lanes out from them.
func (ui *UI) actorsChanged() {
	s := ui.store
	actors, err := s.Actors()
	if err != nil {
		ui.showError(err)
		return
	}
	hidden := ui.filters.hidden()
	shown := map[data.Certainty]bool{}
	for c, check := range ui.filters.certainty {
		shown[c] = check.Checked
	}
	ui.actors = actors
	ui.actorMap = make(map[int64]data.Actor, len(actors))
	for _, a := range actors {
		ui.actorMap[a.ID] = a
	}
	ui.filters.setActors(ui.laneActors(), ui.filters.counts)
	ui.filters.hide(hidden)
	for c, check := range ui.filters.certainty {
		onChanged := check.OnChanged
		check.OnChanged = nil
		check.SetChecked(shown[c])
		check.OnChanged = onChanged
	}
	ui.list.setStore(s, ui.actorMap)
}
