package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// TestChangesMadeElsewhereShow: another program (here a second store, as
// a second app instance has) adds an actor and an event to the open file;
// the window's next look shows them, keeps a hidden actor hidden, and its
// own edits do not count as changes from elsewhere.
func TestChangesMadeElsewhereShow(t *testing.T) {
	path := datatest.DefaultFile(t)
	ui, _ := newTestUI(t, path)
	var nk int64
	for _, a := range ui.actors {
		if a.Name == "North Korea" {
			nk = a.ID
		}
	}
	test.Tap(ui.filters.checks[nk])
	if got := ui.filters.status.Text; got != "15 of 18 events" {
		t.Fatalf("status after hiding North Korea = %q", got)
	}
	ui.checkElsewhere()
	if got := ui.filters.status.Text; got != "15 of 18 events" {
		t.Fatalf("a look with no change elsewhere changed the status to %q", got)
	}

	other, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	un := data.Actor{Name: "United Nations", Kind: data.KindOrganisation, Color: "#3366aa"}
	if err := other.CreateActor(&un); err != nil {
		t.Fatal(err)
	}
	e := data.Event{Title: "Added in another window", Certainty: data.Reported, Importance: 3,
		Start: data.DayDate(2014, 12, 24), Actors: []data.Participant{{ActorID: un.ID, Role: "observer"}}}
	if err := other.CreateEvent(&e); err != nil {
		t.Fatal(err)
	}

	ui.checkElsewhere()
	if got := ui.filters.status.Text; got != "16 of 19 events" {
		t.Errorf("status after the change elsewhere = %q, want 16 of 19 events", got)
	}
	if _, ok := ui.filters.checks[un.ID]; !ok || len(ui.actors) != 11 {
		t.Errorf("the new actor is not in the sidebar (%d actors)", len(ui.actors))
	}
	if ui.filters.checks[nk].Checked {
		t.Error("the hidden actor was shown again")
	}
	if _, ok := ui.timeline.data.src.Item(e.ID); !ok {
		t.Error("the new event is not on the timeline")
	}
	ui.tabs.SelectIndex(1)
	ui.list.list.ScrollToBottom()
	if !contains(drawn(ui.list.Object()), "Added in another window") {
		t.Error("the new event is not in the list")
	}

	// An edit made in this window is not a change from elsewhere.
	before := ui.seen.version
	mine, err := ui.store.Event(e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := ui.applyChange(deleteEvent(mine, nil, nil)); err != nil {
		t.Fatal(err)
	}
	ui.checkElsewhere()
	if ui.seen.version != before {
		t.Error("this window's own edit was taken for a change made elsewhere")
	}
	if got := ui.filters.status.Text; got != "15 of 18 events" {
		t.Errorf("status after deleting here = %q", got)
	}
}

// TestTidier: a release after busy work, nothing while the window rests,
// then, lateTidy after the busy work, a repaint and a release, once.
func TestTidier(t *testing.T) {
	var tt tidier
	t0 := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	at := func(d time.Duration) time.Time { return t0.Add(d) }
	steps := []struct {
		allocated uint64
		when      time.Duration
		want      tidyStep
	}{
		{1 << 20, 0, tidyNothing},                 // little allocated, never busy
		{1 << 20, 10 * time.Minute, tidyNothing},  // a window at rest is left alone
		{20 << 20, 10 * time.Minute, tidyRelease}, // busy: release at once
		{21 << 20, 10*time.Minute + 2*time.Second, tidyNothing},
		{21 << 20, 10*time.Minute + lateTidy - time.Second, tidyNothing},
		{21 << 20, 10*time.Minute + lateTidy, tidyRepaint}, // late: repaint
		{21 << 20, 10*time.Minute + lateTidy + 2*time.Second, tidyRelease},
		{21 << 20, 30 * time.Minute, tidyNothing},            // done until busy again
		{40 << 20, 31 * time.Minute, tidyRelease},            // busy again
		{49 << 20, 31*time.Minute + lateTidy/2, tidyRelease}, // still busy: the late one moves
		{49 << 20, 31*time.Minute + lateTidy, tidyNothing},
		{49 << 20, 31*time.Minute + lateTidy/2 + lateTidy, tidyRepaint},
		{58 << 20, 31*time.Minute + lateTidy/2 + lateTidy + 2*time.Second, tidyRelease}, // busy right after the repaint
		{58 << 20, 31*time.Minute + lateTidy/2 + lateTidy + 4*time.Second, tidyNothing}, // a new late one is due, not now
	}
	for i, s := range steps {
		got := tt.next(s.allocated, at(s.when))
		if got != s.want {
			t.Fatalf("step %d (%d MiB allocated, at %v): %d, want %d", i, s.allocated>>20, s.when, got, s.want)
		}
		if got == tidyRelease {
			tt.released(s.allocated)
		}
	}
}
