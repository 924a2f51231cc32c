package timeline_test

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"chronoscope/timeline"
)

// linkedSource is a source that knows the links between its items.
type linkedSource struct {
	*timeline.MemorySource
	*timeline.MemoryLinks
}

// fixtureLinks are links between the fixture's events, of every tone and
// certainty, one of them undirected and one to an event before the week.
func fixtureLinks() []timeline.Link {
	return []timeline.Link{
		{ID: 101, From: 5, To: 6, Directed: true, Kind: "responds to", Note: "Obama answers the FBI's finding the same day", Certainty: timeline.Confirmed, Tone: timeline.ToneNeutral},
		{ID: 102, From: 9, To: 14, Directed: true, Kind: "responds to", Certainty: timeline.Confirmed, Tone: timeline.ToneNeutral},
		{ID: 103, From: 11, To: 10, Directed: true, Kind: "led to", Note: "North Korea's claim; nobody established it", Certainty: timeline.Claimed, Tone: timeline.ToneCause},
		{ID: 104, From: 5, To: 14, Directed: true, Kind: "contradicts", Certainty: timeline.Disputed, Tone: timeline.ToneOppose},
		{ID: 105, From: 15, To: 10, Directed: true, Kind: "led to", Certainty: timeline.Denied, Tone: timeline.ToneCause},
		{ID: 106, From: 14, To: 19, Directed: true, Kind: "confirms", Certainty: timeline.Reported, Tone: timeline.ToneSupport},
		{ID: 107, From: 12, To: 13, Directed: false, Kind: "same event as", Certainty: timeline.Reported, Tone: timeline.ToneNeutral},
		{ID: 108, From: 1, To: 5, Directed: true, Kind: "led to", Certainty: timeline.Confirmed, Tone: timeline.ToneCause},
		{ID: 109, From: 6, To: 7, Directed: true, Kind: "responds to", Certainty: timeline.Confirmed, Tone: timeline.ToneNeutral},
		{ID: 110, From: 10, To: 17, Directed: true, Kind: "follows up", Certainty: timeline.Confirmed, Tone: timeline.ToneNeutral},
	}
}

// newLinkedFixture is newFixture over a source with fixtureLinks.
func newLinkedFixture(t *testing.T, size fyne.Size) (*timeline.Timeline, fyne.Window) {
	t.Helper()
	tl, w, src := newFixture(t, size)
	tl.SetSource(linkedSource{src, timeline.NewMemoryLinks(fixtureLinks())})
	return tl, w
}

// linkIDs returns the ids of the arcs drawn, sorted.
func linkIDs(tl *timeline.Timeline) []int64 {
	var ids []int64
	for _, d := range tl.DrawnLinks() {
		ids = append(ids, d.ID)
	}
	slices.Sort(ids)
	return ids
}

// inside reports whether p lies inside r by more than half a unit.
func inside(p fyne.Position, r timeline.Rect) bool {
	return p.X > r.X0+0.5 && p.X < r.X1-0.5 && p.Y > r.Y0+0.5 && p.Y < r.Y1-0.5
}

// segmentCrosses reports whether segment a–b passes inside r, sampled
// every half unit.
func segmentCrosses(a, b fyne.Position, r timeline.Rect) bool {
	n := int(math.Hypot(float64(b.X-a.X), float64(b.Y-a.Y))*2) + 1
	for i := 0; i <= n; i++ {
		u := float32(i) / float32(n)
		if inside(fyne.NewPos(a.X+(b.X-a.X)*u, a.Y+(b.Y-a.Y)*u), r) {
			return true
		}
	}
	return false
}

// checkArcsClearOfTitles fails for every arc segment drawn unfaded across
// a title, and every edge box over one.
func checkArcsClearOfTitles(t *testing.T, tl *timeline.Timeline, what string) {
	t.Helper()
	drawn := tl.Drawn()
	for _, l := range tl.DrawnLinks() {
		if len(l.Faded) != len(l.Points)-1 || len(l.Points) < 3 {
			t.Errorf("%s: link %d has %d points and %d fading flags", what, l.ID, len(l.Points), len(l.Faded))
			continue
		}
		for s, faded := range l.Faded {
			if faded {
				continue
			}
			for _, d := range drawn {
				if d.Label != (timeline.Rect{}) && segmentCrosses(l.Points[s], l.Points[s+1], d.Label) {
					t.Errorf("%s: link %d crosses the title %q unfaded (%v–%v over %+v)", what, l.ID, d.Text, l.Points[s], l.Points[s+1], d.Label)
				}
			}
		}
		if l.Edge == "" {
			continue
		}
		for _, d := range drawn {
			b, r := l.EdgeBox, d.Label
			if r != (timeline.Rect{}) && b.X0 < r.X1-0.5 && b.X1 > r.X0+0.5 && b.Y0 < r.Y1-0.5 && b.Y1 > r.Y0+0.5 {
				t.Errorf("%s: link %d's edge title %q hides the title %q", what, l.ID, l.Edge, d.Text)
			}
		}
	}
}

