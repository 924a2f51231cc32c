package app

import (
	"errors"
	"image/color"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

const namePlaceholder = "a state, organisation, person or group"

func actorID(t *testing.T, ui *UI, name string) int64 {
	t.Helper()
	for _, a := range ui.actors {
		if a.Name == name {
			return a.ID
		}
	}
	t.Fatalf("no actor %q", name)
	return 0
}

// laneOf returns the timeline's lane for an actor.
func laneOf(ui *UI, id int64) (name string, c color.Color, ok bool) {
	for _, l := range ui.timeline.tl.Lanes() {
		if l.ID == id {
			return l.Name, l.Color, true
		}
	}
	return "", nil, false
}

// sidebarSwatch reports whether the sidebar draws a swatch of colour c.
func sidebarSwatch(ui *UI, c color.Color) bool {
	found := false
	walk(ui.filters.Object(), func(o fyne.CanvasObject) {
		if r, ok := o.(*canvas.Rectangle); ok && r.FillColor == c {
			found = true
		}
	})
	return found
}

func TestCreateActorInTheForm(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	original := snapshot(t, ui.store)
	w := ui.showActors()
	for _, want := range []string{"Name", "Kind", "Events", "North Korea", "state", "13", "10 actors"} {
		if !contains(drawn(top(t, ui)), want) {
			t.Errorf("the Actors window does not show %q", want)
		}
	}
	tapButton(t, ui, "Add…")
	name := entry(t, ui, namePlaceholder)
	colour := entry(t, ui, "#rrggbb")
	if want := nextColor(ui.actors); colour.Text != want || want == actorPalette[0] {
		t.Errorf("a new actor's colour = %q, want the palette colour least like the actors' (%s), not the blue beside the United States'", colour.Text, want)
	}

	// An empty name and a bad colour are refused beside their fields.
	tapButton(t, ui, "Save")
	wantFieldError(t, ui, name, "must not be empty")
	retype(name, "United Nations")
	kind := find(t, top(t, ui), func(s *keySelect) bool { return true })
	tapButton(t, ui, "Save")
	wantFieldError(t, ui, kind, "choose one: state, organisation, person or group")
	kind.SetSelected("organisation")
	retype(colour, "#3366ag")
	tapButton(t, ui, "Save")
	wantFieldError(t, ui, colour, "is not a colour of the form #rrggbb")
	if l := fieldError(t, ui, name); l.Visible() {
		t.Errorf("the name still shows %q", l.Text)
	}
	if snapshot(t, ui.store) != original {
		t.Fatal("a refused actor changed the file")
	}

	retype(colour, "#3366AA")
	tapButton(t, ui, "Save")
	actors, _ := ui.store.Actors()
	if len(actors) != 11 {
		t.Fatalf("%d actors after saving, want 11", len(actors))
	}
	un := actors[len(actors)-1]
	if un.Name != "United Nations" || un.Kind != data.KindOrganisation || un.Color != "#3366aa" {
		t.Errorf("stored actor = %+v", un)
	}
	// The sidebar, the lanes and the window show it; the window selects it.
	if !contains(drawn(ui.filters.Object()), "United Nations") || !sidebarSwatch(ui, parseColor("#3366aa")) {
		t.Error("the sidebar does not show the new actor")
	}
	if n, c, ok := laneOf(ui, un.ID); !ok || n != "United Nations" || c != parseColor("#3366aa") {
		t.Errorf("lane = %q %v %v", n, c, ok)
	}
	if !contains(drawn(top(t, ui)), "United Nations") || !contains(drawn(top(t, ui)), "11 actors") {
		t.Error("the Actors window does not list the new actor")
	}
	if w.selected != un.ID {
		t.Errorf("the window selected %d, want the new actor %d", w.selected, un.ID)
	}

	ui.Undo()
	if snapshot(t, ui.store) != original {
		t.Error("undo did not remove the new actor exactly")
	}
	if contains(drawn(ui.filters.Object()), "United Nations") || contains(drawn(top(t, ui)), "United Nations") {
		t.Error("the undone actor is still shown")
	}
	ui.Redo()
	if got, err := ui.store.Actor(un.ID); err != nil || got != un {
		t.Errorf("redo gave %+v, %v; want %+v under the same id", got, err, un)
	}
	if !contains(drawn(ui.filters.Object()), "United Nations") {
		t.Error("the redone actor is not in the sidebar")
	}
}

func TestEditActorChangesLaneAndSidebar(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	original := snapshot(t, ui.store)
	nk, china := actorID(t, ui, "North Korea"), actorID(t, ui, "China")
	// Filters set before the edit stay set after it.
	test.Tap(ui.filters.checks[china])
	test.Tap(ui.filters.certainty[data.Denied])
	status := ui.filters.status.Text

	w := ui.showActors()
	w.list.Select(rowIndex(t, w, nk))
	tapButton(t, ui, "Edit…")
	name := entry(t, ui, namePlaceholder)
	if name.Text != "North Korea" {
		t.Fatalf("the form shows %q", name.Text)
	}
	retype(name, "DPRK")
	red := parseColor(actorPalette[2])
	test.Tap(find(t, top(t, ui), func(s *colorSwatch) bool { return s.color == red }))
	if got := entry(t, ui, "#rrggbb").Text; got != actorPalette[2] {
		t.Errorf("tapping a palette colour put %q in the colour field", got)
	}
	tapButton(t, ui, "Save")

	if a, _ := ui.store.Actor(nk); a.Name != "DPRK" || a.Color != actorPalette[2] || a.Kind != data.KindState {
		t.Errorf("stored actor = %+v", a)
	}
	if n, c, ok := laneOf(ui, nk); !ok || n != "DPRK" || c != red {
		t.Errorf("lane = %q %v, want DPRK %v", n, c, red)
	}
	if !contains(drawn(ui.timeline.Object()), "DPRK") {
		t.Error("the timeline does not draw the new lane name")
	}
	side := drawn(ui.filters.Object())
	if !contains(side, "DPRK") || slices.Contains(side, "North Korea") || !sidebarSwatch(ui, red) {
		t.Errorf("the sidebar shows %q", side)
	}
	if ui.filters.checks[china].Checked || ui.filters.certainty[data.Denied].Checked || ui.filters.status.Text != status {
		t.Errorf("the edit reset the filters: %q, want %q", ui.filters.status.Text, status)
	}
	if _, _, ok := laneOf(ui, china); ok {
		t.Error("the hidden actor's lane came back")
	}
	if !contains(drawn(top(t, ui)), "DPRK") {
		t.Error("the Actors window does not show the new name")
	}

	ui.Undo()
	if snapshot(t, ui.store) != original {
		t.Error("undo did not restore the actor")
	}
	if n, c, _ := laneOf(ui, nk); n != "North Korea" || c != parseColor("#c8372d") {
		t.Errorf("after undo the lane is %q %v", n, c)
	}
	if !contains(drawn(ui.filters.Object()), "North Korea") {
		t.Error("after undo the sidebar does not show North Korea")
	}
}

func TestDeleteActorUndoRestoresEveryLink(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	before := readStoreState(t, ui.store)
	us := actorID(t, ui, "United States")
	rows, _ := ui.store.Window(data.Filter{Actors: []int64{us}})
	// An event where the US is not the first actor, shown in the detail panel.
	var shown *data.Event
	for _, r := range rows {
		if e, _ := ui.store.Event(r.ID); e.Actors[0].ActorID != us {
			shown = e
			break
		}
	}
	ui.timeline.tl.Select(shown.ID)
	ui.selectEvent(shown.ID)
	if !contains(drawn(ui.detail.Object()), "United States (") {
		t.Fatal("the detail panel does not show the event's US role")
	}

	w := ui.showActors()
	w.list.Select(rowIndex(t, w, us))
	tapButton(t, ui, "Delete…")
	if !contains(drawn(top(t, ui)), "10 events lose this actor") {
		t.Errorf("the question does not say how many events lose the actor: %q", drawn(top(t, ui)))
	}
	tapButton(t, ui, "Delete")
	if _, err := ui.store.Actor(us); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("the actor is still stored: %v", err)
	}
	deleted := readStoreState(t, ui.store)
	for i, e := range deleted.Events {
		if slices.ContainsFunc(e.Actors, func(p data.Participant) bool { return p.ActorID == us }) || slices.Contains(deleted.Rows[i].Actors, us) {
			t.Errorf("event %d still names the deleted actor", e.ID)
		}
	}
	if len(deleted.Events) != len(before.Events) {
		t.Error("deleting an actor deleted events")
	}
	if contains(drawn(ui.filters.Object()), "United States") || len(ui.timeline.tl.Lanes()) != 9 {
		t.Error("the sidebar or the lanes still show the deleted actor")
	}
	if contains(drawn(ui.detail.Object()), "United States") {
		t.Error("the detail panel still shows the deleted actor")
	}
	if contains(drawn(top(t, ui)), "United States") || !contains(drawn(top(t, ui)), "9 actors") {
		t.Error("the Actors window still lists the deleted actor")
	}

	ui.Undo()
	sameState(t, "after undo", readStoreState(t, ui.store), before)
	if !contains(drawn(ui.filters.Object()), "United States") || ui.filters.countLabels[us].Text != "10" {
		t.Error("after undo the sidebar does not show the actor with its 10 events")
	}
	if n, _, ok := laneOf(ui, us); !ok || n != "United States" || len(ui.timeline.tl.Lanes()) != 10 {
		t.Error("after undo the lane is missing")
	}
	if !contains(drawn(ui.detail.Object()), "United States (") {
		t.Error("after undo the detail panel does not show the event's US role")
	}
	if !contains(drawn(top(t, ui)), "United States") {
		t.Error("after undo the Actors window does not list the actor")
	}

	ui.Redo()
	sameState(t, "after redo", readStoreState(t, ui.store), deleted)
	ui.Undo()
	sameState(t, "after a second undo", readStoreState(t, ui.store), before)
}

