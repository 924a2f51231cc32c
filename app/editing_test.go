package app

import (
	"bytes"
	"os"
	"os/exec"
	"reflect"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// snapshot is the whole chronology as Chronoscope JSON, to compare states.
func snapshot(t *testing.T, s *data.Store) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.View(func(tx *data.Tx) error { return data.WriteJSON(tx, &b) }); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestEditUndoRedo(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	original := snapshot(t, ui.store)
	rows, _ := ui.store.Window(data.Filter{Text: "proportional"})
	id := rows[0].ID

	// A bad date is reported beside its field and nothing is stored.
	ui.EditEvent(id)
	f := ui.form
	f.start.SetText("2014-13-19")
	test.Tap(ui.formSave)
	if !f.errs["start"].Visible() || !contains([]string{f.errs["start"].Text}, "month 13") {
		t.Errorf("no inline error for month 13: %q", f.errs["start"].Text)
	}
	if snapshot(t, ui.store) != original {
		t.Fatal("a rejected edit changed the file")
	}
	// A good edit is stored at once.
	f.start.SetText("Dec 2014")
	f.title.SetText("Obama promises a response")
	f.certainty.SetSelected("claimed")
	test.Tap(ui.formSave)
	e, _ := ui.store.Event(id)
	if e.Title != "Obama promises a response" || e.Start != data.MonthDate(2014, 12) || e.Certainty != data.Claimed {
		t.Fatalf("the edit was not stored: %+v", e)
	}
	edited := snapshot(t, ui.store)
	ui.Undo()
	if snapshot(t, ui.store) != original {
		t.Error("undo did not restore the exact state")
	}
	ui.Redo()
	if snapshot(t, ui.store) != edited {
		t.Error("redo did not restore the edited state")
	}
	ui.Undo()

	// Delete takes the citations with it; undo puts all back.
	before, _ := ui.store.Event(id)
	cits, _ := ui.store.Citations(id)
	ui.DeleteEvent(id)
	confirm := find(t, ui.Window.Canvas().Overlays().Top(), func(b *widget.Button) bool { return b.Text == "Yes" })
	test.Tap(confirm)
	if _, err := ui.store.Event(id); err == nil {
		t.Fatal("the event was not deleted")
	}
	if got := ui.filters.status.Text; got != "17 of 17 events" {
		t.Errorf("status after delete = %q", got)
	}
	ui.Undo()
	after, err := ui.store.Event(id)
	if err != nil || !reflect.DeepEqual(after, before) {
		t.Errorf("undo of the delete: %+v, %v", after, err)
	}
	if got, _ := ui.store.Citations(id); !reflect.DeepEqual(got, cits) {
		t.Errorf("citations after undo = %+v, want %+v", got, cits)
	}
	if snapshot(t, ui.store) != original {
		t.Error("delete and undo did not restore the exact state")
	}

	// A new event, undone and redone under the same id.
	ui.NewEvent()
	f = ui.form
	f.title.SetText("China's Foreign Ministry repeats its call for evidence")
	f.start.SetText("2014-12-24")
	f.addActorID(ui.actors[4].ID) // China
	f.roleOf(ui.actors[4].ID).SetText("speaker")
	test.Tap(ui.formSave)
	if got := ui.filters.status.Text; got != "19 of 19 events" {
		t.Errorf("status after a new event = %q", got)
	}
	added, _ := ui.store.Window(data.Filter{Text: "repeats"})
	if len(added) != 1 || added[0].Actors[0] != ui.actors[4].ID {
		t.Fatalf("the new event = %+v", added)
	}
	ui.Undo()
	if got := ui.filters.status.Text; got != "18 of 18 events" {
		t.Errorf("status after undoing the new event = %q", got)
	}
	ui.Redo()
	again, _ := ui.store.Window(data.Filter{Text: "repeats"})
	if len(again) != 1 || again[0].ID != added[0].ID {
		t.Errorf("redo gave %+v, want the same event under id %d", again, added[0].ID)
	}
}

// TestLeadActor makes an event's second actor its lead in the form: the
// store lists it first, the others keep their order, and undo puts the
// old order back.
func TestLeadActor(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	original := snapshot(t, ui.store)
	rows, _ := ui.store.Window(data.Filter{Text: "FBI blames"})
	id := rows[0].ID
	before, _ := ui.store.Event(id)
	if len(before.Actors) < 3 {
		t.Fatalf("the FBI's claim has %d actors, want 3", len(before.Actors))
	}
	name := func(p data.Participant) string { return ui.actorMap[p.ActorID].Name }

	ui.EditEvent(id)
	f := ui.form
	if got, want := f.lead.Selected, name(before.Actors[0]); got != want {
		t.Errorf("the form's lead = %q, want the first actor %q", got, want)
	}
	if got, want := len(f.lead.Options), len(before.Actors); got != want {
		t.Errorf("%d lead options, want one for each of the %d actors", got, want)
	}
	f.lead.SetSelected(name(before.Actors[1]))
	test.Tap(ui.formSave)
	after, _ := ui.store.Event(id)
	want := []data.Participant{before.Actors[1], before.Actors[0]}
	want = append(want, before.Actors[2:]...)
	if !reflect.DeepEqual(after.Actors, want) {
		t.Errorf("actors after making %q lead = %+v, want %+v", name(before.Actors[1]), after.Actors, want)
	}
	row, _ := ui.store.Window(data.Filter{Text: "FBI blames"})
	if got := row[0].Actors[0]; got != before.Actors[1].ActorID {
		t.Errorf("the timeline's lead lane is actor %d, want %d", got, before.Actors[1].ActorID)
	}

	ui.Undo()
	if undone, _ := ui.store.Event(id); !reflect.DeepEqual(undone.Actors, before.Actors) {
		t.Errorf("actors after undo = %+v, want %+v", undone.Actors, before.Actors)
	}
	if snapshot(t, ui.store) != original {
		t.Error("undo did not restore the exact state")
	}

	// Taking the lead off makes the next actor lead; an actor added
	// comes after the event's own.
	ui.EditEvent(id)
	f = ui.form
	f.removeActorID(before.Actors[0].ActorID)
	if got, want := f.lead.Selected, name(before.Actors[1]); got != want {
		t.Errorf("lead after unticking the first actor = %q, want %q", got, want)
	}
	var extra int64
	for _, a := range ui.actors {
		if !slices.ContainsFunc(before.Actors, func(p data.Participant) bool { return p.ActorID == a.ID }) {
			extra = a.ID
			break
		}
	}
	f.addActorID(extra)
	test.Tap(ui.formSave)
	after, _ = ui.store.Event(id)
	var got []int64
	for _, p := range after.Actors {
		got = append(got, p.ActorID)
	}
	wantIDs := []int64{before.Actors[1].ActorID, before.Actors[2].ActorID, extra}
	if !slices.Equal(got, wantIDs) {
		t.Errorf("actors = %v, want %v", got, wantIDs)
	}
}

func TestCiteAndRemoveSources(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	original := snapshot(t, ui.store)
	rows, _ := ui.store.Window(data.Filter{Text: "inquiry"})
	id := rows[0].ID // China opens its own inquiry: one source

	// A new source with a hostile link is refused beside the field.
	ui.AddSource(id)
	f := ui.citeForm
	f.title.SetText("China probes the Sony hack")
	f.publisher.SetText("The Washington Post")
	f.url.SetText("javascript:alert(1)")
	test.Tap(ui.citeSave)
	if !f.errs["url"].Visible() {
		t.Error("no inline error for a javascript: link")
	}
	if snapshot(t, ui.store) != original {
		t.Fatal("a rejected citation changed the file")
	}
	f.url.SetText("https://www.washingtonpost.com/")
	f.quote.SetText("China has initiated an independent probe")
	f.date.SetText("2014-12-22")
	test.Tap(ui.citeSave)
	cits, _ := ui.store.Citations(id)
	if len(cits) != 2 || cits[1].Quote != "China has initiated an independent probe" {
		t.Fatalf("citations after adding = %+v", cits)
	}
	if n, _ := ui.store.Count(data.Filter{Text: "independent probe"}); n != 1 {
		t.Error("the new quote is not searchable")
	}
	if !contains(drawn(ui.detail.Object()), "Sources (2)") {
		t.Error("the detail panel does not show the new source")
	}
	// Undo removes the citation and the new source; redo brings both back.
	ui.Undo()
	if snapshot(t, ui.store) != original {
		t.Error("undo did not remove the new source and citation exactly")
	}
	ui.Redo()
	if cits, _ := ui.store.Citations(id); len(cits) != 2 {
		t.Errorf("after redo, %d citations", len(cits))
	}
	withSource := snapshot(t, ui.store)

	// Citing an existing source, then removing the citation.
	ui.AddSource(id)
	ui.citeForm.pick.SetSelected("Official: North Korea hacked Sony Pictures")
	test.Tap(ui.citeSave)
	cits, _ = ui.store.Citations(id)
	if len(cits) != 3 {
		t.Fatalf("%d citations after citing an existing source", len(cits))
	}
	ui.RemoveCitation(cits[2], "Official: North Korea hacked Sony Pictures")
	if snapshot(t, ui.store) != withSource {
		t.Error("removing the citation did not restore the state")
	}
	ui.Undo()
	if cits, _ := ui.store.Citations(id); len(cits) != 3 {
		t.Errorf("undo of the removal: %d citations, want 3", len(cits))
	}
}

func TestReadOnlyFileOpensReadOnly(t *testing.T) {
	path := datatest.DefaultFile(t)
	if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
		t.Fatalf("chattr +i (to make a file no one may write, root included): %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
	ui, _ := newTestUI(t, path)
	if ui.store == nil || !ui.store.ReadOnly() {
		t.Fatal("the file is not open read-only")
	}
	if got, want := ui.Window.Title(), "Chronoscope — The Sony Pictures hack and its aftermath, 2014 (read-only)"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if ui.Window.Canvas().Overlays().Top() == nil {
		t.Error("no message says the file is read-only")
	}
	ui.Window.Canvas().Overlays().Remove(ui.Window.Canvas().Overlays().Top())
	ui.form = nil
	ui.NewEvent()
	if ui.form != nil {
		t.Error("the new-event form opened on a read-only file")
	}
	if top := ui.Window.Canvas().Overlays().Top(); top == nil || !contains(drawn(top), "read-only") {
		t.Error("no message when trying to edit a read-only file")
	}
	if got := ui.filters.status.Text; got != "18 of 18 events" {
		t.Errorf("the read-only file shows %q", got)
	}
}

func TestDamagedFileIsReported(t *testing.T) {
	path := datatest.DefaultFile(t)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Scribble over the start of a few pages (the file's header stays sound).
	for _, page := range []int{3, 5, 7} {
		if off := page * 4096; off+100 < len(b) {
			copy(b[off:off+100], bytes.Repeat([]byte{0x5a}, 100))
		}
	}
	os.WriteFile(path, b, 0o644)
	ui, _ := newTestUI(t, path)
	top := ui.Window.Canvas().Overlays().Top()
	if top == nil || !contains(drawn(top), "is damaged") {
		t.Errorf("no message says the file is damaged")
	}
}
