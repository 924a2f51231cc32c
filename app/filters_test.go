package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// TestListSortsByColumn taps the list's column heads: the rows follow the
// column, a second tap reverses it, and an event chosen on the timeline is
// selected where the sorted list shows it.
func TestListSortsByColumn(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	ui.tabs.SelectIndex(1)
	for _, c := range []struct {
		head string
		sort data.Sort
		desc bool
	}{
		{"Title", data.SortTitle, false},
		{"Title", data.SortTitle, true},
		{"Sources", data.SortSources, false},
		{"Certainty", data.SortCertainty, false},
		{"Actors", data.SortActors, false},
		{"Date", data.SortDate, false},
	} {
		test.Tap(findButton(t, ui.list.Object(), c.head))
		want, err := ui.store.Window(data.Filter{Sort: c.sort, Descending: c.desc})
		if err != nil {
			t.Fatal(err)
		}
		if ui.list.total != len(want) {
			t.Fatalf("%s: %d rows, want %d", c.head, ui.list.total, len(want))
		}
		for i, w := range want {
			got, ok := ui.list.row(i)
			if !ok || got.ID != w.ID {
				t.Fatalf("%s (desc %v): row %d is %q, want %q", c.head, c.desc, i, got.Title, w.Title)
			}
		}
		if c.sort == data.SortTitle && !c.desc && want[0].Title != `"China not Eager to Help US Punish North Korea" is published` {
			t.Errorf("first by title: %q", want[0].Title)
		}
		// The timeline selects the last event of this order; the list
		// selects its row.
		last := want[len(want)-1]
		ui.timeline.tl.Select(last.ID)
		ui.timelineSelected(last.ID)
		if ui.list.selected != len(want)-1 {
			t.Errorf("%s: selecting %q on the timeline selected row %d, want %d", c.head, last.Title, ui.list.selected, len(want)-1)
		}
	}
}

// TestTagFilter ticks tags in the sidebar: only events with a ticked tag
// stay, in the list and on the timeline.
func TestTagFilter(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	ui.filters.more.Open(1)
	if len(ui.filters.tagChecks) != 7 || ui.filters.noTags.Visible() {
		t.Fatalf("%d tags listed", len(ui.filters.tagChecks))
	}
	timelineCount := func() int {
		from, to, _ := ui.timeline.data.src.Bounds()
		_, n := ui.timeline.data.src.Items(nil, from, to, nil, 1000)
		return n
	}
	test.Tap(ui.filters.tagChecks["outage"])
	if got := ui.filters.status.Text; got != "5 of 18 events" {
		t.Errorf("status with outage ticked = %q", got)
	}
	if n := timelineCount(); n != 5 {
		t.Errorf("%d events on the timeline with outage ticked, want 5", n)
	}
	test.Tap(ui.filters.tagChecks["attribution"])
	want, _ := ui.store.Count(data.Filter{Tags: []string{"attribution", "outage"}})
	if got := ui.filters.status.Text; got != fmt.Sprintf("%d of 18 events", want) || want < 6 {
		t.Errorf("status with two tags = %q, want %d of 18", got, want)
	}
	if n := timelineCount(); n != want {
		t.Errorf("%d events on the timeline with two tags, want %d", n, want)
	}
	test.Tap(ui.filters.tagChecks["outage"])
	test.Tap(ui.filters.tagChecks["attribution"])
	if got := ui.filters.status.Text; got != "18 of 18 events" {
		t.Errorf("status with no tag ticked = %q", got)
	}
	if n := timelineCount(); n != 18 {
		t.Errorf("%d events on the timeline with no tag ticked", n)
	}
}

// TestDateRangeFilter types a date range in the sidebar: the list keeps
// the events that reach into it, the timeline shows it, a bad date says
// what is wrong and changes nothing, and clearing shows everything.
func TestDateRangeFilter(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	ui.filters.more.Open(2)
	test.Type(ui.filters.from, "2014-12-22")
	test.Type(ui.filters.to, "2014-12-23")
	test.Tap(findButton(t, ui.filters.Object(), "Apply"))
	from := data.DayDate(2014, 12, 22).Instant(nil)
	to := data.DayDate(2014, 12, 23).Stop(nil)
	want, _ := ui.store.Count(data.Filter{From: from, To: to})
	if got := ui.filters.status.Text; got != fmt.Sprintf("%d of 18 events", want) || want < 5 || want > 15 {
		t.Errorf("status for 22–23 December = %q, want %d of 18", got, want)
	}
	vp := ui.timeline.tl.Viewport()
	if end := vp.Start + vp.PerPixel*float64(vp.Width); vp.Start > float64(from) || end < float64(to) || end-vp.Start > 3*86400 {
		t.Errorf("the timeline shows %v..%v, want 22–23 December", vp.Start, end)
	}

	ui.filters.to.SetText("2014-13-01")
	test.Tap(findButton(t, ui.filters.Object(), "Apply"))
	if !ui.filters.rangeErr.Visible() || ui.filters.rangeErr.Text == "" {
		t.Error("a bad date gave no message")
	}
	if got := ui.filters.status.Text; got != fmt.Sprintf("%d of 18 events", want) {
		t.Errorf("a bad date changed the status to %q", got)
	}

	ui.filters.from.SetText("")
	ui.filters.to.SetText("")
	if got := ui.filters.status.Text; got != "18 of 18 events" {
		t.Errorf("status after clearing = %q", got)
	}
	if ui.filters.rangeErr.Visible() {
		t.Error("the message stayed after clearing")
	}
}

// TestLaneOrderPreference orders the lanes and the sidebar's actor rows by
// name and by number of events, keeping a hidden actor hidden, and the
// choice persists in the preferences.
func TestLaneOrderPreference(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	names := func() []string {
		var out []string
		for _, l := range ui.timeline.tl.Lanes() {
			out = append(out, l.Name)
		}
		return out
	}
	if got := names(); got[0] != "United States" || got[len(got)-1] != "Shen Yi" {
		t.Fatalf("lanes in file order: %v", got)
	}
	var fbi int64
	for _, a := range ui.actors {
		if a.Name == "FBI" {
			fbi = a.ID
		}
	}
	test.Tap(ui.filters.checks[fbi])

	ui.App.Preferences().SetString(prefLanes, "name")
	ui.applyLaneOrder()
	want := []string{"Barack Obama", "China", "Guardians of Peace", "North Korea", "Russia", "Shen Yi",
		"Sony Pictures Entertainment", "Thomas Henriksen", "United States"}
	if got := names(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("lanes by name (FBI hidden) = %v", got)
	}
	if ui.filters.checks[fbi].Checked {
		t.Error("reordering showed the hidden actor again")
	}
	if got := ui.filters.order[0]; ui.actorMap[got].Name != "Barack Obama" {
		t.Errorf("first sidebar row = %q", ui.actorMap[got].Name)
	}

	ui.App.Preferences().SetString(prefLanes, "events")
	ui.applyLaneOrder()
	if got := names(); got[0] != "North Korea" || got[1] != "United States" || got[2] != "China" {
		t.Errorf("lanes by events = %v", got)
	}
}
