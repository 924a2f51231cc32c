package app

// Selecting an event: the timeline, the list and the detail panel follow.

import (
	"errors"

	"fyne.io/fyne/v2"

	"chronoscope/data"
)

// timelineSelected follows a click on the timeline: the list selects the
// event and the detail panel shows it.
func (ui *UI) timelineSelected(id int64) {
	ui.timeline.tl.SelectLink(0) // an event, not a link, is chosen now
	ui.list.showEvent(id)
	ui.selectEvent(id)
}

// listSelected follows a selection in the list: the timeline selects and
// shows the same event, and the detail panel shows it.
func (ui *UI) listSelected(id int64) {
	ui.timeline.tl.SelectLink(0)
	ui.timeline.tl.Select(id)
	ui.selectEvent(id)
}

// selectEvent shows an event's detail, loading it off the UI goroutine.
func (ui *UI) selectEvent(id int64) {
	s := ui.store
	if s == nil {
		return
	}
	ui.async(func() {
		d, err := loadDetail(s, id)
		fyne.Do(func() {
			if errors.Is(err, data.ErrNotFound) && ui.store == s {
				ui.detail.show(nil, nil) // deleted meanwhile
				return
			}
			if err != nil {
				ui.showError(err)
				return
			}
			if ui.store == s {
				ui.detail.show(d, ui.actorMap)
			}
		})
	})
}
