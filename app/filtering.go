package app

// What the filters and the date range show, and reloading the timeline.

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"

	"chronoscope/data"
)

// filterChanged re-queries the list for the actors ticked in the sidebar.
func (ui *UI) filterChanged() {
	if ui.store == nil {
		return
	}
	f := data.Filter{Actors: ui.filters.visible(), Certainties: ui.filters.certainties(), Tags: ui.filters.tags(), Text: ui.searchText}
	if from, to, err := ui.filters.dateRange(); err == nil {
		f.From, f.To = from, to
	}
	ui.timeline.tl.SetLanes(lanesFor(ui.laneActors(), f.Actors))
	if !sameTimelineFilter(f, ui.shown) {
		ui.shown = data.Filter{Certainties: f.Certainties, Tags: f.Tags}
		ui.reloadTimeline()
	}
	// The count is read in the background (seconds for a million events);
	// if it takes a while, say so rather than leave the old count up.
	ui.countGen++
	gen := ui.countGen
	ui.counting = true
	ui.list.setFilter(f, func(n int) {
		ui.counting = false
		ui.filters.status.SetText(groupDigits(n) + " of " + groupDigits(ui.total) + " events")
	})
	ui.after(countingAfter, func() {
		fyne.Do(func() {
			if gen == ui.countGen && ui.counting {
				ui.filters.status.SetText("Counting… of " + groupDigits(ui.total) + " events")
			}
		})
	})
}

// countingAfter is how long a filter's count may take before the status
// says it is counting.
const countingAfter = 300 * time.Millisecond

// sameTimelineFilter reports whether a and b hold the same certainty and
// tag filters (nil certainties, all shown, differ from none shown).
func sameTimelineFilter(a, b data.Filter) bool {
	return slices.Equal(a.Certainties, b.Certainties) && (a.Certainties == nil) == (b.Certainties == nil) &&
		slices.Equal(a.Tags, b.Tags)
}

// showDateRange fits the timeline to the sidebar's date range, or the
// whole chronology when the range is cleared.
func (ui *UI) showDateRange() {
	from, to, err := ui.filters.dateRange()
	if err != nil {
		return
	}
	if from == 0 && to == 0 {
		ui.timeline.tl.FitAll()
		return
	}
	if d := ui.timeline.data; d != nil {
		lo, hi, ok := d.src.Bounds()
		if !ok {
			return
		}
		// An open end stops at the chronology's own.
		from, to = max(from, int64(lo)), min(to, int64(hi))
	}
	ui.timeline.tl.ShowRange(float64(from), float64(to))
}

// reloadTimeline reads the timeline's events again for the certainty
// filter, off the UI goroutine, keeping the view.
func (ui *UI) reloadTimeline() {
	s, shown := ui.store, ui.shown
	if s == nil || ui.timeline.data == nil {
		return
	}
	c, total := data.Chronology{Zone: ui.timeline.data.loc.String()}, ui.total
	if c.Zone == "UTC" {
		c.Zone = ""
	}
	ui.async(func() {
		d, err := loadTimeline(s, c, total, shown)
		fyne.Do(func() {
			if ui.store != s || !sameTimelineFilter(shown, ui.shown) {
				return
			}
			if err != nil {
				ui.showError(err)
				return
			}
			ui.timeline.show(d, lanesFor(ui.laneActors(), ui.filters.visible()), true)
			ui.showTimelinePictures()
			ui.applyZone()
		})
	})
}
