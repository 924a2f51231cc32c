package timeline

import (
	"cmp"
	"image/color"
	"math"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Budgets of one frame. The renderer's pools are sized from these, so the
// canvas objects stay bounded whatever the data.
const (
	// itemBudget is the most items asked of the Source per view.
	itemBudget = 1200
	// maxCopies is the most item copies (shape and label) drawn per frame;
	// beyond it the least important placed copies join the badges. With
	// maxThumbs it keeps the renderer within MaxObjects ≤ 1,500.
	maxCopies = 330
	// maxBadges is the most count badges per frame; buckets widen until
	// the badges fit.
	maxBadges = 64
	// maxLanesShown is the most lanes on screen at once.
	maxLanesShown = 48
	// maxEras is the most era bands drawn.
	maxEras = 16
	// maxTicks is the most axis labels and grid lines drawn.
	maxTicks = 64
)

// metrics are the sizes of one layout, derived from the theme's text size.
type metrics struct {
	text, caption float32
	pad           float32
	rowH, barH    float32
	markerD       float32
	markD         float32 // a compact mark's dot (an event titled in another lane)
	markH         float32 // a row of compact dots
	bandH         float32 // a row of compact bands and bars (3 units tall)
	badgeH        float32
	lanePad       float32
	majorH, axisH float32
	eraH          float32
	overviewH     float32
	minLabelPx    float32 // minor tick spacing
	maxLabelPx    float32 // longest item label
	bucketPx      float32 // badge bucket width
	thumbW        float32 // a thumbnail beside a title (see SetThumbnails)
	thumbH        float32

	label, bold, small *measurer
}

// newMetrics returns the metrics of theme th.
func newMetrics(th fyne.Theme) *metrics {
	text := th.Size(theme.SizeNameText)
	caption := th.Size(theme.SizeNameCaptionText)
	m := &metrics{
		text:    text,
		caption: caption,
		pad:     th.Size(theme.SizeNamePadding),
		label:   newMeasurer(text, fyne.TextStyle{}),
		bold:    newMeasurer(text, fyne.TextStyle{Bold: true}),
		small:   newMeasurer(caption, fyne.TextStyle{}),
	}
	lineH := m.label.height
	m.rowH = float32(math.Ceil(float64(lineH + 1)))
	m.barH = m.rowH - 4
	m.markerD = float32(math.Round(float64(m.barH * 0.7)))
	m.markD = float32(math.Round(float64(m.markerD * 0.7)))
	m.markH = m.markD + 4
	m.bandH = 5
	m.badgeH = float32(math.Ceil(float64(m.small.height + 1)))
	m.lanePad = 2
	m.majorH = float32(math.Ceil(float64(m.bold.height + 2)))
	m.axisH = m.majorH + float32(math.Ceil(float64(m.small.height+4)))
	m.eraH = float32(math.Ceil(float64(m.small.height + 3)))
	m.overviewH = float32(math.Ceil(float64(lineH * 1.5)))
	m.minLabelPx = m.small.width("00:00 CEST") + 2*m.pad
	m.maxLabelPx = float32(math.Round(float64(text * 16)))
	m.bucketPx = m.small.width("+9999") + 4*m.pad
	m.thumbH = m.rowH - 2
	m.thumbW = float32(math.Round(float64(m.thumbH * 4 / 3)))
	return m
}

// laneBox is one lane (or the single track). It is as tall as the rows its
// events need at this zoom: title rows (rowH), then rows of compact marks
// (markH), then a strip for count badges when some copies found no row.
type laneBox struct {
	lane   int // index into Timeline.lanes; -1 for the unnamed single track
	y0, y1 float32
	rows   int  // title rows (at least one: the lane's name stands in it)
	marks  int  // rows of compact dots below the title rows
	bands  int  // rows of compact bands and bars below those
	strip  bool // a badge strip at the bottom
	shown  bool // some of it is on screen
}

// rowY returns the top and height of row r of the lane: title rows first,
// then mark rows.
func (b *laneBox) rowY(m *metrics, r int) (y, h float32) {
	y = b.y0 + m.lanePad
	switch {
	case r < b.rows:
		return y + float32(r)*m.rowH, m.rowH
	case r < b.rows+b.marks:
		return y + float32(b.rows)*m.rowH + float32(r-b.rows)*m.markH, m.markH
	}
	return y + float32(b.rows)*m.rowH + float32(b.marks)*m.markH + float32(r-b.rows-b.marks)*m.bandH, m.bandH
}

// height returns the lane's natural height.
func (b *laneBox) height(m *metrics) float32 {
	h := 2*m.lanePad + float32(max(b.rows, 1))*m.rowH + float32(b.marks)*m.markH + float32(b.bands)*m.bandH
	if b.strip {
		h += m.badgeH + m.lanePad
	}
	return h
}

// copyBox is one drawn copy of an item: in each of its lanes, an item has one.
type copyBox struct {
	item      int32 // index into frame.items
	lane      int32 // index into frame.lanes
	colorLane int   // index into Timeline.lanes of its colour, -1 for none
	kind      shapeKind
	mark      bool // a compact mark: the event's title is in its lead lane
	// scrolledOut is set for a copy that has a row but lies out of the
	// lane area, which leaves it without one (row is Overflow) too.
	scrolledOut bool
	row         int
	x0, x1      float32 // the shape, widget coordinates, unclamped
	y, h        float32 // the row's top and height
	label       string
	lx, lw      float32 // the label's left and width, its thumbnail's room included
	thumb       float32 // the room a thumbnail takes at the label's left, 0 for none
	inside      bool    // the label lies on the shape
	imp         int
}

// badgeBox is a count badge standing for hidden items.
type badgeBox struct {
	lane     int32 // index into frame.lanes
	x, y, w  float32
	text     string
	from, to float64 // the time range a click zooms to
}

// eraBox is an era band in view.
type eraBox struct {
	era    int // index into Timeline.eras
	x0, x1 float32
	title  string
}

// target is what a hit rectangle stands for.
type target struct {
	copy, badge int32 // one of them is -1
}

// queryKey identifies the inputs of one Items call.
type queryKey struct {
	vp       Viewport
	srcGen   uint64
	lanesGen uint64
	single   bool
	moveBy   float64 // the shift of the event being dragged
	markGen  uint64  // the marks, which a crowded view adds
}

// layoutKey identifies the inputs of one layout.
type layoutKey struct {
	q         queryKey
	size      fyne.Size
	m         *metrics
	loc       *time.Location
	erasGen   uint64
	markGen   uint64
	selected  int64
	hasSel    bool
	scroll    float32
	thumbsGen uint64
}

// overviewKey identifies the inputs of the overview's density.
type overviewKey struct {
	srcGen, lanesGen uint64
	single           bool
	width            float32
}

// frame is the laid-out timeline: where every lane, item, badge, era and
// tick goes for the current view and size. The widget computes it once per
// view change; the renderer copies it onto pooled canvas objects, and
// hit-testing reads it.
type frame struct {
	lkey layoutKey
	qkey queryKey
	okey overviewKey
	m    *metrics

	size                 fyne.Size
	plotX, plotW         float32
	lanesTop, lanesBot   float32
	contentH             float32
	scroll               float32 // the lanes' scroll offset of this frame
	headerW              float32
	eraTop               float32
	vp                   Viewport
	axis                 Axis
	lanes                []laneBox
	items                []Item
	total                int
	queries              int // Items calls so far, for tests
	complete             bool
	copies               []copyBox
	badges               []badgeBox
	eras                 []eraBox
	hits                 []Rect
	targets              []target
	hiddenCopies         int // copies folded into badges
	ovFrom, ovTo, ovPP   float64
	ovY                  float32
	density              []int
	densityGen           uint64
	boundsOK             bool
	boundsFrom, boundsTo float64
	boundsLabel          string

	// What the last frame's lanes were, to keep one in place when lane
	// heights change (see anchor).
	prevH   []float32 // each lane's height in the last frame
	prevY0  []float32 // each lane's top in the last frame
	prevGen uint64    // lanesGen of prevH
	// uniform is set when the view holds more events than the source
	// returned: the lanes then share the area evenly (a summary of a
	// crowded view, with badges from the source's density), and only the
	// lanes on screen (shownIDs) are asked for.
	uniform  bool
	shownIDs []int64
	heights  []float32 // each lane's height in this frame

	// The link arcs of this frame (see arcs.go), laid out again when
	// the copies moved (layoutGen) or the links asked for changed.
	layoutGen  uint64
	akey       arcKey
	arcs       []arcBox
	arcPts     []fyne.Position
	arcFaded   []bool          // per point of arcPts: the segment from it is faded
	copyOf     map[int64]int32 // item id → the drawn copy arcs join
	linkIDs    []int64
	links      []Link
	obstacles  []Rect // titles and edge boxes, sorted by top
	shapeRects []Rect // the shapes drawn, sorted by top

	// scratch
	occ       [][]ival      // per title row of a lane, what its titles cover
	markEnd   []float32     // per mark row, where its last mark ends
	laneOf    map[int64]int // lane id → index into Timeline.lanes
	perLane   [][]int32     // copy indices per lane box
	spans     []Span
	rows      []int
	packer    Packer
	raw       []Badge
	counts    []int
	filter    []int64
	sel       []int32 // copy indices being packed
	thumbed   []bool  // per item, its title gets a thumbnail (see pickThumbs)
	order     []int32
	bigBadges map[int]string
	fine      []fineCounts // per lane box, this frame's density
}

// inOverview reports whether widget y lies in the overview strip.
func (f *frame) inOverview(y float32) bool {
	return f.m != nil && f.m.overviewH > 0 && y >= f.ovY
}

// laneFilter returns the lane ids to ask the source for: every lane
// shown, or nil without lanes (every event). Every lane is asked for, not
// only those on screen, because a lane's height depends on its events.
func (f *frame) laneFilter(t *Timeline) []int64 {
	if len(t.lanes) == 0 {
		return nil
	}
	f.filter = f.filter[:0]
	for _, l := range t.lanes {
		f.filter = append(f.filter, l.ID)
	}
	return f.filter
}

// query asks the source for the items of the view, with room on the left
// for markers centred just outside it.
// lanes are the ids of the lanes asked for (nil for every event).
func (f *frame) query(t *Timeline, lanes []int64) {
	f.items, f.total = f.items[:0], 0
	if t.src == nil {
		f.complete = true
		return
	}
	from := f.vp.Start - float64(f.m.markerD)*f.vp.PerPixel
	f.items, f.total = t.src.Items(f.items[:0], from, f.vp.End(), lanes, itemBudget)
	f.queries++
	f.complete = f.total <= len(f.items)
	if !f.complete && len(t.marked) > 0 {
		f.addMarked(t, from, f.vp.End(), lanes)
	}
	if t.moving && t.selOK {
		f.shiftMoving(t)
	}
}

// maxMarkedAdded bounds the marked items a frame adds to what the source
// returned.
const maxMarkedAdded = 2000

// addMarked adds the marked items (search hits) of the view that the
// source left out because the view holds more than the item budget, so
// that a hit is never missing from a crowded view; marks are placed with
// the most important items.
func (f *frame) addMarked(t *Timeline, from, to float64, lanes []int64) {
	have := make(map[int64]bool, len(f.items))
	for _, it := range f.items {
		have[it.ID] = true
	}
	added := 0
	for id := range t.marked {
		if have[id] || added == maxMarkedAdded {
			continue
		}
		it, ok := t.src.Item(id)
		if !ok || !(it.Start < to && (it.Stop > from || it.Start >= from)) {
			continue
		}
		if lanes != nil && !slices.ContainsFunc(it.Lanes, func(l int64) bool { return slices.Contains(lanes, l) }) {
			continue
		}
		f.items = append(f.items, it)
		added++
	}
	if added > 0 {
		slices.SortFunc(f.items, func(a, b Item) int {
			return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.ID, b.ID))
		})
	}
}

