package app

import (
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// TestDragAnEventChangesItsDate drags events along the timeline (through
// the widget's OnMoved): dates move by whole units of their precision,
// the precision stays, a span keeps its length, a short drag changes
// nothing, and undo and redo restore the exact store state.
func TestDragAnEventChangesItsDate(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	initial := snapshot(t, ui.store)

	kerry := datatest.EventTitled(t, ui.store, "Kerry briefs China's foreign minister by phone")
	ui.timeline.tl.Select(kerry.ID)
	ui.timeline.tl.OnMoving(kerry.ID, 2*86400+5000)
	if got, want := ui.timeline.hint.Text, "Release to move “Kerry briefs China's foreign minister by phone” to 2014-12-23"; got != want {
		t.Errorf("hint while dragging = %q, want %q", got, want)
	}
	ui.timeline.tl.OnMoving(kerry.ID, 0)
	if ui.timeline.hint.Text != timelineHint {
		t.Errorf("hint after the drag = %q", ui.timeline.hint.Text)
	}
	ui.timeline.tl.OnMoved(kerry.ID, 2*86400+5000) // a little over two days
	moved, _ := ui.store.Event(kerry.ID)
	if want := kerry.Start.Shifted(2); moved.Start != want || moved.Start.Precision != data.PrecisionDay {
		t.Errorf("moved to %v, want %v", moved.Start, want)
	}
	if it, ok := ui.timeline.data.src.Item(kerry.ID); !ok || it.Start != float64(moved.Start.Instant(nil)) {
		t.Errorf("the timeline still shows the old date: %+v", it)
	}
	afterMove := snapshot(t, ui.store)

	outage := datatest.EventTitled(t, ui.store, "North Korea drops off the internet")
	ui.timeline.tl.OnMoved(outage.ID, -3*3600)
	o, _ := ui.store.Event(outage.ID)
	if o.Start != outage.Start.Shifted(-180) || o.Start.Precision != data.PrecisionMinute || o.End.Precision != outage.End.Precision ||
		o.End.Instant(nil)-o.Start.Instant(nil) != outage.End.Instant(nil)-outage.Start.Instant(nil) {
		t.Errorf("span moved to %v – %v from %v – %v", o.Start, o.End, outage.Start, outage.End)
	}

	denial := datatest.EventTitled(t, ui.store, "North Korea denies hacking Sony") // known to the month
	ui.timeline.tl.OnMoved(denial.ID, 10*86400)                                    // a third of a month: no move
	if d, _ := ui.store.Event(denial.ID); d.Start != denial.Start {
		t.Errorf("a short drag moved a month-precision date to %v", d.Start)
	}
	ui.timeline.tl.OnMoved(denial.ID, 40*86400)
	if d, _ := ui.store.Event(denial.ID); d.Start != data.MonthDate(2015, 1) {
		t.Errorf("the denial moved to %v, want 2015-01", d.Start)
	}

	for range 2 {
		ui.Undo()
	}
	if snapshot(t, ui.store) != afterMove {
		t.Error("two undos did not restore the state after the first move")
	}
	ui.Undo()
	if snapshot(t, ui.store) != initial {
		t.Error("undoing every move did not restore the file")
	}
	ui.Redo()
	if snapshot(t, ui.store) != afterMove {
		t.Error("redo did not move the event again")
	}
}
