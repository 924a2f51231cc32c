package app

// Searching the open chronology from the search box.

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
)

// focusSearch puts the cursor in the search box, its text selected.
func (ui *UI) focusSearch() {
	ui.Window.Canvas().Focus(ui.search)
	ui.search.TypedShortcut(&fyne.ShortcutSelectAll{}) // to type over what is there
}

// searchChanged runs the search a moment after the typing stops.
func (ui *UI) searchChanged(text string) {
	ui.searchGen++
	gen := ui.searchGen
	ui.after(250*time.Millisecond, func() {
		fyne.Do(func() {
			if gen == ui.searchGen {
				ui.runSearch(text)
			}
		})
	})
}

// maxHits is how many search hits are marked on the timeline.
const maxHits = 500

// runSearch finds the events whose text matches: the list shows only
// them, the timeline marks them, and Enter steps through them.
func (ui *UI) runSearch(text string) {
	text = strings.TrimSpace(text)
	ui.searchText, ui.hits, ui.hitIndex = text, nil, -1
	ui.timeline.tl.SetMarked(nil)
	ui.hitsLabel.SetText("")
	ui.filterChanged()
	s := ui.store
	if text == "" || s == nil {
		return
	}
	ui.async(func() {
		rows, more, err := s.Search(text, maxHits)
		fyne.Do(func() {
			if ui.store != s || ui.searchText != text {
				return
			}
			if err != nil {
				ui.showError(err)
				return
			}
			for _, r := range rows {
				ui.hits = append(ui.hits, r.ID)
			}
			ui.timeline.tl.SetMarked(ui.hits)
			switch {
			case more:
				ui.hitsLabel.SetText(fmt.Sprintf("%d+ hits", maxHits))
			case len(rows) == 1:
				ui.hitsLabel.SetText("1 hit")
			default:
				ui.hitsLabel.SetText(fmt.Sprintf("%d hits", len(rows)))
			}
		})
	})
}

// nextHit selects the next search hit in date order, on the timeline, in
// the list and in the detail panel.
func (ui *UI) nextHit() {
	if len(ui.hits) == 0 {
		return
	}
	ui.hitIndex = (ui.hitIndex + 1) % len(ui.hits)
	id := ui.hits[ui.hitIndex]
	ui.timeline.tl.Select(id)
	ui.list.showEvent(id)
	ui.selectEvent(id)
}
