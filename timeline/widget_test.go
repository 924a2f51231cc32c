package timeline_test

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chronoscope/timeline"
)

var fixtureSize = fyne.NewSize(960, 520)

// drawnTexts returns the visible text objects of the widget whose text
// satisfies match.
func drawnTexts(tl *timeline.Timeline, match func(string) bool) []*canvas.Text {
	var out []*canvas.Text
	for _, o := range test.WidgetRenderer(tl).Objects() {
		if tx, ok := o.(*canvas.Text); ok && tx.Visible() && match(tx.Text) {
			out = append(out, tx)
		}
	}
	return out
}

// textsEqual matches one string.
func textsEqual(s string) func(string) bool { return func(t string) bool { return t == s } }

// centre returns the middle of a drawn object.
func centre(o fyne.CanvasObject) fyne.Position {
	return o.Position().Add(fyne.NewPos(o.Size().Width/2, o.Size().Height/2))
}

// near reports whether a and b differ by at most tol.
func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestScrollZoomsAroundPointer(t *testing.T) {
	test.NewTempApp(t)
	tl, _, _ := newFixture(t, fixtureSize)
	tests := []struct {
		name   string
		x      float32
		dy, dx float32
	}{
		{"wheel up at left", 250, 25, 0},
		{"wheel down at right", 900, -25, 0},
		{"touchpad in, middle", 600, 3.5, 0},
		{"big notch", 400, 400, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := tl.Viewport()
			under := tl.TimeAt(tc.x)
			tl.Scrolled(&fyne.ScrollEvent{
				PointEvent: fyne.PointEvent{Position: fyne.NewPos(tc.x, 200), AbsolutePosition: fyne.NewPos(tc.x, 200)},
				Scrolled:   fyne.Delta{DX: tc.dx, DY: tc.dy},
			})
			after := tl.Viewport()
			if got := tl.TimeAt(tc.x); !near(got, under, after.PerPixel*1e-3) {
				t.Errorf("instant under the pointer moved from %v to %v", under, got)
			}
			want := before.PerPixel / math.Exp2(float64(tc.dy)/100)
			if !near(after.PerPixel, want, want*1e-9) {
				t.Errorf("PerPixel = %v, want %v", after.PerPixel, want)
			}
		})
	}
	// Horizontal scroll pans.
	before := tl.Viewport()
	tl.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(500, 200)}, Scrolled: fyne.Delta{DX: 40}})
	if got, want := tl.Viewport().Start, before.Start-40*before.PerPixel; !near(got, want, before.PerPixel*1e-3) {
		t.Errorf("horizontal scroll: Start = %v, want %v", got, want)
	}
}

func TestWidgetZoomLimits(t *testing.T) {
	test.NewTempApp(t)
	tl, _, _ := newFixture(t, fixtureSize)
	check := func(when string) {
		t.Helper()
		vp := tl.Viewport()
		if math.IsNaN(vp.Start) || math.IsInf(vp.Start, 0) || !(vp.PerPixel > 0) || math.IsInf(vp.PerPixel, 0) || vp.Clamped() != vp {
			t.Fatalf("%s: viewport %+v", when, vp)
		}
		if len(drawnTexts(tl, func(string) bool { return true })) == 0 {
			t.Fatalf("%s: nothing drawn", when)
		}
	}
	ev := &fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(700, 200)}}
	for i := range 300 {
		ev.Scrolled.DY = 400
		tl.Scrolled(ev)
		if i%50 == 0 {
			check("zooming in")
		}
	}
	if got := tl.Viewport().PerPixel; got != timeline.MinPerPixel {
		t.Errorf("fully zoomed in: PerPixel = %v, want %v", got, timeline.MinPerPixel)
	}
	for i := range 300 {
		ev.Scrolled.DY = -400
		tl.Scrolled(ev)
		if i%50 == 0 {
			check("zooming out")
		}
	}
	vp := tl.Viewport()
	if got := vp.PerPixel * float64(vp.Width); !near(got, timeline.MaxSpan, timeline.MaxSpan*1e-9) {
		t.Errorf("fully zoomed out: span = %g, want %g", got, timeline.MaxSpan)
	}
	check("zoomed out")
	if len(drawnTexts(tl, func(s string) bool { return strings.Contains(s, "billion") })) == 0 {
		t.Errorf("fully zoomed out: no axis label in billions of years")
	}
}