// Changes behind the Actors window (an undo of an event's delete) show in
// its counts; closed, it no longer follows them.
func TestActorsWindowFollowsChanges(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	nk := actorID(t, ui, "North Korea")
	rows, _ := ui.store.Window(data.Filter{Actors: []int64{nk}})
	e, _ := ui.store.Event(rows[0].ID)
	if err := ui.applyChange(deleteEvent(e, nil, nil)); err != nil {
		t.Fatal(err)
	}
	w := ui.showActors()
	count := func() string { return w.rows[rowIndex(t, w, nk)].cells[2] }
	if got := count(); got != "12" {
		t.Fatalf("North Korea's count = %s, want 12", got)
	}
	ui.Undo()
	if got := count(); got != "13" {
		t.Errorf("after undoing the delete behind the window, the count = %s, want 13", got)
	}
	tapButton(t, ui, "Close")
	if ui.history.onChange != nil {
		t.Error("the closed window still follows changes")
	}
}

func TestActorFormsNeedAWritableFile(t *testing.T) {
	ui, _ := newTestUI(t, readOnlyFile(t))
	ui.Window.Canvas().Overlays().Remove(ui.Window.Canvas().Overlays().Top())
	ui.NewActor()
	if has(top(t, ui), func(e *keyEntry) bool { return e.PlaceHolder == namePlaceholder }) || !contains(drawn(top(t, ui)), "read-only") {
		t.Error("the actor form opened on a read-only file")
	}
	ui.Window.Canvas().Overlays().Remove(top(t, ui))
	ui.showActors()
	for _, b := range []string{"Add…", "Edit…", "Delete…"} {
		if has(top(t, ui), func(x *widget.Button) bool { return x.Text == b && !x.Disabled() }) {
			t.Errorf("the %q button is live on a read-only file", b)
		}
	}
	if !contains(drawn(top(t, ui)), "Read-only") || !contains(drawn(top(t, ui)), "North Korea") {
		t.Error("the Actors window of a read-only file does not list the actors and say why they cannot change")
	}
	ui.EditActor(actorID(t, ui, "North Korea"))
	if has(top(t, ui), func(e *keyEntry) bool { return e.PlaceHolder == namePlaceholder }) {
		t.Error("the actor form opened on a read-only file")
	}
}