// TestArcsNeverCrossTitles lays the fixture's links out at two window
// sizes and three zooms, all in view and each event's in turn: no arc
// segment crosses a title unless it is drawn faded, and no title at an
// edge hides one.
func TestArcsNeverCrossTitles(t *testing.T) {
	for _, size := range []fyne.Size{fyne.NewSize(1600, 1000), fyne.NewSize(1280, 800)} {
		test.NewTempApp(t)
		tl, _ := newLinkedFixture(t, size)
		for _, z := range zoomLevels {
			tl.ShowRange(z.from, z.to)
			tl.SetLinksShown(timeline.LinksInView)
			tl.Unselect()
			what := fmt.Sprintf("%v %s, all in view", size, z.name)
			if z.name != "day" && len(tl.DrawnLinks()) < 5 {
				t.Errorf("%s: %d arcs drawn, want at least 5", what, len(tl.DrawnLinks()))
			}
			checkArcsClearOfTitles(t, tl, what)
			tl.SetLinksShown(timeline.LinksOfSelected)
			for id := int64(1); id <= 19; id++ {
				tl.Select(id)
				tl.ShowRange(z.from, z.to)
				checkArcsClearOfTitles(t, tl, fmt.Sprintf("%v %s, event %d selected", size, z.name, id))
			}
		}
	}
}

// endNear reports whether p lies within tol of the shape of a drawn copy
// of event id.
func endNear(tl *timeline.Timeline, id int64, p fyne.Position, tol float32) bool {
	for _, d := range tl.Drawn() {
		r := d.Shape
		if d.ID == id && p.X >= r.X0-tol && p.X <= r.X1+tol && p.Y >= r.Y0-tol && p.Y <= r.Y1+tol {
			return true
		}
	}
	return false
}

// TestArcJoinsItsEvents: with the selected event's links drawn, an arc
// runs from its From event to its To event, with its arrowhead at To
// (pointing at it) and none for an undirected link.
func TestArcJoinsItsEvents(t *testing.T) {
	test.NewTempApp(t)
	tl, _ := newLinkedFixture(t, fyne.NewSize(1600, 1000))
	tl.ShowRange(zoomLevels[1].from, zoomLevels[1].to)
	byID := map[int64]timeline.Link{}
	for _, l := range fixtureLinks() {
		byID[l.ID] = l
	}
	tl.SetLinksShown(timeline.LinksInView)
	seen := 0
	for _, d := range tl.DrawnLinks() {
		l := byID[d.ID]
		if d.Edge != "" {
			continue
		}
		seen++
		first, last := d.Points[0], d.Points[len(d.Points)-1]
		if !endNear(tl, l.From, first, 3) || !endNear(tl, l.To, last, 3) {
			t.Errorf("link %d runs from %v to %v, not from event %d to event %d", d.ID, first, last, l.From, l.To)
		}
		tip := d.Head[0][0]
		switch {
		case !l.Directed && d.Head != [2][2]fyne.Position{}:
			t.Errorf("undirected link %d has an arrowhead %v", d.ID, d.Head)
		case l.Directed && (tip != last || d.Head[1][0] != last):
			t.Errorf("link %d: arrowhead at %v, want at its To end %v", d.ID, tip, last)
		case l.Directed:
			// The strokes run back from the tip, along the curve's end.
			prev := d.Points[len(d.Points)-2]
			for _, h := range d.Head {
				back := fyne.NewPos(h[1].X-tip.X, h[1].Y-tip.Y)
				dir := fyne.NewPos(prev.X-tip.X, prev.Y-tip.Y)
				if back.X*dir.X+back.Y*dir.Y <= 0 {
					t.Errorf("link %d: an arrowhead stroke %v points away from the curve", d.ID, h)
				}
			}
		}
	}
	if seen < 5 {
		t.Errorf("%d arcs between two drawn events, want at least 5", seen)
	}
}