func TestDragPansByTheDraggedAmount(t *testing.T) {
	test.NewTempApp(t)
	tl, w, _ := newFixture(t, fixtureSize)
	for _, dx := range []float32{120, -37.5, 3, -400} {
		before := tl.Viewport()
		test.Drag(w.Canvas(), fyne.NewPos(600, 200), dx, 0)
		after := tl.Viewport()
		if want := before.Start - float64(dx)*before.PerPixel; !near(after.Start, want, before.PerPixel*1e-6) {
			t.Errorf("drag by %v: Start = %v, want %v", dx, after.Start, want)
		}
		if after.PerPixel != before.PerPixel {
			t.Errorf("drag changed the zoom")
		}
	}
}

func TestDragOnOverviewMovesTheWindow(t *testing.T) {
	test.NewTempApp(t)
	tl, w, _ := newFixture(t, fixtureSize)
	tl.ZoomBy(8)
	before := tl.Viewport()
	// The overview spans the chronology (plus 3% margins) over the event
	// area: dragging its window by 100 px moves the view by 100 px of it.
	test.Drag(w.Canvas(), fyne.NewPos(600, fixtureSize.Height-10), 100, 0)
	after := tl.Viewport()
	if !(after.Start > before.Start+50*before.PerPixel) {
		t.Errorf("overview drag: Start %v → %v, want a move to later times by far more than 50 px", before.Start, after.Start)
	}
	if after.PerPixel != before.PerPixel {
		t.Errorf("overview drag changed the zoom")
	}
	// A click on the overview centres the view there.
	test.TapCanvas(w.Canvas(), fyne.NewPos(170, fixtureSize.Height-10))
	vp := tl.Viewport()
	mid := vp.Start + float64(vp.Width)/2*vp.PerPixel
	from, to, _ := timeline.NewMemorySource(fixtureItems()).Bounds()
	if !(mid < from+(to-from)*0.1) {
		t.Errorf("clicking the left of the overview centred the view at %v, want near the start %v", time.Unix(int64(mid), 0).UTC(), time.Unix(int64(from), 0).UTC())
	}
}

func TestKeys(t *testing.T) {
	test.NewTempApp(t)
	tl, w, src := newFixture(t, fixtureSize)
	w.Canvas().Focus(tl)
	from, to, _ := src.Bounds()

	vp := tl.Viewport()
	tl.TypedRune('+')
	if got := tl.Viewport().PerPixel; !near(got, vp.PerPixel/2, vp.PerPixel*1e-9) {
		t.Errorf("+: PerPixel = %v, want %v", got, vp.PerPixel/2)
	}
	tl.TypedRune('-')
	tl.TypedRune('-')
	if got := tl.Viewport().PerPixel; !near(got, vp.PerPixel*2, vp.PerPixel*1e-9) {
		t.Errorf("-: PerPixel = %v, want %v", got, vp.PerPixel*2)
	}
	vp = tl.Viewport()
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if got, want := tl.Viewport().Start, vp.Start+float64(vp.Width)/8*vp.PerPixel; !near(got, want, vp.PerPixel*1e-3) {
		t.Errorf("Right: Start = %v, want %v", got, want)
	}
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	if got, want := tl.Viewport().Start, vp.Start-float64(vp.Width)/8*vp.PerPixel; !near(got, want, vp.PerPixel*1e-3) {
		t.Errorf("Left: Start = %v, want %v", got, want)
	}
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	if got, want := tl.Viewport(), timeline.Fit(from, to, tl.Viewport().Width, 24); got != want {
		t.Errorf("Home: viewport %+v, want %+v", got, want)
	}

	// Selection moves in time order with . n , p, Page Up/Down and
	// Ctrl/Alt+arrows.
	var selected []int64
	tl.OnSelected = func(id int64) { selected = append(selected, id) }
	var passedOn []string
	tl.OnUnhandledShortcut = func(s fyne.Shortcut) { passedOn = append(passedOn, s.ShortcutName()) }
	tl.TypedRune('.') // from the left edge: the first event
	tl.TypedRune('n')
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	tl.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierControl})
	tl.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt})
	tl.TypedRune(',')
	tl.TypedRune('p')
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageUp}) // already at the first: nothing
	all, _ := src.Items(nil, math.Inf(-1), math.Inf(1), nil, 100)
	order := ids(all)
	want := []int64{order[0], order[1], order[2], order[3], order[2], order[1], order[0]}
	if !slices.Equal(selected, want) {
		t.Errorf("selection moved through %v, want %v", selected, want)
	}
	// The shortcuts it does not use go on to the window: Paste, Ctrl+O.
	tl.TypedShortcut(&fyne.ShortcutPaste{})
	tl.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierControl})
	if want := []string{"Paste", "CustomDesktop:Control+O"}; !slices.Equal(passedOn, want) {
		t.Errorf("shortcuts passed on: %q, want %q", passedOn, want)
	}
	if id, ok := tl.Selected(); !ok || id != order[0] {
		t.Errorf("Selected = %d, %v; want %d", id, ok, order[0])
	}

	// Return zooms to the selection, Escape clears it.
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	it, _ := src.Item(order[0])
	vp = tl.Viewport()
	if !(vp.Start < it.Start && vp.End() > it.Stop && vp.End()-vp.Start < 4*(it.Stop-it.Start)) {
		t.Errorf("Return: view %v–%v does not frame the selection %v–%v", vp.Start, vp.End(), it.Start, it.Stop)
	}
	var unselected []int64
	tl.OnUnselected = func(id int64) { unselected = append(unselected, id) }
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if _, ok := tl.Selected(); ok || !slices.Equal(unselected, []int64{order[0]}) {
		t.Errorf("Escape: still selected, or OnUnselected got %v", unselected)
	}
}

