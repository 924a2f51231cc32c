package app

import (
	"runtime/debug"
	"time"

	"chronoscope/data"
)

// The window's memory policy, in one place. Why: a million-event file
// must open and be explored in under 300 MB, and neither Go's collector,
// the C heap (SQLite's, the renderer's) nor Fyne's text textures give
// memory back promptly by themselves. So:
//   - the window collects garbage early (guiGCPercent), a file is read at
//     a slower pace (loadGCPercent: reading makes much garbage at once);
//   - after a load, and after busy work (tidier), the memory no longer
//     used goes back to the system (releaseMemory);
//   - a while after the last busy work the window repaints once, so that
//     Fyne frees the textures of text it no longer draws, then releases.
// The figures behind each number are in the commit messages that set them.

// guiGCPercent is the window's GOGC: collect at +10% of the live heap,
// which stays near its live size (about 70 MB with a million events).
const guiGCPercent = 10

// loadGCPercent is the GOGC while a file is read: a load's live data
// peaks at about 100 bytes an event, and 30 keeps the peak under the
// window's budget for a tenth more time than the default.
const loadGCPercent = 30

// useWindowMemoryPolicy sets the window's GOGC; RunGUI calls it once.
func useWindowMemoryPolicy() { debug.SetGCPercent(guiGCPercent) }

// whileLoading sets loadGCPercent for a load unless the GOGC is already
// lower, and returns what puts the previous one back.
func whileLoading() (restore func()) {
	prev := debug.SetGCPercent(loadGCPercent)
	if prev > loadGCPercent || prev < 0 {
		debug.SetGCPercent(prev)
		return func() {}
	}
	return func() { debug.SetGCPercent(prev) }
}

// releaseMemory gives the memory the Go heap and the C heap no longer use
// back to the system.
func releaseMemory() {
	debug.FreeOSMemory()
	data.ReleaseMemory()
}

// tidyAfter is how much the Go heap must have allocated since the last
// tidy-up before the next one: a window at rest allocates little and is
// left alone.
const tidyAfter = 8 << 20

// lateTidy is how long after the window was last busy it repaints once,
// so that Fyne frees the textures of the text no frame has drawn for its
// cache's minute (it frees them only while painting, and a window at rest
// does not paint), and then gives the freed memory back.
const lateTidy = 70 * time.Second

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