// TestLinksOfSelected: by default only the selected event's links are
// drawn, an end out of view with its title at the edge; none without a
// selection.
func TestLinksOfSelected(t *testing.T) {
	test.NewTempApp(t)
	tl, _ := newLinkedFixture(t, fyne.NewSize(1280, 800))
	tl.ShowRange(zoomLevels[1].from, zoomLevels[1].to)
	if got := tl.LinksShown(); got != timeline.LinksOfSelected {
		t.Errorf("LinksShown() = %v, want LinksOfSelected", got)
	}
	if got := linkIDs(tl); len(got) != 0 {
		t.Errorf("without a selection %v are drawn, want none", got)
	}
	tl.Select(5) // the FBI's finding: 101, 104 and 108 (from the breach, before the week)
	if got, want := linkIDs(tl), []int64{101, 104, 108}; !slices.Equal(got, want) {
		t.Errorf("links of event 5 drawn: %v, want %v", got, want)
	}
	for _, d := range tl.DrawnLinks() {
		if d.ID != 108 {
			if d.Edge != "" {
				t.Errorf("link %d has an edge title %q, though both its ends are drawn", d.ID, d.Edge)
			}
			continue
		}
		// Event 1 ends before the view: its title stands at the left edge.
		if title := "Sony breached, data leaked"; d.Edge == "" || !strings.HasPrefix(title, strings.TrimSuffix(d.Edge, "…")) {
			t.Errorf("link 108's edge title is %q, want %q", d.Edge, title)
		}
		if x := tl.XOf(tl.Viewport().Start); d.EdgeBox.X0 < x || d.EdgeBox.X0 > x+8 {
			t.Errorf("link 108's edge title is at x %v, want at the left edge %v", d.EdgeBox.X0, x)
		}
		if p := d.Points[0]; p.X < d.EdgeBox.X1 || p.X > d.EdgeBox.X1+3 || p.Y < d.EdgeBox.Y0 || p.Y > d.EdgeBox.Y1 {
			t.Errorf("link 108 starts at %v, not at its edge title %+v", p, d.EdgeBox)
		}
		if !endNear(tl, 5, d.Points[len(d.Points)-1], 3) {
			t.Errorf("link 108 ends at %v, not at event 5", d.Points[len(d.Points)-1])
		}
		if len(drawnTexts(tl, textsEqual(d.Edge))) != 1 {
			t.Errorf("the edge title %q is not drawn", d.Edge)
		}
	}
	// Out of view, the selection's links still reach the edge.
	tl.ShowRange(t14(time.December, 10, 0, 0), t14(time.December, 18, 0, 0))
	tl.Select(5)
	if got := linkIDs(tl); !slices.Contains(got, 108) {
		t.Errorf("with event 5 out of view, links %v are drawn, want 108 to its edge", got)
	}
}

// TestLinksNoneAndSelectLink: LinksNone draws nothing but the link chosen
// with SelectLink, drawn selected; 0 clears it.
func TestLinksNoneAndSelectLink(t *testing.T) {
	test.NewTempApp(t)
	tl, _ := newLinkedFixture(t, fyne.NewSize(1280, 800))
	tl.ShowRange(zoomLevels[1].from, zoomLevels[1].to)
	tl.Select(5)
	tl.SetLinksShown(timeline.LinksNone)
	if got := linkIDs(tl); len(got) != 0 {
		t.Errorf("LinksNone draws %v", got)
	}
	tl.SelectLink(102)
	got := tl.DrawnLinks()
	if len(got) != 1 || got[0].ID != 102 || !got[0].Selected {
		t.Errorf("after SelectLink(102) with LinksNone: %+v, want 102 alone, selected", got)
	}
	tl.SelectLink(0)
	if got := linkIDs(tl); len(got) != 0 {
		t.Errorf("SelectLink(0) left %v drawn", got)
	}
	// Presenting draws the selected event's links whatever the mode.
	tl.SetPresenting(true)
	if got, want := linkIDs(tl), []int64{101, 104, 108}; !slices.Equal(got, want) {
		t.Errorf("presenting event 5 draws %v, want %v", got, want)
	}
}

// arcSpot returns a point in the middle of an unfaded segment of link id
// where no event is, for the pointer.
func arcSpot(t *testing.T, tl *timeline.Timeline, id int64) fyne.Position {
	t.Helper()
	for _, d := range tl.DrawnLinks() {
		if d.ID != id {
			continue
		}
		for s, faded := range d.Faded {
			p := fyne.NewPos((d.Points[s].X+d.Points[s+1].X)/2, (d.Points[s].Y+d.Points[s+1].Y)/2)
			if _, ok := tl.ItemAt(p); !faded && !ok && len(drawnAt(tl, p)) == 0 {
				return p
			}
		}
	}
	t.Fatalf("no free spot on link %d", id)
	return fyne.Position{}
}