func TestStepRevealsTheSelection(t *testing.T) {
	test.NewTempApp(t)
	tl, _, src := newFixture(t, fixtureSize)
	tl.ShowRange(t14(time.December, 1, 0, 0), t14(time.December, 2, 0, 0)) // a quiet day
	tl.Select(10)                                                          // North Korea offline, 22 December
	it, _ := src.Item(10)
	vp := tl.Viewport()
	if mid := it.Start + (it.Stop-it.Start)/2; !(mid > vp.Start && mid < vp.End()) {
		t.Errorf("Select did not reveal the item")
	}
	if len(drawnTexts(tl, textsEqual("North Korea offline"))) != 1 {
		t.Errorf("the selected item is not drawn")
	}
}

func TestTapSelects(t *testing.T) {
	test.NewTempApp(t)
	tl, w, _ := newFixture(t, fixtureSize)
	tl.ShowRange(t14(time.December, 18, 12, 0), t14(time.December, 24, 0, 0))
	var got []int64
	tl.OnSelected = func(id int64) { got = append(got, id) }
	tests := []struct {
		label string
		id    int64
	}{
		{"Obama promises a proportional response", 6},
		{"North Korea offline", 10},
		{"Lynton: Sony did not cave", 7},
	}
	for _, tc := range tests {
		texts := drawnTexts(tl, func(s string) bool {
			return s == tc.label || strings.HasPrefix(tc.label, strings.TrimSuffix(s, "…")) && s != strings.TrimSuffix(s, "…")
		})
		if len(texts) == 0 {
			t.Fatalf("label %q not drawn", tc.label)
		}
		test.TapCanvas(w.Canvas(), centre(texts[0]))
		if len(got) == 0 || got[len(got)-1] != tc.id {
			t.Errorf("tapping %q selected %v, want %d", tc.label, got, tc.id)
		}
	}
	if w.Canvas().Focused() != tl {
		t.Errorf("a tap did not focus the timeline")
	}
	// Tapping empty space clears the selection.
	var cleared []int64
	tl.OnUnselected = func(id int64) { cleared = append(cleared, id) }
	test.TapCanvas(w.Canvas(), emptySpot(t, tl))
	if _, ok := tl.Selected(); ok || !slices.Equal(cleared, []int64{7}) {
		t.Errorf("tapping empty space: OnUnselected got %v", cleared)
	}
}