// shiftMoving draws the event being dragged where it would go: shifted,
// and added when it came from out of view.
func (f *frame) shiftMoving(t *Timeline) {
	it := t.selItem
	it.Start += t.moveBy
	it.Stop += t.moveBy
	f.items = slices.DeleteFunc(f.items, func(o Item) bool { return o.ID == it.ID })
	// Keep the source's order, by (Start, ID).
	at, _ := slices.BinarySearchFunc(f.items, it, func(a, b Item) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.ID, b.ID))
	})
	f.items = slices.Insert(f.items, at, it)
}

// overview refreshes the density of the whole chronology when the source,
// the lanes or the width changed.
func (f *frame) overview(t *Timeline) {
	k := overviewKey{srcGen: t.srcGen, lanesGen: t.lanesGen, single: t.single, width: f.plotW}
	if k == f.okey {
		return
	}
	f.okey = k
	f.densityGen++
	f.density = f.density[:0]
	f.boundsOK = false
	f.boundsLabel = ""
	if t.src == nil {
		return
	}
	from, to, ok := t.src.Bounds()
	if !ok || !(from <= to) {
		return
	}
	f.boundsOK, f.boundsFrom, f.boundsTo = true, from, to
	span := max(to-from, 60)
	f.ovFrom = max(from-span*0.03, MinTime)
	f.ovTo = min(to+span*0.03, MaxTime)
	f.ovPP = (f.ovTo - f.ovFrom) / float64(f.plotW)
	buckets := max(int(f.plotW/2), 1)
	f.density = t.src.Density(f.density[:0], f.ovFrom, f.ovTo, buckets, f.laneFilter(t))
	a, b := CivilAt(from, t.loc).Year, CivilAt(math.Nextafter(to, math.Inf(-1)), t.loc).Year
	f.boundsLabel = YearLabel(a)
	if b != a {
		f.boundsLabel += " – " + YearLabel(b)
	}
}

// layoutEras places the era bands in view.
func (f *frame) layoutEras(t *Timeline) {
	f.eras = f.eras[:0]
	end := f.vp.End()
	for i, e := range t.eras {
		if len(f.eras) >= maxEras {
			break
		}
		if !(e.Start < end && e.Stop > f.vp.Start) {
			continue
		}
		x0 := max(f.vp.TimeToX(e.Start), 0) + f.plotX
		x1 := min(f.vp.TimeToX(e.Stop), f.plotW) + f.plotX
		if x1-x0 < 1 {
			continue
		}
		title, _ := f.m.small.fit(e.Title, x1-x0-2*f.m.pad)
		f.eras = append(f.eras, eraBox{era: i, x0: x0, x1: x1, title: title})
	}
}

// laneColor returns the raw colour of lane l (a palette colour when unset,
// the theme's primary colour for -1).
func laneColor(t *Timeline, l int, c colors) color.NRGBA {
	if l < 0 || l >= len(t.lanes) {
		return c.primary
	}
	if col := t.lanes[l].Color; col != nil {
		return toNRGBA(col)
	}
	return palette[l%len(palette)]
}
