package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// TestDialogKeys drives the other forms and questions with keys only: each
// opens with the cursor in its first field, closes on Escape when nothing
// was typed, asks first when something was, saves on Enter, and moves the
// cursor to the field of a mistake.
func TestDialogKeys(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	kb := &keyboard{t: t, w: ui.Window}
	c := ui.Window.Canvas()
	overlays := func() int { return len(c.Overlays().List()) }
	rows, _ := ui.store.Window(data.Filter{Text: "inquiry"})
	event := rows[0].ID

	forms := []struct {
		name  string
		open  func()
		first func() fyne.Focusable
	}{
		{"actor", ui.NewActor, nil},
		{"source", ui.NewSource, nil},
		{"citation", func() { ui.AddSource(event) }, func() fyne.Focusable { return ui.citeForm.pick }},
	}
	for _, form := range forms {
		form.open()
		if overlays() != 1 || c.Focused() == nil {
			t.Fatalf("%s form: %d overlays, focus on %v", form.name, overlays(), c.Focused())
		}
		if form.first != nil && c.Focused() != form.first() {
			t.Errorf("%s form: focus on %T, want its first field", form.name, c.Focused())
		}
		kb.key(fyne.KeyEscape)
		if overlays() != 0 {
			t.Fatalf("%s form: Escape did not close it untouched", form.name)
		}
		form.open()
		if _, ok := c.Focused().(*keySelect); ok {
			kb.key(fyne.KeyTab) // from the citation's source to a new source's title
		}
		if _, ok := c.Focused().(*keyEntry); !ok {
			t.Fatalf("%s form: Tab went to %T", form.name, c.Focused())
		}
		kb.typeText("x")
		kb.key(fyne.KeyEscape)
		if overlays() != 2 {
			t.Fatalf("%s form: Escape after typing did not ask", form.name)
		}
		kb.key(fyne.KeyReturn) // discard
		if overlays() != 0 {
			t.Fatalf("%s form: Enter on the question did not discard", form.name)
		}
	}

	// A new actor by keys: an error on Enter puts the cursor in the kind.
	ui.NewActor()
	kb.typeText("United Nations")
	kb.key(fyne.KeyReturn)
	f := ui.Window.Canvas().Focused()
	kind, ok := f.(*keySelect)
	if !ok || overlays() != 1 {
		t.Fatalf("saving without a kind: focus on %T, %d overlays", f, overlays())
	}
	kind.SetSelected("organisation") // (Space opens the list, a pop-up menu of Fyne's own)
	kb.key(fyne.KeyReturn)
	if _, ok := actorNamed(ui.actors, "United Nations"); !ok || overlays() != 0 {
		t.Fatal("Enter did not save the actor")
	}

	// A source: Enter from the title saves it.
	ui.NewSource()
	kb.typeText("UN statement")
	kb.key(fyne.KeyReturn)
	srcs, _ := ui.store.Sources()
	if overlays() != 0 || !slices.ContainsFunc(srcs, func(s data.Source) bool { return s.Title == "UN statement" }) {
		t.Fatal("Enter did not save the source")
	}

	// The export dialog: Escape cancels from its choice.
	ui.showExportDialog()
	if _, ok := c.Focused().(*keySelect); !ok {
		t.Fatalf("export: focus on %T", c.Focused())
	}
	kb.key(fyne.KeyEscape)
	if overlays() != 0 {
		t.Fatal("Escape did not close the export dialog")
	}

	// The Actors window closes on Escape, not while a form over it is
	// open or a question over that.
	ui.showActors()
	ui.NewActor()
	kb.typeText("x")
	kb.key(fyne.KeyEscape)
	kb.key(fyne.KeyEscape) // keep editing
	if overlays() != 2 {
		t.Fatalf("%d overlays, want the Actors window and the form", overlays())
	}
	kb.key(fyne.KeyEscape)
	kb.key(fyne.KeyReturn) // discard
	if overlays() != 1 {
		t.Fatalf("%d overlays, want the Actors window", overlays())
	}
	kb.key(fyne.KeyEscape)
	if overlays() != 0 || ui.keyTrap != nil {
		t.Fatal("Escape did not close the Actors window")
	}

	// Deleting asks; Escape keeps the event, Enter deletes it.
	ui.DeleteEvent(event)
	kb.key(fyne.KeyEscape)
	if _, err := ui.store.Event(event); err != nil || overlays() != 0 {
		t.Fatal("Escape on the question deleted the event")
	}
	ui.DeleteEvent(event)
	kb.key(fyne.KeyReturn)
	if _, err := ui.store.Event(event); err == nil || overlays() != 0 {
		t.Fatal("Enter on the question did not delete the event")
	}
}