// emptySpot returns a point of the lane area where nothing is drawn.
func emptySpot(t *testing.T, tl *timeline.Timeline) fyne.Position {
	t.Helper()
	top, bottom, _ := tl.LaneArea()
	for y := top + 4; y < bottom; y += 4 {
		for x := float32(tl.XOf(tl.Viewport().Start)) + 4; x < tl.Size().Width-20; x += 8 {
			p := fyne.NewPos(x, y)
			if _, ok := tl.ItemAt(p); !ok && len(drawnAt(tl, p)) == 0 {
				return p
			}
		}
	}
	t.Fatal("no empty spot in the lane area")
	return fyne.Position{}
}

// drawnAt returns the drawn copies whose shape or label lies within 6 units
// of p.
func drawnAt(tl *timeline.Timeline, p fyne.Position) []timeline.Drawn {
	var out []timeline.Drawn
	for _, d := range tl.Drawn() {
		for _, r := range []timeline.Rect{d.Shape, d.Label} {
			if r != (timeline.Rect{}) && p.X >= r.X0-6 && p.X <= r.X1+6 && p.Y >= r.Y0-6 && p.Y <= r.Y1+6 {
				out = append(out, d)
			}
		}
	}
	return out
}

// copiesOf returns the drawn copies of event id: titled and compact marks.
func copiesOf(tl *timeline.Timeline, id int64) (titled, marks []timeline.Drawn) {
	for _, d := range tl.Drawn() {
		if d.ID != id {
			continue
		}
		if d.Mark {
			marks = append(marks, d)
		} else {
			titled = append(titled, d)
		}
	}
	return titled, marks
}

func TestMultiActorEventIsLinked(t *testing.T) {
	test.NewTempApp(t)
	tl, _, _ := newFixture(t, fixtureSize)
	tl.ShowRange(t14(time.December, 18, 12, 0), t14(time.December, 24, 0, 0))
	// The FBI's claim is in the US and North Korea lanes: titled once, in
	// its lead lane (the US), and a compact mark in North Korea's.
	if n := len(drawnTexts(tl, textsEqual("FBI: North Korea is responsible"))); n != 1 {
		t.Fatalf("the two-lane event's title is drawn %d times, want 1", n)
	}
	titled, marks := copiesOf(tl, 5)
	if len(titled) != 1 || len(marks) != 1 || titled[0].Lane != 0 || marks[0].Lane != 1 || marks[0].Text != "" {
		t.Fatalf("the two-lane event: titled %+v, marks %+v; want a title in lane 0 and a mark in lane 1", titled, marks)
	}
	tl.SetTitleInEveryLane(true)
	if n := len(drawnTexts(tl, textsEqual("FBI: North Korea is responsible"))); n != 2 {
		t.Errorf("with a title in every lane the two-lane event's title is drawn %d times, want 2", n)
	}
	tl.SetTitleInEveryLane(false)
	links := func() int {
		n := 0
		for _, o := range test.WidgetRenderer(tl).Objects() {
			if l, ok := o.(*canvas.Line); ok && l.Visible() && l.Position1.X == l.Position2.X && l.StrokeWidth == 2 && l.Position2.Y-l.Position1.Y > 30 {
				n++
			}
		}
		return n
	}
	if n := links(); n != 0 {
		t.Errorf("%d links before selecting", n)
	}
	tl.Select(5)
	if n := links(); n != 1 {
		t.Errorf("%d links between the two copies of the selection, want 1", n)
	}
}

// crowdedItems are n events of one lane on 22 December, an hour apart:
// more than a lane's rows hold at a month's zoom.
func crowdedItems(n int) []timeline.Item {
	var items []timeline.Item
	for i := range n {
		at := t14(time.December, 22, 0, 0) + float64(i)*600
		items = append(items, timeline.Item{ID: int64(100 + i), Start: at, Stop: at + 60,
			Title: "Crowded event " + strconv.Itoa(i), When: "22 December 2014", Lanes: []int64{usa},
			Certainty: timeline.Reported, Importance: 3})
	}
	return items
}

// maxList is the most events a badge lists.
const maxList = 30

