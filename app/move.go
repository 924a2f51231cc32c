package app

import (
	"math"
	"slices"

	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
)

// unitSeconds is about how long one unit of a precision lasts: a drag is
// turned into whole units of the date's own precision.
func unitSeconds(p data.Precision) float64 {
	switch p {
	case data.PrecisionYear:
		return 365.2425 * 86400
	case data.PrecisionMonth:
		return 365.2425 * 86400 / 12
	case data.PrecisionDay:
		return 86400
	case data.PrecisionHour:
		return 3600
	case data.PrecisionMinute:
		return 60
	}
	return 1
}

// shiftedDate moves d by about `by` seconds, in whole units of its
// precision (a date known to the day moves by whole days).
func shiftedDate(d data.Date, by float64) data.Date {
	return d.Shifted(int64(math.Round(by / unitSeconds(d.Precision))))
}

// MoveEvent moves an event dragged along the timeline by about `by`
// seconds: its start (and end) move by whole units of their precision,
// which stays as it was. It is an edit like any other, undone with
// Ctrl+Z. A drag shorter than one unit changes nothing.
func (ui *UI) MoveEvent(id int64, by float64) {
	ui.moving = nil
	before, ok := ui.eventToChange(id)
	if !ok {
		return
	}
	after := *before
	after.Actors = slices.Clone(before.Actors)
	after.Tags = slices.Clone(before.Tags)
	after.Start = shiftedDate(before.Start, by)
	if !before.End.IsZero() {
		after.End = shiftedDate(before.End, by)
	}
	if after.Start == before.Start && after.End == before.End {
		return
	}
	c := updateEvent(before, &after)
	c.label = "Move “" + after.Title + "”"
	if err := ui.applyChange(c); err != nil {
		ui.showError(err)
	}
}

// showMoving says, while an event is dragged, where it would go; by 0
// (the drag ended) brings the usual hint back.
func (ui *UI) showMoving(id int64, by float64) {
	hint := ui.timeline.hint
	it, ok := ui.timeline.tl.Selected()
	if by == 0 || !ok || it != id || ui.store == nil || ui.store.ReadOnly() {
		ui.moving = nil
		hint.SetText(timelineHint)
		hint.Importance = widget.LowImportance
		hint.Refresh()
		return
	}
	e, err := ui.movingEvent(id)
	if err != nil {
		return
	}
	start := shiftedDate(e.Start, by)
	end := e.End
	if !end.IsZero() {
		end = shiftedDate(end, by)
	}
	text := "Release to move “" + e.Title + "” to " + data.FormatSpan(start, end, e.Location())
	if start == e.Start {
		text = "Drag further to move “" + e.Title + "” (dates move by whole " + e.Start.Precision.String() + "s)"
	}
	hint.SetText(text)
	hint.Importance = widget.HighImportance
	hint.Refresh()
}

// movingEvent returns the event being dragged, read once per drag.
func (ui *UI) movingEvent(id int64) (*data.Event, error) {
	if ui.moving != nil && ui.moving.ID == id {
		return ui.moving, nil
	}
	e, err := ui.store.Event(id)
	if err == nil {
		ui.moving = e
	}
	return e, err
}
