package app

import (
	"runtime/debug"
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

// tidyAfter is how much the Go heap must have allocated since the last
// tidy-up before the next one: a window at rest allocates little and is
// left alone.
const tidyAfter = 8 << 20

// lateTidy is how long after the window was last busy it repaints once,
// so that Fyne frees the textures of the text no frame has drawn for its
// cache's minute (it frees them only while painting, and a window at rest
// does not paint), and then gives the freed memory back: after zooming
// around a million-event file those textures were some 30 MB.
const lateTidy = 70 * time.Second

// watchFile looks, every watchInterval until the app quits, for changes
// made to the open file elsewhere, and shows them. After the window has
// been busy it also gives the memory the Go heap and the C heap (SQLite's,
// the renderer's) no longer use back to the system, which neither does
// promptly by itself: after zooming, filtering and paging around a
// million-event file the window held some 15 MB and 40 MB more than it
// needed. A collection of the heap takes a few milliseconds; it is
// skipped while a presentation runs.
func (ui *UI) watchFile() {
	go func() {
		allocs := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
		var t tidier
		for range time.Tick(watchInterval) {
			fyne.Do(ui.checkElsewhere)
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
				debug.FreeOSMemory()
				data.ReleaseMemory()
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

// tidyStep is what the window does at a tick of watchFile to tidy up.
type tidyStep int

const (
	tidyNothing tidyStep = iota
	tidyRelease          // give the memory no longer used back to the system
	tidyRepaint          // repaint, so that Fyne frees textures unused for a minute
)

// tidier decides when the window tidies up: after busy work (tidyAfter
// allocated since the last time), and once more lateTidy after the last
// busy work, with a repaint first.
type tidier struct {
	tidied    uint64    // the heap's allocation count at the last release
	busyAt    time.Time // when busy work was last seen; zero once the late tidy-up is done
	repainted bool      // whether the late repaint has been done since
}

// next returns the step for a tick at time now, with allocated bytes
// allocated by the Go heap so far, and counts it as taken.
func (t *tidier) next(allocated uint64, now time.Time) tidyStep {
	switch {
	case allocated-t.tidied >= tidyAfter:
		t.busyAt, t.repainted = now, false
		return tidyRelease
	case t.busyAt.IsZero() || now.Sub(t.busyAt) < lateTidy:
		return tidyNothing
	case !t.repainted:
		t.repainted = true
		return tidyRepaint
	}
	t.busyAt, t.repainted = time.Time{}, false // the late tidy-up is over
	return tidyRelease
}

// released records the heap's allocation count after a release.
func (t *tidier) released(allocated uint64) { t.tidied = allocated }