// A badge appears only where events cannot be separated, and its click
// lists them; choosing one selects it and zooms in to it.
func TestBadgeListsItsEvents(t *testing.T) {
	test.NewTempApp(t)
	tl, w, _ := newFixture(t, fixtureSize)
	tl.ShowRange(t14(time.November, 22, 0, 0), t14(time.December, 31, 0, 0))
	if st := tl.Stats(); st.Badges != 0 || st.Hidden != 0 {
		t.Fatalf("the story at its own zoom: %d badges hiding %d events, want none", st.Badges, st.Hidden)
	}
	tl.SetSource(timeline.NewMemorySource(append(fixtureItems(), crowdedItems(40)...)))
	badges := drawnTexts(tl, func(s string) bool { return strings.HasPrefix(s, "+") })
	if len(badges) == 0 {
		t.Fatalf("no count badge for 40 events on one day")
	}
	biggest := badges[0]
	for _, b := range badges {
		if n, _ := strconv.Atoi(b.Text[1:]); n > 20 {
			biggest = b
		}
	}
	var selected []int64
	tl.OnSelected = func(id int64) { selected = append(selected, id) }
	before := tl.Viewport()
	test.TapCanvas(w.Canvas(), centre(biggest))
	pop, ok := w.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		t.Fatalf("a badge's click opened no list")
	}
	var choices []*widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Button:
			choices = append(choices, v)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case *container.Scroll:
			walk(v.Content)
		}
	}
	walk(pop.Content)
	pick := -1
	for i, c := range choices {
		if strings.HasPrefix(c.Text, "22 December 2014 · Crowded event ") && strings.HasSuffix(c.Text, " · reported") {
			pick = i
			break
		}
	}
	if len(choices) != maxList+1 || pick < 0 || choices[len(choices)-1].Text != "Zoom in" {
		t.Fatalf("the badge's list: %d buttons (want %d and Zoom in), first %q", len(choices), maxList, choices[0].Text)
	}
	want := choices[pick].Text
	test.Tap(choices[pick])
	if len(selected) != 1 || selected[0] < 100 {
		t.Fatalf("choosing %q selected %v", want, selected)
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Errorf("the list stays open after a choice")
	}
	if after := tl.Viewport(); !(after.PerPixel <= before.PerPixel/2) {
		t.Errorf("choosing an event did not zoom in: PerPixel %v → %v", before.PerPixel, after.PerPixel)
	}
	if id, ok := tl.Selected(); !ok || id != selected[0] {
		t.Errorf("the chosen event is not the selection")
	}
}

func TestHiddenLanesVanish(t *testing.T) {
	test.NewTempApp(t)
	tl, _, _ := newFixture(t, fixtureSize)
	tl.ShowRange(t14(time.December, 18, 12, 0), t14(time.December, 24, 0, 0))
	if len(drawnTexts(tl, textsEqual("Hua: China needs evidence"))) != 1 {
		t.Fatalf("China's event not drawn with all lanes")
	}
	var lanes []timeline.Lane
	for _, l := range fixtureLanes() {
		if l.ID != china {
			lanes = append(lanes, l)
		}
	}
	tl.SetLanes(lanes)
	if n := len(drawnTexts(tl, textsEqual("China"))); n != 0 {
		t.Errorf("the hidden lane's name is still drawn")
	}
	if n := len(drawnTexts(tl, textsEqual("Hua: China needs evidence"))); n != 0 {
		t.Errorf("an event of the hidden lane only is still drawn")
	}
	// An event of China and North Korea stays, in North Korea's lane only.
	if n := len(drawnTexts(tl, textsEqual("North Korea behind the hack"))); n != 1 {
		t.Errorf("a shared event is drawn %d times, want once", n)
	}
}

func TestSingleTrack(t *testing.T) {
	test.NewTempApp(t)
	tl, _, src := newFixture(t, fixtureSize)
	tl.ShowRange(t14(time.December, 18, 12, 0), t14(time.December, 24, 0, 0))
	tl.SetSingleTrack(true)
	if !tl.SingleTrack() {
		t.Fatal("SingleTrack() = false")
	}
	vp := tl.Viewport()
	inView, _ := src.Items(nil, vp.Start, vp.End(), nil, 100)
	st := tl.Stats()
	if st.Drawn+st.Hidden != len(inView) {
		t.Errorf("single track: %d drawn + %d hidden, want %d items (each once)", st.Drawn, st.Hidden, len(inView))
	}
	if n := len(drawnTexts(tl, textsEqual("FBI: North Korea is responsible"))); n != 1 {
		t.Errorf("the two-lane event is drawn %d times on a single track, want 1", n)
	}
	// The lane column becomes a legend of every lane.
	for _, l := range fixtureLanes() {
		if len(drawnTexts(tl, textsEqual(l.Name))) != 1 {
			t.Errorf("lane %q missing from the single track's legend", l.Name)
		}
	}
	tl.SetSingleTrack(false)
	if titled, marks := copiesOf(tl, 5); len(titled) != 1 || len(marks) != 1 {
		t.Errorf("back to lanes: the two-lane event is drawn %d times with its title and %d as a mark, want 1 and 1", len(titled), len(marks))
	}
}

