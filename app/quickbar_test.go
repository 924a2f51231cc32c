package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// TestQuickAdd adds an event by keys only: Ctrl+Shift+E, one line, one
// Enter. The line names a known actor, a new one with a role, a tag, a
// certainty and a link; the preview says what it understood while typing;
// the event is stored with all of it and selected; one undo takes back the
// event, the new actor and the new source.
func TestQuickAdd(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	original := snapshot(t, ui.store)
	kb := &keyboard{t: t, w: ui.Window}

	kb.shortcut(fyne.KeyE, fyne.KeyModifierShift)
	if ui.Window.Canvas().Focused() != ui.quick.entry {
		t.Fatalf("Ctrl+Shift+E focused %v, not the quick-add line", ui.Window.Canvas().Focused())
	}
	kb.typeText(`2014-12-22 16:15 UTC North Korea drops off`)
	if got := ui.quick.preview.Text; !ui.quick.preview.Visible() || !strings.Contains(got, "2014-12-22 16:15 UTC · “North Korea drops off”") {
		t.Errorf("preview while typing = %q", got)
	}
	kb.typeText(` the net again @"North Korea" @Dyn:"DNS provider" #outage !confirmed https://www.nytimes.com/2014/12/23/world/asia/korea.html`)
	if got := ui.quick.preview.Text; !strings.Contains(got, "actor North Korea · new actor Dyn (DNS provider) · #outage · confirmed · new source https://www.nytimes.com/") {
		t.Errorf("preview = %q", got)
	}
	kb.key(fyne.KeyReturn)
	if kb.strokes != 2+len([]rune(`2014-12-22 16:15 UTC North Korea drops off the net again @"North Korea" @Dyn:"DNS provider" #outage !confirmed https://www.nytimes.com/2014/12/23/world/asia/korea.html`)) {
		t.Errorf("%d keystrokes", kb.strokes)
	}
	t.Logf("quick add: %d keystrokes", kb.strokes)

	e := datatest.EventTitled(t, ui.store, "North Korea drops off the net again")
	if e.Start != data.MinuteDate(2014, 12, 22, 16, 15) || e.Zone != "UTC" || e.Certainty != data.Confirmed ||
		strings.Join(e.Tags, ",") != "outage" || len(e.Actors) != 2 {
		t.Fatalf("stored %+v", e)
	}
	nk, _ := actorNamed(ui.actors, "North Korea")
	dyn, ok := actorNamed(ui.actors, "Dyn")
	if !ok || e.Actors[0] != (data.Participant{ActorID: nk.ID}) || e.Actors[1] != (data.Participant{ActorID: dyn.ID, Role: "DNS provider"}) {
		t.Errorf("actors %+v; Dyn %+v", e.Actors, dyn)
	}
	cits, _ := ui.store.Citations(e.ID)
	if len(cits) != 1 {
		t.Fatalf("%d citations", len(cits))
	}
	src, _ := ui.store.Source(cits[0].SourceID)
	if src.Publisher != "nytimes.com" || src.URL != "https://www.nytimes.com/2014/12/23/world/asia/korea.html" {
		t.Errorf("source %+v", src)
	}
	if id, ok := ui.timeline.tl.Selected(); !ok || id != e.ID {
		t.Errorf("selected %d, %v; want the new event %d", id, ok, e.ID)
	}
	if !contains(drawn(ui.detail.Object()), "North Korea drops off the net again") {
		t.Error("the detail panel does not show the new event")
	}
	if ui.quick.entry.Text != "" || ui.quick.preview.Visible() {
		t.Error("the line was not emptied")
	}

	// A link already cited finds its source; a bad line says why and
	// stores nothing.
	kb.typeText("2014-12-23 Again https://www.nytimes.com/2014/12/23/world/asia/korea.html")
	if !strings.Contains(ui.quick.preview.Text, "source “nytimes.com”") {
		t.Errorf("preview = %q, want the existing source", ui.quick.preview.Text)
	}
	kb.key(fyne.KeyEscape)
	if ui.quick.entry.Text != "" || ui.Window.Canvas().Focused() != nil {
		t.Error("Escape did not empty the line and leave it")
	}
	kb.shortcut(fyne.KeyE, fyne.KeyModifierShift)
	kb.typeText("Sony pulls the film")
	kb.key(fyne.KeyReturn)
	if got := ui.quick.preview.Text; !strings.Contains(got, "start with a date") || ui.quick.entry.Text == "" {
		t.Errorf("a line without a date: preview %q, line %q", got, ui.quick.entry.Text)
	}

	ui.Undo()
	if snapshot(t, ui.store) != original {
		t.Error("undo did not take back the event, its new actor and its new source")
	}
	if _, ok := actorNamed(ui.actors, "Dyn"); ok {
		t.Error("the sidebar still lists the undone actor")
	}
}
