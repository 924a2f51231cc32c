package app

import (
	"runtime/metrics"
	"slices"
	"time"

	"fyne.io/fyne/v2"

	"chronoscope/data"
)

// watchInterval is how often the window looks for changes that another
// window or program made to its file.
const watchInterval = 2 * time.Second

// seenVersion is the store's DataVersion when the window last showed it.
type seenVersion struct {
	store   *data.Store
	version int64
}

// watchFile looks, every watchInterval until the app quits, for changes
// made to the open file elsewhere, and shows them; at the same ticks it
// tidies memory up as the tidier says (see memory.go), except while a
// presentation runs.
func (ui *UI) watchFile() {
	go func() {
		allocs := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
		var t tidier
		for range time.Tick(watchInterval) {
			fyne.Do(ui.checkElsewhere)
			fyne.Do(ui.updateSharedStatus)
			metrics.Read(allocs)
			step := t.next(allocs[0].Value.Uint64(), time.Now())
			if step == tidyNothing {
				continue
			}
			var presenting bool
			fyne.DoAndWait(func() { presenting = ui.presenting != nil })
			if presenting {
				continue
			}
			switch step {
			case tidyRepaint:
				// Refreshing any one object repaints the window; the
				// memory this frees is given back at the next tick.
				fyne.Do(func() { ui.Window.Canvas().Refresh(ui.filters.status) })
			case tidyRelease:
				releaseMemory()
				metrics.Read(allocs)
				t.released(allocs[0].Value.Uint64())
			}
		}
	}()
}

// checkElsewhere asks the store whether another connection committed
// since the window last showed it and, if so, shows the file as it now
// is. A running presentation is not disturbed: the changes show when it
// ends.
func (ui *UI) checkElsewhere() {
	s := ui.store
	if s == nil || ui.presenting != nil {
		return
	}
	ui.async(func() {
		v, err := s.DataVersion()
		if err != nil {
			return // a closed or failing store: the next look tries again
		}
		fyne.Do(func() {
			if ui.store != s || ui.seen.store != s || ui.seen.version == v {
				return
			}
			ui.seen.version = v
			ui.showChangesFromElsewhere()
		})
	})
}

// showChangesFromElsewhere re-reads what another window or program may
// have changed: the title, the actors (keeping the ones hidden hidden),
// and everything an edit here would change.
func (ui *UI) showChangesFromElsewhere() {
	s := ui.store
	ui.async(func() {
		c, err1 := s.Chronology()
		actors, err2 := s.Actors()
		counts, err3 := s.ActorCounts()
		fyne.Do(func() {
			if ui.store != s || err1 != nil || err2 != nil || err3 != nil {
				return
			}
			ui.title = c.Title
			title := "Chronoscope — " + c.Title
			if s.ReadOnly() {
				title += " (read-only)"
			}
			ui.Window.SetTitle(title)
			if !slices.Equal(actors, ui.actors) {
				hidden := ui.filters.hidden()
				ui.actors = actors
				ui.actorMap = make(map[int64]data.Actor, len(actors))
				for _, a := range actors {
					ui.actorMap[a.ID] = a
				}
				ui.filters.counts = counts
				ui.filters.setActors(ui.laneActors(), counts)
				ui.filters.hide(hidden)
				ui.list.setStore(s, ui.actorMap)
			}
			ui.afterEdit()
		})
	})
}