func TestHoverShowsTooltip(t *testing.T) {
	test.NewTempApp(t)
	tl, w, _ := newFixture(t, fixtureSize)
	tl.ShowRange(t14(time.December, 18, 12, 0), t14(time.December, 24, 0, 0))
	label := drawnTexts(tl, textsEqual("Harf: some responses unseen"))
	if len(label) == 0 {
		label = drawnTexts(tl, func(s string) bool { return strings.HasPrefix(s, "Harf") })
	}
	if len(label) == 0 {
		t.Fatal("Harf's statement not drawn")
	}
	test.MoveMouse(w.Canvas(), centre(label[0]))
	if len(drawnTexts(tl, textsEqual("22 December 2014 · confirmed"))) != 1 {
		t.Errorf("no tooltip with the date and certainty")
	}
	if len(drawnTexts(tl, textsEqual("Harf: some responses unseen"))) < 1 {
		t.Errorf("no tooltip with the full title")
	}
	test.MoveMouse(w.Canvas(), fyne.NewPos(300, 470))
	if len(drawnTexts(tl, textsEqual("22 December 2014 · confirmed"))) != 0 {
		t.Errorf("the tooltip stays after the pointer left")
	}
}

func TestLanesScrollWhenTheyDoNotFit(t *testing.T) {
	test.NewTempApp(t)
	tl, w, _ := newFixture(t, fyne.NewSize(700, 260))
	if len(drawnTexts(tl, textsEqual("United States"))) != 1 || len(drawnTexts(tl, textsEqual("Commentators"))) != 0 {
		t.Fatalf("expected the first lanes on screen and the last off it")
	}
	test.Drag(w.Canvas(), fyne.NewPos(400, 150), 0, -1000) // drag up: scroll to the end
	if len(drawnTexts(tl, textsEqual("United States"))) != 0 || len(drawnTexts(tl, textsEqual("Commentators"))) != 1 {
		t.Errorf("dragging up did not scroll to the last lane")
	}
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	tl.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(40, 150)}, Scrolled: fyne.Delta{DY: 1000}}) // over the names: scroll up
	if len(drawnTexts(tl, textsEqual("United States"))) != 1 {
		t.Errorf("scrolling over the lane names did not scroll back up")
	}
}

// When the view holds more items than the widget asks for, the badges come
// from the source's density: drawn items and badge counts still add up to
// every item in view.
func TestBadgesCountWhatTheSourceDidNotReturn(t *testing.T) {
	const n = 50000
	items := burstyItems(n, 7)
	for i := range items {
		// Instants well inside [genFrom, genEnd], one lane each.
		items[i].Start = genFrom + 10*yearS + math.Mod(math.Abs(items[i].Start-genFrom), 900*yearS)
		items[i].Stop = items[i].Start + 1
		items[i].Span = false
		items[i].Lanes = items[i].Lanes[:1]
	}
	src := timeline.NewMemorySource(items)
	for _, single := range []bool{false, true} {
		test.NewTempApp(t)
		tl := timeline.New(src)
		tl.SetLanes(benchLaneList())
		tl.SetSingleTrack(single)
		w := test.NewTempWindow(t, tl)
		w.SetPadded(false)
		w.Resize(fyne.NewSize(1600, 900))
		tl.ShowRange(genFrom, genEnd)
		st := tl.Stats()
		if st.Total != n || st.Items >= n {
			t.Fatalf("single=%v: the view should hold all %d items and get a sample, got %d of %d", single, n, st.Items, st.Total)
		}
		if st.Drawn+st.Hidden != n {
			t.Errorf("single=%v: %d drawn + %d in badges = %d, want %d", single, st.Drawn, st.Hidden, st.Drawn+st.Hidden, n)
		}
		badges := len(drawnTexts(tl, func(s string) bool { return strings.HasPrefix(s, "+") }))
		if badges == 0 || badges > 96 {
			t.Errorf("single=%v: %d badges drawn", single, badges)
		}
	}
}