// TestHoverAndClickAnArc: hovering an arc shows its kind, certainty and
// note; a click selects it through OnLinkSelected and draws it selected;
// a click on an event where an arc meets it selects the event.
func TestHoverAndClickAnArc(t *testing.T) {
	test.NewTempApp(t)
	tl, w := newLinkedFixture(t, fyne.NewSize(1280, 800))
	tl.ShowRange(zoomLevels[1].from, zoomLevels[1].to)
	tl.SetLinksShown(timeline.LinksInView)
	p := arcSpot(t, tl, 103)
	test.MoveMouse(w.Canvas(), p)
	if len(drawnTexts(tl, textsEqual("Led to"))) != 1 {
		t.Errorf("hovering link 103 shows no tooltip with its kind")
	}
	if len(drawnTexts(tl, textsEqual("claimed · North Korea's claim; nobody established it"))) != 1 {
		t.Errorf("hovering link 103 shows no tooltip with its certainty and note")
	}
	var links, events []int64
	tl.OnLinkSelected = func(id int64) { links = append(links, id) }
	tl.OnSelected = func(id int64) { events = append(events, id) }
	test.TapCanvas(w.Canvas(), p)
	if !slices.Equal(links, []int64{103}) || len(events) != 0 {
		t.Errorf("a click on link 103: OnLinkSelected got %v, OnSelected %v", links, events)
	}
	if tl.SelectedLink() != 103 {
		t.Errorf("SelectedLink() = %d after the click, want 103", tl.SelectedLink())
	}
	for _, d := range tl.DrawnLinks() {
		if d.Selected != (d.ID == 103) {
			t.Errorf("link %d drawn selected: %v", d.ID, d.Selected)
		}
	}
	test.MoveMouse(w.Canvas(), emptySpot(t, tl))
	if len(drawnTexts(tl, textsEqual("Led to"))) != 0 {
		t.Errorf("the arc's tooltip stays after the pointer left")
	}
	// The end of an arc lies on its event: a click there selects the event.
	for _, d := range tl.DrawnLinks() {
		if d.ID == 103 {
			test.TapCanvas(w.Canvas(), d.Points[len(d.Points)-1])
		}
	}
	if !slices.Equal(events, []int64{10}) || len(links) != 1 {
		t.Errorf("a click where link 103 meets event 10: OnSelected got %v, OnLinkSelected %v", events, links)
	}
	if tl.SelectedLink() != 0 {
		t.Errorf("selecting an event kept link %d selected", tl.SelectedLink())
	}
}

// TestMemoryLinks: each link with an end among the ids comes once.
func TestMemoryLinks(t *testing.T) {
	ml := timeline.NewMemoryLinks(fixtureLinks())
	got := ml.Links(nil, []int64{10, 5, 14})
	var ids []int64
	for _, l := range got {
		ids = append(ids, l.ID)
	}
	if want := []int64{101, 102, 103, 104, 105, 106, 108, 110}; !slices.Equal(ids, want) {
		t.Errorf("Links(10, 5, 14) = %v, want %v", ids, want)
	}
	if got := ml.Links(got[:1], []int64{99}); len(got) != 1 || got[0].ID != 101 {
		t.Errorf("Links of an unlinked id changed dst: %v", got)
	}
}

func TestGoldenLinks(t *testing.T) {
	for _, th := range []struct {
		name string
		th   func() fyne.Theme
	}{{"light", lightTheme}, {"dark", darkTheme}} {
		t.Run(th.name, func(t *testing.T) {
			test.NewTempApp(t)
			test.ApplyTheme(t, th.th())
			tl, w := newLinkedFixture(t, fyne.NewSize(960, 520))
			tl.ShowRange(zoomLevels[1].from, zoomLevels[1].to)
			tl.Select(5)
			test.AssertRendersToImage(t, "links_selected_"+th.name+".png", w.Canvas())
			tl.SetLinksShown(timeline.LinksInView)
			tl.SelectLink(103)
			test.AssertRendersToImage(t, "links_inview_"+th.name+".png", w.Canvas())
		})
	}
}

// TestLegendLinks: the legend shows the link colours only when asked.
func TestLegendLinks(t *testing.T) {
	test.NewTempApp(t)
	l := timeline.NewLegend()
	w := test.NewTempWindow(t, l)
	captions := func() []string {
		var out []string
		for _, o := range test.WidgetRenderer(l).Objects() {
			if tx, ok := o.(*canvas.Text); ok && tx.Visible() {
				out = append(out, tx.Text)
			}
		}
		return out
	}
	w.Resize(l.MinSize())
	if got := captions(); slices.Contains(got, "contradicts") {
		t.Errorf("the legend shows link colours without Links: %v", got)
	}
	narrow := l.MinSize().Width
	l.Links = true
	l.Refresh()
	w.Resize(l.MinSize())
	for _, c := range []string{"responds to", "confirms", "contradicts", "led to", "disputed"} {
		if !slices.Contains(captions(), c) {
			t.Errorf("legend with Links lacks %q (has %v)", c, captions())
		}
	}
	if l.MinSize().Width <= narrow {
		t.Errorf("the legend with links is no wider (%v) than without (%v)", l.MinSize().Width, narrow)
	}
	test.ApplyTheme(t, lightTheme())
	test.AssertRendersToImage(t, "legend_links_light.png", w.Canvas())
}
