package timeline_test

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"chronoscope/timeline"
)

// tallFixture is the fixture's week of the attribution in a window too
// short for its lanes (700×260).
func tallFixture(t *testing.T) (*timeline.Timeline, fyne.Window) {
	t.Helper()
	return shortFixture(t, fyne.NewSize(700, 260))
}

// shortFixture is the fixture's week of the attribution in a window of
// the given size, which must be too short for its lanes.
func shortFixture(t *testing.T, size fyne.Size) (*timeline.Timeline, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	tl, w, _ := newFixture(t, size)
	tl.ShowRange(t14(time.December, 18, 12, 0), t14(time.December, 24, 0, 0))
	top, bottom, content := tl.LaneArea()
	if content <= bottom-top {
		t.Fatalf("the lanes fit (%v in %v)", content, bottom-top)
	}
	return tl, w
}

// The scroll bar on the right of the lanes: dragging its thumb scrolls by
// as much more as the lanes are taller than their area; a click on its
// track pages.
func TestScrollBar(t *testing.T) {
	tl, w := tallFixture(t)
	top, bottom, content := tl.LaneArea()
	x := tl.Size().Width - 5
	vp := tl.Viewport()
	test.Drag(w.Canvas(), fyne.NewPos(x, top+30), 0, 20)
	want := 20 * content / (bottom - top)
	if got := tl.LaneScroll(); got < want-1 || got > want+1 {
		t.Errorf("dragging the thumb 20 down scrolled %v, want %v", got, want)
	}
	if tl.Viewport() != vp {
		t.Errorf("dragging the scroll bar moved the view")
	}
	before := tl.LaneScroll()
	test.TapCanvas(w.Canvas(), fyne.NewPos(x, bottom-3))
	if got := tl.LaneScroll(); got <= before {
		t.Errorf("a click on the track below the thumb did not page down (%v → %v)", before, got)
	}
}

// Shift with the wheel scrolls the lanes (the desktop driver reports it as
// a horizontal scroll); without Shift the wheel zooms.
func TestShiftWheelScrollsLanes(t *testing.T) {
	tl, _ := tallFixture(t)
	vp := tl.Viewport()
	at := fyne.PointEvent{Position: fyne.NewPos(400, 150)}
	release := timeline.HoldKeys(fyne.KeyModifierShift)
	tl.Scrolled(&fyne.ScrollEvent{PointEvent: at, Scrolled: fyne.Delta{DX: -40}})
	release()
	if tl.LaneScroll() != 40 || tl.Viewport() != vp {
		t.Errorf("Shift+wheel: lanes scrolled %v (want 40), view moved %v", tl.LaneScroll(), tl.Viewport() != vp)
	}
	tl.Scrolled(&fyne.ScrollEvent{PointEvent: at, Scrolled: fyne.Delta{DY: -40}})
	if tl.Viewport().PerPixel <= vp.PerPixel {
		t.Errorf("the wheel without Shift did not zoom out")
	}
}

// A lane name cut short shows whole in a tooltip on hover.
func TestLaneNameTooltip(t *testing.T) {
	test.NewTempApp(t)
	tl, w, _ := newFixture(t, fyne.NewSize(440, 520))
	names := drawnTexts(tl, func(s string) bool { return strings.HasPrefix(s, "Guardians") })
	if len(names) != 1 || names[0].Text == "Guardians of Peace" {
		t.Fatalf("want the name cut short at this width, got %v", names)
	}
	test.MoveMouse(w.Canvas(), centre(names[0]))
	if len(drawnTexts(tl, textsEqual("Guardians of Peace"))) != 1 {
		t.Errorf("no tooltip with the whole name")
	}
}

// On the projector no count badge shows for up to 100 events: what has no
// room for its title is a mark; the selection's title is whole.
func TestPresentingShowsNoBadges(t *testing.T) {
	for seed := range uint64(3) {
		test.NewTempApp(t)
		items := yearItems(100, seed)
		tl := timeline.New(timeline.NewMemorySource(items))
		tl.SetSingleTrack(true)
		tl.SetPresenting(true)
		w := test.NewTempWindow(t, tl)
		w.SetPadded(false)
		w.Resize(fyne.NewSize(1280, 420))
		for _, zoom := range []float64{365, 60, 14} {
			sel := items[int(seed)*7]
			tl.Select(sel.ID)
			tl.ShowRange(sel.Start-zoom*86400/2, sel.Start+zoom*86400/2)
			if st := tl.Stats(); st.Badges != 0 {
				t.Errorf("seed %d, %v days: %d badges while presenting", seed, zoom, st.Badges)
			}
			if top, bottom, content := tl.LaneArea(); content > bottom-top {
				t.Errorf("seed %d, %v days: the track is %v tall in %v: it scrolls on the projector", seed, zoom, content, bottom-top)
			}
			titled, _ := copiesOf(tl, sel.ID)
			if len(titled) != 1 || titled[0].Text != sel.Title {
				t.Errorf("seed %d, %v days: the selection drawn as %+v, want its whole title %q", seed, zoom, titled, sel.Title)
			}
		}
	}
}

// With SetFitLanes (a picture) the lanes fit the widget: no scrolling,
// what finds no row is in a badge, and every event is accounted for.
func TestFitLanes(t *testing.T) {
	tl, _ := shortFixture(t, fyne.NewSize(700, 420))
	tl.SetFitLanes(true)
	top, bottom, content := tl.LaneArea()
	if content > bottom-top+0.5 {
		t.Errorf("fitted lanes are %v tall in %v", content, bottom-top)
	}
	st := tl.Stats()
	if st.Hidden == 0 || st.Badges == 0 {
		t.Errorf("fitting the fixture into 260 units hid nothing: %+v", st)
	}
	tl.SetFitLanes(false)
	if _, _, c := tl.LaneArea(); c <= content {
		t.Errorf("without SetFitLanes the lanes did not take their height back")
	}
}