func TestDoubleTapZoomsIn(t *testing.T) {
	test.NewTempApp(t)
	tl, _, _ := newFixture(t, fixtureSize)
	before := tl.Viewport()
	under := tl.TimeAt(640)
	tl.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(640, 300)})
	after := tl.Viewport()
	if !near(after.PerPixel, before.PerPixel/2, before.PerPixel*1e-9) || !near(tl.TimeAt(640), under, after.PerPixel*1e-3) {
		t.Errorf("double tap: %+v → %+v", before, after)
	}
}

func TestQueriesOncePerViewChange(t *testing.T) {
	test.NewTempApp(t)
	tl, w, _ := newFixture(t, fixtureSize)
	q := tl.Stats().Queries
	tl.Refresh()
	w.Resize(fixtureSize)
	test.MoveMouse(w.Canvas(), fyne.NewPos(500, 200))
	test.MoveMouse(w.Canvas(), fyne.NewPos(10, 10))
	w.Canvas().Focus(tl)
	if got := tl.Stats().Queries; got != q {
		t.Errorf("refresh, layout, hover and focus queried the source %d times", got-q)
	}
	tl.ZoomBy(1.5)
	if got := tl.Stats().Queries; got != q+1 {
		t.Errorf("a zoom queried the source %d times, want once", got-q)
	}
}

func TestSetViewportBeforeSize(t *testing.T) {
	test.NewTempApp(t)
	tl := timeline.New(timeline.NewMemorySource(fixtureItems()))
	tl.SetViewport(timeline.Viewport{Start: 1e9, PerPixel: 3600, Width: 1})
	w := test.NewTempWindow(t, tl)
	w.SetPadded(false)
	w.Resize(fixtureSize)
	vp := tl.Viewport()
	if vp.Start != 1e9 || vp.PerPixel != 3600 || vp.Width < 500 {
		t.Errorf("viewport set before the widget had a size: %+v", vp)
	}
	// And a fresh widget fits everything once it has a size.
	tl2 := timeline.New(timeline.NewMemorySource(fixtureItems()))
	w2 := test.NewTempWindow(t, tl2)
	w2.SetPadded(false)
	w2.Resize(fixtureSize)
	from, to, _ := timeline.NewMemorySource(fixtureItems()).Bounds()
	if got := tl2.Viewport(); !(got.Start < from && got.End() > to) {
		t.Errorf("a new widget shows %v–%v, want all of %v–%v", got.Start, got.End(), from, to)
	}
}

func TestEmptyAndNilSource(t *testing.T) {
	test.NewTempApp(t)
	for _, src := range []timeline.Source{nil, timeline.NewMemorySource(nil)} {
		tl := timeline.New(src)
		w := test.NewTempWindow(t, tl)
		w.Resize(fixtureSize)
		tl.FitAll()
		tl.ZoomToSelection()
		tl.SelectNext()
		tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
		test.Drag(w.Canvas(), fyne.NewPos(400, 200), 50, 10)
		test.TapCanvas(w.Canvas(), fyne.NewPos(400, 200))
		if st := tl.Stats(); st.Drawn != 0 {
			t.Errorf("drew %d items from an empty source", st.Drawn)
		}
	}
}

// TestObjectsStayBounded pans and zooms across the whole range of a large
// chronology 1,000 times and checks that the renderer never holds more than
// MaxObjects canvas objects, and stops growing.
func TestObjectsStayBounded(t *testing.T) {
	if timeline.MaxObjects > 1500 {
		t.Fatalf("MaxObjects = %d, over the budget of 1,500", timeline.MaxObjects)
	}
	test.NewTempApp(t)
	src := burstySource(100000)
	tl := timeline.New(src)
	tl.SetLanes(benchLaneList())
	tl.SetEras([]timeline.Era{{Start: genFrom, Stop: genFrom + 300*yearS, Title: "Early"}, {Start: genFrom + 300*yearS, Stop: genEnd, Title: "Late"}})
	w := test.NewTempWindow(t, tl)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1600, 900))
	r := test.WidgetRenderer(tl)
	peak, peakAt := 0, 0
	ev := &fyne.ScrollEvent{}
	for i := range 1000 {
		switch i % 10 {
		case 0, 1, 2:
			ev.Position = fyne.NewPos(200+float32(i%7)*180, 300)
			ev.Scrolled = fyne.Delta{DY: 60}
			if i/100%2 == 1 {
				ev.Scrolled.DY = -90
			}
			tl.Scrolled(ev)
		case 3:
			tl.SetSingleTrack(i%20 == 3)
		default:
			test.Drag(w.Canvas(), fyne.NewPos(800, 400), -float32(200+i%300), float32(i%3-1)*40)
		}
		if i%97 == 0 {
			tl.Select(int64(1 + i*31))
		}
		if i%250 == 0 {
			tl.FitAll()
		}
		n := len(r.Objects())
		if n > timeline.MaxObjects {
			t.Fatalf("step %d: %d objects, over MaxObjects = %d", i, n, timeline.MaxObjects)
		}
		if n > peak {
			peak, peakAt = n, i
		}
	}
	t.Logf("peak %d objects at step %d", peak, peakAt)
}

