package app

import (
	"fmt"

	"fyne.io/fyne/v2"

	"chronoscope/data"
)

// ShowSources opens the Sources window: every source with its publisher,
// date and number of citations, to add, edit and delete.
func (ui *UI) ShowSources() { ui.showSources() }

func (ui *UI) showSources() *recordsWindow {
	if ui.store == nil {
		return nil
	}
	return ui.showRecords(recordKind{
		title: "Sources", noun: "source", empty: "No sources yet: Add… makes one.",
		columns: []column{{title: "Title"}, {title: "Publisher", width: 230}, {title: "Published", width: 110},
			{title: "Citations", width: 90, align: fyne.TextAlignTrailing}},
		width: 920,
		load:  loadSourceRecords,
		add:   ui.newSource,
		edit:  ui.EditSource,
		del:   ui.DeleteSource,
	})
}

// loadSourceRecords reads the sources, by title, with their citation counts.
func loadSourceRecords(s *data.Store) ([]record, error) {
	var rows []record
	err := s.View(func(tx *data.Tx) error {
		sources, err := tx.Sources()
		if err != nil {
			return err
		}
		counts, err := tx.CitationCounts()
		if err != nil {
			return err
		}
		for _, src := range sources {
			rows = append(rows, record{id: src.ID,
				cells: []string{src.Title, src.Publisher, dateText(src.Published, ""), fmt.Sprint(counts[src.ID])}})
		}
		return nil
	})
	return rows, err
}

// NewSource opens the form for a new source (cited by no event yet).
func (ui *UI) NewSource() { ui.newSource(nil) }

// newSource opens the form for a new source; saved gets its id once stored.
func (ui *UI) newSource(saved func(id int64)) {
	if !ui.editable() {
		return
	}
	ui.showSourceForm("New source", data.Source{}, func(s *data.Source) change { return createSource(s) }, saved)
}

// EditSource opens the form on a source; saving stores the change, which
// every event citing it shows.
func (ui *UI) EditSource(id int64) {
	if !ui.editable() {
		return
	}
	before, err := ui.store.Source(id)
	if err != nil {
		ui.showError(err)
		return
	}
	ui.showSourceForm("Edit source", before, func(s *data.Source) change { return updateSource(before, *s) }, nil)
}

// showSourceForm shows the source form in a dialog that stays open until
// the source is valid and stored, or the user cancels.
func (ui *UI) showSourceForm(title string, base data.Source, makeChange func(*data.Source) change, saved func(id int64)) {
	f := newSourceForm(base)
	ui.showFormDialog(title, f.fields, fyne.NewSize(640, 500), func() error {
		s, err := f.source(base)
		if err == nil {
			err = ui.applyChange(makeChange(s))
		}
		if err == nil && saved != nil {
			saved(s.ID)
		}
		return err
	})
	ui.Window.Canvas().Focus(f.title)
}

// DeleteSource asks, naming how many citations go with the source and
// how many pictures lose it, then deletes it (undo puts all back).
func (ui *UI) DeleteSource(id int64) {
	if !ui.editable() {
		return
	}
	src, err := ui.store.Source(id)
	if err != nil {
		ui.showError(err)
		return
	}
	counts, err := ui.store.CitationCounts()
	if err != nil {
		ui.showError(err)
		return
	}
	var goes string
	switch n := counts[id]; n {
	case 0:
		goes = "No event cites it."
	case 1:
		goes = "Its 1 citation goes with it."
	default:
		goes = fmt.Sprintf("Its %d citations go with it.", n)
	}
	var ims []data.Image
	if err := ui.store.View(func(tx *data.Tx) error { ims, err = tx.SourceImages(id); return err }); err != nil {
		ui.showError(err)
		return
	}
	switch len(ims) {
	case 0:
	case 1:
		goes += " The picture taken from it keeps no source."
	default:
		goes += fmt.Sprintf(" The %d pictures taken from it keep no source.", len(ims))
	}
	ui.confirmDelete("Delete source", fmt.Sprintf("Delete “%s”? %s Undo (Ctrl+Z) brings it back.", src.Title, goes), func() {
		if err := ui.applyChange(deleteSource(id, src.Title)); err != nil {
			ui.showError(err)
		}
	})
}
