package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// TestEventFormKeys drives the New event form with keys only: the cursor
// starts in the title; Escape closes an untouched form at once and asks
// first once something is typed; Enter saves, and a mistake keeps the
// form open with the cursor in the field at fault; actors and tags are
// typed with completion, a new actor made on save, Backspace in the empty
// actor entry taking the last one off.
func TestEventFormKeys(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	original := snapshot(t, ui.store)
	kb := &keyboard{t: t, w: ui.Window}
	c := ui.Window.Canvas()
	open := func() bool { return c.Overlays().Top() != nil }

	kb.shortcut(fyne.KeyE, 0)
	if !open() || c.Focused() != ui.form.title {
		t.Fatalf("Ctrl+E: form open %v, focus on %T", open(), c.Focused())
	}
	kb.key(fyne.KeyEscape)
	if open() {
		t.Fatal("Escape did not close the untouched form")
	}

	kb.shortcut(fyne.KeyE, 0)
	f := ui.form
	kb.typeText("Sony cancels the release")
	kb.key(fyne.KeyEscape)
	if len(c.Overlays().List()) != 2 {
		t.Fatalf("Escape after typing: %d overlays, want the form and its question", len(c.Overlays().List()))
	}
	kb.key(fyne.KeyEscape) // keep editing
	if len(c.Overlays().List()) != 1 || c.Focused() != f.title {
		t.Fatalf("Escape on the question: %d overlays, focus on %T", len(c.Overlays().List()), c.Focused())
	}
	kb.key(fyne.KeyTab)
	if c.Focused() != f.start {
		t.Fatalf("Tab from the title went to %T", c.Focused())
	}
	kb.typeText("2014-13-17")
	kb.key(fyne.KeyReturn)
	if !open() || !f.errs["start"].Visible() || c.Focused() != f.start {
		t.Fatalf("a bad date: form open %v, error shown %v, focus on %T", open(), f.errs["start"].Visible(), c.Focused())
	}
	kb.shortcut(fyne.KeyA, 0)
	kb.typeText("2014-12-17")
	if f.start.Text != "2014-12-17" {
		t.Fatalf("start = %q", f.start.Text)
	}
	kb.shiftTab()
	if c.Focused() != f.title {
		t.Fatalf("Shift+Tab from the start went to %T", c.Focused())
	}
	for c.Focused() != f.tags {
		kb.key(fyne.KeyTab)
		if kb.strokes > 200 {
			t.Fatal("Tab never reached the tags")
		}
	}
	kb.typeText("fil")
	kb.key(fyne.KeyReturn) // takes "film"
	kb.typeText("new tag")
	kb.key(fyne.KeyTab)
	for c.Focused() != f.addActor {
		kb.key(fyne.KeyTab)
		if kb.strokes > 200 {
			t.Fatal("Tab never reached the actors")
		}
	}
	kb.typeText("sony")
	kb.key(fyne.KeyReturn) // Sony Pictures Entertainment
	if len(f.rows) != 1 || c.Focused() != f.rows[0].role {
		t.Fatalf("after picking Sony: %d actors, focus on %T", len(f.rows), c.Focused())
	}
	kb.typeText("targ")
	kb.key(fyne.KeyReturn) // takes "target"
	kb.key(fyne.KeyTab)    // the remove button is no Tab stop
	if c.Focused() != f.addActor {
		t.Fatalf("Tab from the role went to %T", c.Focused())
	}
	kb.typeText("Theatre owners")
	kb.key(fyne.KeyReturn) // Create actor "Theatre owners"
	kb.typeText("aff")
	kb.key(fyne.KeyReturn) // affected
	kb.key(fyne.KeyTab)
	kb.typeText("FBI")
	kb.key(fyne.KeyReturn)
	if got := len(f.rows); got != 3 {
		t.Fatalf("%d actors, want 3", got)
	}
	c.Focus(f.desc)
	kb.key(fyne.KeyTab) // a multi-line field passes Tab on too
	if c.Focused() != f.notes || f.desc.Text != "" {
		t.Fatalf("Tab from the description: focus on %T, description %q", c.Focused(), f.desc.Text)
	}
	c.Focus(f.addActor)
	kb.key(fyne.KeyBackspace) // takes the FBI off
	if got := len(f.rows); got != 2 {
		t.Fatalf("Backspace in the empty entry: %d actors, want 2", got)
	}
	kb.key(fyne.KeyReturn)
	if open() {
		t.Fatalf("Enter did not save: %v", drawn(c.Overlays().Top()))
	}
	e := datatest.EventTitled(t, ui.store, "Sony cancels the release")
	owners, ok := actorNamed(ui.actors, "Theatre owners")
	sony, _ := actorNamed(ui.actors, "Sony Pictures Entertainment")
	want := []data.Participant{{ActorID: sony.ID, Role: "target"}, {ActorID: owners.ID, Role: "affected"}}
	if !ok || !slices.Equal(e.Actors, want) || e.Start != data.DayDate(2014, 12, 17) || !slices.Equal(e.Tags, []string{"film", "new tag"}) {
		t.Errorf("stored %+v (actors want %+v)", e, want)
	}
	if id, ok := ui.timeline.tl.Selected(); !ok || id != e.ID {
		t.Error("the new event is not selected")
	}

	// Ctrl+D: the same event again, the cursor in its date.
	kb.shortcut(fyne.KeyD, 0)
	if !open() || c.Focused() != ui.form.start || ui.form.title.Text != e.Title || len(ui.form.rows) != 2 {
		t.Fatalf("Ctrl+D: form open %v, focus %T", open(), c.Focused())
	}
	kb.typeText("2014-12-18")
	kb.shortcut(fyne.KeyReturn, 0) // Ctrl+Enter saves too
	if open() {
		t.Fatal("Ctrl+Enter did not save")
	}
	rows, _ := ui.store.Window(data.Filter{})
	n := 0
	for _, r := range rows {
		if r.Title == e.Title {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("%d events titled %q after duplicating, want 2", n, e.Title)
	}
	ui.Undo()
	ui.Undo()
	if snapshot(t, ui.store) != original {
		t.Error("two undos did not take back both events and the new actor")
	}
}