func TestLegend(t *testing.T) {
	test.NewTempApp(t)
	l := timeline.NewLegend()
	w := test.NewTempWindow(t, l)
	w.Resize(l.MinSize().AddWidthHeight(20, 20))
	var captions []string
	for _, o := range test.WidgetRenderer(l).Objects() {
		if tx, ok := o.(*canvas.Text); ok {
			captions = append(captions, tx.Text)
		}
	}
	for _, c := range []string{"confirmed", "reported", "claimed by a party", "disputed", "denied"} {
		if !slices.Contains(captions, c) {
			t.Errorf("legend lacks %q (has %v)", c, captions)
		}
	}
	if !strings.Contains(timeline.LegendText, "dashed: disputed") {
		t.Errorf("LegendText = %q", timeline.LegendText)
	}
}

func TestMarkedEventsAreHighlighted(t *testing.T) {
	test.NewTempApp(t)
	tl, _, _ := newFixture(t, fyne.NewSize(960, 520))
	tl.ShowRange(zoomLevels[1].from, zoomLevels[1].to)
	rings := func() int {
		n := 0
		for _, o := range test.WidgetRenderer(tl).Objects() {
			if r, ok := o.(*canvas.Rectangle); ok && r.Visible() && r.StrokeWidth == 2 && r.FillColor != nil {
				if _, _, _, a := r.FillColor.RGBA(); a > 0 && a < 0xffff {
					n++
				}
			}
		}
		return n
	}
	before := rings()
	tl.SetMarked([]int64{5}) // the FBI's claim, in two lanes
	if !tl.Marked(5) || tl.Marked(6) {
		t.Fatal("Marked does not report the marks")
	}
	if got := rings() - before; got != 2 {
		t.Errorf("marking an event of two lanes added %d highlight rings, want 2", got)
	}
	tl.SetMarked(nil)
	if got := rings(); got != before {
		t.Errorf("after clearing the marks, %d rings, want %d", got, before)
	}
}

// Zooming with the pointer over a lane keeps that lane where it is on
// screen, though the lanes above it change height.
func TestZoomKeepsTheLaneUnderThePointer(t *testing.T) {
	tl, w := shortFixture(t, fyne.NewSize(700, 300))
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	name := func(s string) float32 {
		texts := drawnTexts(tl, textsEqual(s))
		if len(texts) != 1 {
			t.Fatalf("lane name %q drawn %d times", s, len(texts))
		}
		return texts[0].Position().Y
	}
	// The lane whose name is nearest the pointer's height.
	var lane string
	best := float32(1e9)
	for _, l := range fixtureLanes() {
		if texts := drawnTexts(tl, textsEqual(l.Name)); len(texts) == 1 {
			if d := abs32(texts[0].Position().Y - 150); d < best {
				best, lane = d, l.Name
			}
		}
	}
	y := name(lane)
	at := fyne.NewPos(500, y+5)
	test.MoveMouse(w.Canvas(), at)
	for _, dy := range []float32{-300, -300, 300} { // zoom out twice, in once
		tl.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: at}, Scrolled: fyne.Delta{DY: dy}})
		if got := name(lane); abs32(got-y) > 0.5 {
			t.Errorf("after a zoom of %v the lane %q moved from y=%v to %v", dy, lane, y, got)
		}
	}
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}
