package app

import (
	"net/url"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// benchUI is a window on Fyne's test driver whose background work is
// queued: run runs it, so a benchmark can time the UI goroutine's part
// and the background's apart.
type benchUI struct {
	*UI
	queue []func()
}

func newBenchUI(b *testing.B) *benchUI {
	// Collect garbage at the window's pace (RunGUI sets it).
	prev := debug.SetGCPercent(guiGCPercent)
	b.Cleanup(func() { debug.SetGCPercent(prev) })
	a := test.NewTempApp(b)
	u := &benchUI{UI: NewUI(a, func(*url.URL) error { return nil })}
	u.async = func(work func()) { u.queue = append(u.queue, work) }
	u.Window.Resize(fyne.NewSize(1600, 1000))
	b.Cleanup(func() {
		u.Window.Close()
		u.closeStore()
	})
	return u
}

// run does the queued background work, and what it queues in turn.
func (u *benchUI) run() {
	for len(u.queue) > 0 {
		work := u.queue[0]
		u.queue = u.queue[1:]
		work()
	}
}

// layoutTimeline lays out the timeline's frame, as the window does before
// it paints.
func (u *benchUI) layoutTimeline() {
	tl := u.timeline.tl
	test.WidgetRenderer(tl).Layout(tl.Size())
}

// BenchmarkOpenFirstFrame opens a generated 1,000,000-event file (50
// actors) in a window and lays out the timeline's first frame: from File ›
// Open to the first picture of the events, with the sidebar and its counts
// (ms/first-frame, the goal: ≤ 1 s). ns/op also holds what follows in the
// background: the list's count and first page, and the file's quick check.
func BenchmarkOpenFirstFrame(b *testing.B) {
	path := millionFile(b)
	u := newBenchUI(b)
	var total time.Duration
	var heapMB float64
	opens := 0
	for b.Loop() {
		start := time.Now()
		var firstFrame time.Duration
		u.afterOpen = func() {
			u.layoutTimeline()
			firstFrame = time.Since(start)
		}
		u.OpenFile(path) // closes the file opened before
		u.run()
		b.StopTimer()
		if firstFrame == 0 || u.timeline.data == nil || u.timeline.data.total != 1_000_000 {
			b.Fatal("the timeline did not load")
		}
		total += firstFrame
		opens++
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		heapMB = float64(ms.HeapAlloc) / (1 << 20)
		b.StartTimer()
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(opens), "ms/first-frame")
	b.ReportMetric(heapMB, "heap-MB")
}

// BenchmarkFilterToggle hides one actor of 50 (and shows it again, in
// turn) with the sidebar's check box at 1,000,000 events and lays out the
// timeline's new frame: what the UI goroutine does before the window
// repaints. The list's and the status's new counts are background work;
// their time is reported apart as count-ms. Goal: ≤ 30 ms/op.
func BenchmarkFilterToggle(b *testing.B) {
	u := newBenchUI(b)
	u.OpenFile(millionFile(b))
	u.run()
	u.layoutTimeline()
	if len(u.actors) != 50 {
		b.Fatalf("%d actors", len(u.actors))
	}
	check := u.filters.checks[u.actors[7].ID]
	var background time.Duration
	toggles := 0
	for b.Loop() {
		test.Tap(check)
		u.layoutTimeline()
		b.StopTimer()
		start := time.Now()
		u.run()
		background += time.Since(start)
		toggles++
		b.StartTimer()
	}
	b.ReportMetric(float64(background.Milliseconds())/float64(toggles), "count-ms")
}
