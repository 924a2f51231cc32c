package timeline

import (
	"cmp"
	"math"
	"slices"

	"fyne.io/fyne/v2"
)

// Placement: how the events of a view become rows of titles and marks.
//
// Each event is drawn once with its title, in its lead lane (the first of
// its lanes that is shown); in each of its other lanes it gets a compact
// mark, joined to the titled copy when either is hovered or selected
// (Timeline.SetTitleInEveryLane titles every copy instead). Each lane is
// packed on its own: titles first, most important first, into as many
// rows as a readable layout allows (titleRows); titles then run up to the
// next title of their row; compact marks fill the room the titles leave,
// then thin rows of their own. A lane is as tall as those rows, so the
// lanes together may be taller than the widget, which then scrolls them.
// Only what finds no row at all becomes a count badge.

// Row limits of one lane.
const (
	// maxTitleRows is the most title rows a lane gets, however tall the
	// widget: past it a lane is a wall of text, and its events are better
	// read zoomed in.
	maxTitleRows = 12
	// minTitleRows is the fewest title rows a lane may use before titles
	// give way to badges, however many lanes share the height.
	minTitleRows = 3
	// maxSingleRows is the most rows of the single track.
	maxSingleRows = 60
)

// titleRows returns how many title rows each lane may use: about three
// screens' worth of rows shared among the lanes, within the limits above.
func (f *frame) titleRows(t *Timeline) int {
	m := f.m
	area := f.lanesBot - f.lanesTop
	areaRows := max(int(area/m.rowH), 1)
	if f.uniform {
		n := len(f.lanes)
		return max(int((area/float32(n)-3*m.lanePad-m.badgeH)/m.rowH), 1)
	}
	if t.presenting {
		// On the projector the track fits the screen: no scrolling in
		// front of a class; what has no room for its title is a mark.
		return max(int((area-2*m.lanePad-2*m.markH-2*m.bandH)/m.rowH), 1)
	}
	if t.single || len(t.lanes) == 0 {
		return min(max(2*areaRows, 6), maxSingleRows)
	}
	n := len(t.lanes)
	return min(max((3*areaRows+n/2)/n, minTitleRows), maxTitleRows)
}

// frameBox lays out what does not depend on the events: the lane column's
// width, the plot, the axis, the lane area and the overview, and one lane
// box per lane comes from resetLanes, and heights from stackLanes.
func (f *frame) frameBox(t *Timeline, size fyne.Size, m *metrics) {
	f.m, f.size = m, size
	f.headerW = 0
	if len(t.lanes) > 0 && !(t.single && t.presenting) {
		w := float32(0)
		font := m.label
		if t.single {
			font = m.small // the colour key is set in caption type
		}
		for _, l := range t.lanes {
			w = max(w, font.width(l.Name))
		}
		// Room for the longest name, up to a quarter of the widget (and
		// 280 units); a longer name is shortened, whole on hover.
		f.headerW = min(max(w+m.markerD+5*m.pad, 96), 280, float32(math.Floor(float64(size.Width/4))))
	}
	f.plotX = f.headerW
	f.plotW = max(size.Width-f.headerW, 1)

	ovH := m.overviewH
	f.eraTop = m.axisH
	f.lanesTop = m.axisH
	if len(t.eras) > 0 {
		f.lanesTop += m.eraH
	}
	minLane := m.rowH + 2*m.lanePad
	if size.Height-f.lanesTop-ovH-m.pad < minLane {
		ovH = 0 // too short for an overview: lanes first
	}
	f.ovY = size.Height - ovH
	f.lanesBot = max(f.ovY-m.pad*boolF(ovH > 0), f.lanesTop+1)

}

// resetLanes makes one lane box per lane shown (one for the single
// track), each one row tall until packed.
func (f *frame) resetLanes(t *Timeline) {
	n := 1
	if !t.single && len(t.lanes) > 0 {
		n = len(t.lanes)
	}
	f.lanes = f.lanes[:0]
	for i := range n {
		lane := i
		if n == 1 && (t.single || len(t.lanes) == 0) {
			lane = -1
		}
		f.lanes = append(f.lanes, laneBox{lane: lane, rows: 1})
	}
}

// boolF returns 1 for true.
func boolF(b bool) float32 {
	if b {
		return 1
	}
	return 0
}

// stackLanes gives each lane the height of its rows, spreads what is left
// of the lane area among them, and places them under the scroll offset.
// When heights change (a zoom), the anchor lane (the one under the
// pointer, else the top one) keeps its place on screen.
func (f *frame) stackLanes(t *Timeline) {
	m := f.m
	area := f.lanesBot - f.lanesTop
	f.heights = f.heights[:0]
	total := float32(0)
	for i := range f.lanes {
		h := f.lanes[i].height(m)
		f.heights = append(f.heights, h)
		total += h
	}
	if total < area && len(f.lanes) > 0 {
		extra := float32(math.Floor(float64((area - total) / float32(len(f.lanes)))))
		for i := range f.heights {
			f.heights[i] += extra
		}
		total += extra * float32(len(f.lanes))
	}
	f.contentH = total
	if f.prevGen == t.lanesGen && len(f.prevH) == len(f.heights) && !slices.Equal(f.prevH, f.heights) {
		lane, y0 := f.anchor(t)
		off := float32(0)
		for _, h := range f.heights[:lane] {
			off += h
		}
		t.laneScroll = off - (y0 - f.lanesTop)
	}
	t.laneScroll = min(max(t.laneScroll, 0), max(total-area, 0))
	f.scroll = t.laneScroll
	y := f.lanesTop - t.laneScroll
	for i := range f.lanes {
		b := &f.lanes[i]
		b.y0, b.y1 = y, y+f.heights[i]
		y = b.y1
		b.shown = b.y1 > f.lanesTop+0.5 && b.y0 < f.lanesBot-0.5
	}
}

// keepAnchor remembers the lane heights and tops of this frame, from which
// the next one finds the lane to keep in place.
func (f *frame) keepAnchor(t *Timeline) {
	f.prevH = append(f.prevH[:0], f.heights...)
	f.prevY0 = f.prevY0[:0]
	for _, b := range f.lanes {
		f.prevY0 = append(f.prevY0, b.y0)
	}
	f.prevGen = t.lanesGen
}

// anchor returns the lane to keep in place, from the last frame: the one
// under the pointer, else the top one on screen; and the top it had.
func (f *frame) anchor(t *Timeline) (lane int, y0 float32) {
	if t.pointerIn && t.pointer.Y >= f.lanesTop && t.pointer.Y < f.lanesBot {
		for i, y := range f.prevY0 {
			if t.pointer.Y >= y && t.pointer.Y < y+f.prevH[i] {
				return i, y
			}
		}
	}
	for i, y := range f.prevY0 {
		if y+f.prevH[i] > f.lanesTop+0.5 {
			return i, y
		}
	}
	return 0, f.lanesTop
}

// build recomputes the frame when its inputs changed: it queries the
// source at most once per view change, then packs, stacks, clusters and
// lays out.
func (f *frame) build(t *Timeline, size fyne.Size, m *metrics) {
	f.frameBox(t, size, m)
	t.syncWidth(f.plotW)
	f.vp = t.vp

	q := queryKey{vp: f.vp, srcGen: t.srcGen, lanesGen: t.lanesGen, single: t.single}
	if t.moving {
		q.moveBy = t.moveBy
	}
	if len(t.marked) > 0 {
		q.markGen = t.markGen
	}
	lk := layoutKey{q: q, size: size, m: m, loc: t.loc, erasGen: t.erasGen, markGen: t.markGen, selected: t.sel, hasSel: t.hasSel,
		scroll: t.laneScroll, thumbsGen: t.thumbsGen}
	if lk == f.lkey && f.lkey.m != nil {
		if f.layoutArcs(t) {
			t.hoverArc = t.underArc()
		}
		return
	}
	f.axis.Update(f.vp, t.loc, m.minLabelPx)
	f.overview(t)
	f.layoutEras(t)
	if q != f.qkey {
		f.qkey = q
		f.query(t, f.laneFilter(t))
		f.uniform, f.shownIDs = !f.complete, f.shownIDs[:0]
	}
	f.place(t)
	f.lkey = lk
	f.lkey.scroll = t.laneScroll // as clamped and anchored
	f.keepAnchor(t)
	f.layoutGen++
	f.layoutArcs(t)
	// Copies moved: what is under the pointer now is hovered.
	t.hoverCopy, t.hoverBadge = t.under()
	t.hoverArc = t.underArc()
}

// place lays out the items: one titled copy of each in its lead lane and
// a compact mark in each other lane, packed into rows by importance; the
// lanes are then stacked, and what found no row becomes count badges.
func (f *frame) place(t *Timeline) {
	m := f.m
	f.resetLanes(t)
	f.copies, f.badges = f.copies[:0], f.badges[:0]
	f.hits, f.targets = f.hits[:0], f.targets[:0]
	f.hiddenCopies = 0
	if cap(f.perLane) < len(f.lanes) {
		f.perLane = make([][]int32, len(f.lanes))
	}
	f.perLane = f.perLane[:len(f.lanes)]
	for i := range f.perLane {
		f.perLane[i] = f.perLane[i][:0]
	}
	if f.laneOf == nil {
		f.laneOf = make(map[int64]int)
	}
	clear(f.laneOf)
	for i, l := range t.lanes {
		if _, dup := f.laneOf[l.ID]; !dup {
			f.laneOf[l.ID] = i
		}
	}
	oneTrack := t.single || len(t.lanes) == 0
	titles := f.titleRows(t)
	if f.uniform && !oneTrack {
		// Ask for the lanes on screen only, so that the item budget goes
		// to what is seen.
		for i := range f.lanes {
			f.lanes[i].rows, f.lanes[i].strip = titles, true
		}
		f.stackLanes(t)
		f.filter = f.filter[:0]
		for _, b := range f.lanes {
			if b.shown {
				f.filter = append(f.filter, t.lanes[b.lane].ID)
			}
		}
		if !slices.Equal(f.filter, f.shownIDs) {
			f.shownIDs = append(f.shownIDs[:0], f.filter...)
			f.query(t, f.shownIDs)
		}
	}
	f.pickThumbs(t) // after the query: it may ask again for the lanes on screen
	for i := range f.items {
		it := &f.items[i]
		if oneTrack {
			cl := -1
			for _, id := range it.Lanes {
				if l, ok := f.laneOf[id]; ok {
					cl = l
					break
				}
			}
			f.addCopy(int32(i), 0, cl, false, t)
			continue
		}
		lead := true
		for j, id := range it.Lanes {
			l, ok := f.laneOf[id]
			if !ok || slices.Contains(it.Lanes[:j], id) {
				continue
			}
			if !f.uniform || f.lanes[l].shown {
				f.addCopy(int32(i), l, l, !lead && !t.everyLane, t)
			}
			lead = false
		}
	}

	marks := max(titles, minTitleRows)
	switch {
	case f.uniform:
		marks = 0
	case t.presenting:
		marks = 2
	}
	for {
		for b := range f.lanes {
			f.packLane(t, b, titles, marks)
			if f.uniform {
				f.lanes[b].rows, f.lanes[b].strip = titles, true
			}
		}
		f.stackLanes(t)
		// A picture cannot scroll: with SetFitLanes the lanes give up
		// rows, marks first (down to one row each, which overlapping
		// marks share), until they fit.
		if !t.fitLanes || f.contentH <= f.lanesBot-f.lanesTop+0.5 || titles <= 1 && marks <= 1 {
			break
		}
		if marks > 1 {
			marks--
		} else {
			titles--
		}
	}
	if f.capCopies() {
		f.stackLanes(t) // lanes whose copies were folded got a badge strip
	}
	f.cluster(t)

	// Final positions and hit rectangles: copies first, badges on top.
	for c := range f.copies {
		cp := &f.copies[c]
		if cp.row == Overflow {
			continue
		}
		lb := &f.lanes[cp.lane]
		cp.y, cp.h = lb.rowY(m, cp.row)
		if cp.y < f.lanesTop-0.5 || cp.y+cp.h > f.lanesBot+0.5 {
			cp.row, cp.scrolledOut = Overflow, true // out of the lane area
			continue
		}
		x0, x1 := cp.footprint()
		f.hits = append(f.hits, Rect{X0: max(x0, f.plotX), Y0: cp.y, X1: min(x1, f.plotX+f.plotW), Y1: cp.y + cp.h})
		f.targets = append(f.targets, target{copy: int32(c), badge: -1})
	}
	for b, bb := range f.badges {
		f.hits = append(f.hits, Rect{X0: bb.x, Y0: bb.y, X1: bb.x + bb.w, Y1: bb.y + m.badgeH})
		f.targets = append(f.targets, target{copy: -1, badge: int32(b)})
	}
}

// addCopy lays out one copy of item i in lane box b, coloured by lane cl:
// with its title, or a compact mark.
func (f *frame) addCopy(i int32, b, cl int, mark bool, t *Timeline) {
	it := &f.items[i]
	cp := copyBox{item: i, lane: int32(b), colorLane: cl, imp: clampImportance(it.Importance), row: Overflow}
	if (t.hasSel && it.ID == t.sel) || t.marked[it.ID] {
		cp.imp = 5 // the selection and marks are placed with the most important
	}
	f.shape(&cp, mark)
	if cp.x1 < f.plotX {
		return // wholly left of the view: only its label would show, cut
	}
	if !mark && f.thumbed[i] {
		cp.thumb = f.m.thumbW + f.m.pad
	}
	if !mark {
		f.layoutLabel(&cp, it.Title, false, t)
	}
	f.perLane[b] = append(f.perLane[b], int32(len(f.copies)))
	f.copies = append(f.copies, cp)
}

// shape sets the kind and pixels of cp's shape: a bar for a span, a soft
// band for a point event wider than a marker, else a marker (smaller for
// a compact mark).
func (f *frame) shape(cp *copyBox, mark bool) {
	m := f.m
	it := &f.items[cp.item]
	xs := f.vp.TimeToX(it.Start) + f.plotX
	xe := f.vp.TimeToX(it.Stop) + f.plotX
	d := m.markerD
	if mark {
		d = m.markD
	}
	cp.mark, cp.label, cp.lw, cp.inside = mark, "", 0, false
	if mark {
		cp.thumb = 0 // a mark has no title to stand beside
	}
	switch {
	case it.Span:
		cp.kind, cp.x0, cp.x1 = kindBar, xs, xe
		if w := xe - xs; w < 3 {
			mid := xs + w/2
			cp.x0, cp.x1 = mid-1.5, mid+1.5
		}
	case xe-xs >= d:
		cp.kind, cp.x0, cp.x1 = kindSoft, xs, xe
	default:
		mid := xs + (xe-xs)/2
		cp.kind, cp.x0, cp.x1 = kindMarker, mid-d/2, mid+d/2
	}
	cp.lx = cp.x1
}

// packLane gives rows to the copies of lane box b: titles in at most
// titles rows (again with shorter titles for those left out), titles
// lengthened into the room their row leaves, then compact marks in the
// title rows' gaps or in at most marks rows of their own.
func (f *frame) packLane(t *Timeline, b, titles, marks int) {
	lb := &f.lanes[b]
	lb.rows, lb.marks, lb.bands, lb.strip = 1, 0, 0, false
	idx := f.perLane[b]
	if len(idx) == 0 {
		return
	}
	f.packTitles(b, titles)
	again := false
	for _, c := range idx {
		cp := &f.copies[c]
		if cp.mark || cp.row != Overflow {
			continue
		}
		before := cp.lw
		f.layoutLabel(cp, f.items[cp.item].Title, true, t)
		again = again || cp.lw != before || cp.inside
	}
	if again {
		f.packTitles(b, titles)
	}
	if t.presenting {
		// On the projector an event without room for its title is still
		// shown, as a mark: badges would ask the class to zoom.
		for _, c := range idx {
			if cp := &f.copies[c]; !cp.mark && cp.row == Overflow {
				f.shape(cp, true)
			}
		}
	}
	used := 0
	for _, c := range idx {
		if cp := &f.copies[c]; !cp.mark && cp.row != Overflow {
			used = max(used, cp.row+1)
		}
	}
	lb.rows = max(used, 1)
	f.lengthenTitles(t, b)
	f.packMarks(t, b, marks)
	for _, c := range idx {
		cp := &f.copies[c]
		it := &f.items[cp.item]
		if cp.row == Overflow && it.Start < f.vp.End() && (it.Stop > f.vp.Start || cp.kind == kindMarker) {
			lb.strip = true
			break
		}
	}
}

// packTitles packs the titled copies of lane box b into at most rows rows.
func (f *frame) packTitles(b, rows int) {
	f.spans, f.sel = f.spans[:0], f.sel[:0]
	for _, c := range f.perLane[b] {
		cp := &f.copies[c]
		if cp.mark {
			continue
		}
		x0, x1 := cp.footprint()
		it := &f.items[cp.item]
		f.spans = append(f.spans, Span{X0: x0, X1: x1, Start: it.Start, End: it.Stop, Importance: cp.imp})
		f.sel = append(f.sel, c)
	}
	f.rows = f.packer.PackByImportance(f.rows[:0], f.spans, rows, 2*f.m.pad)
	for k, c := range f.sel {
		f.copies[c].row = f.rows[k]
	}
}

// lengthenTitles lets each shortened title that stands right of its shape
// run on to the next title of its row (or the view's edge), so a title is
// cut only where something else needs the room. It also fills f.occ with
// what the titles of each row cover, for packMarks.
func (f *frame) lengthenTitles(t *Timeline, b int) {
	m := f.m
	lb := &f.lanes[b]
	if cap(f.occ) < lb.rows {
		f.occ = make([][]ival, lb.rows)
	}
	f.occ = f.occ[:lb.rows]
	for r := range f.occ {
		f.occ[r] = f.occ[r][:0]
	}
	f.sel = f.sel[:0]
	for _, c := range f.perLane[b] {
		if cp := &f.copies[c]; !cp.mark && cp.row != Overflow {
			f.sel = append(f.sel, c)
		}
	}
	slices.SortFunc(f.sel, func(a, c int32) int {
		ca, cc := &f.copies[a], &f.copies[c]
		ax, _ := ca.footprint()
		cx, _ := cc.footprint()
		return cmp.Or(cmp.Compare(ca.row, cc.row), cmp.Compare(ax, cx))
	})
	right := f.plotX + f.plotW
	gap := 2 * m.pad
	for k, c := range f.sel {
		cp := &f.copies[c]
		limit := right
		if k+1 < len(f.sel) && f.copies[f.sel[k+1]].row == cp.row {
			nx, _ := f.copies[f.sel[k+1]].footprint()
			limit = nx - gap
		}
		title := f.items[cp.item].Title
		font := f.font(t, cp)
		if cp.label != "" && !cp.inside && cp.label != title {
			if cp.lx > cp.x0 && limit-cp.lx > cp.lw {
				cp.fit(font, title, limit-cp.lx)
			} else if cp.lx < cp.x0 {
				// A title left of its shape runs back to the one before.
				from := f.plotX
				if k > 0 && f.copies[f.sel[k-1]].row == cp.row {
					_, px := f.copies[f.sel[k-1]].footprint()
					from = px + gap
				}
				if end := cp.x0 - m.pad; end-from > cp.lw {
					cp.fit(font, title, end-from)
					cp.lx = end - cp.lw
				}
			}
		}
		x0, x1 := cp.footprint()
		f.occ[cp.row] = append(f.occ[cp.row], ival{x0, x1})
	}
}

// packMarks gives the compact marks of lane box b a row: a gap in a title
// row (top down), else the first of at most rows rows of their own where
// the mark before has ended, in x order. Dots come first, in rows of dots;
// bands and bars then, in thin rows of their own. It sets the lane's
// counts of those rows.
// While presenting, and in a picture (SetFitLanes), a mark that finds no
// room overlaps the last of its rows rather than become a badge.
func (f *frame) packMarks(t *Timeline, b, rows int) {
	lb := &f.lanes[b]
	overlap := t.presenting || t.fitLanes
	lb.marks = f.packMarkKind(b, rows, true, lb.rows, overlap)
	lb.bands = f.packMarkKind(b, rows, false, lb.rows+lb.marks, overlap)
}

// packMarkKind packs the dots (dots true) or the bands of lane box b;
// their own rows start at row first. It returns how many it used.
func (f *frame) packMarkKind(b, rows int, dots bool, first int, overlap bool) int {
	m := f.m
	lb := &f.lanes[b]
	gap := m.pad
	f.sel = f.sel[:0]
	for _, c := range f.perLane[b] {
		if cp := &f.copies[c]; cp.mark && (cp.kind == kindMarker) == dots {
			cp.row = Overflow
			f.sel = append(f.sel, c)
		}
	}
	if len(f.sel) == 0 {
		return 0
	}
	slices.SortStableFunc(f.sel, func(a, c int32) int { return cmp.Compare(f.copies[a].x0, f.copies[c].x0) })
	f.markEnd = f.markEnd[:0]
	used := 0
	for _, c := range f.sel {
		cp := &f.copies[c]
		x0, x1 := cp.x0, cp.x1
		for r := 0; r < lb.rows; r++ {
			if free(f.occ[r], x0-gap, x1+gap) {
				cp.row = r
				f.occ[r] = insertIval(f.occ[r], ival{x0, x1})
				break
			}
		}
		for r := 0; cp.row == Overflow && r < rows; r++ {
			if r == len(f.markEnd) {
				f.markEnd = append(f.markEnd, float32(math.Inf(-1)))
			}
			if f.markEnd[r]+gap <= x0 {
				cp.row = first + r
				f.markEnd[r] = x1
				used = max(used, r+1)
			}
		}
		if cp.row == Overflow && overlap && rows > 0 {
			cp.row = first + rows - 1
			f.markEnd[rows-1] = max(f.markEnd[rows-1], x1)
			used = rows
		}
	}
	return used
}

// free reports whether nothing in occ (sorted, disjoint) overlaps [x0, x1).
func free(occ []ival, x0, x1 float32) bool {
	i, _ := slices.BinarySearchFunc(occ, x0, func(v ival, x float32) int { return cmp.Compare(v.x1, x) })
	for ; i < len(occ) && occ[i].x0 < x1; i++ {
		if occ[i].x1 > x0 {
			return false
		}
	}
	return true
}

// insertIval inserts v into occ, sorted by x0.
func insertIval(occ []ival, v ival) []ival {
	i, _ := slices.BinarySearchFunc(occ, v.x0, func(o ival, x float32) int { return cmp.Compare(o.x0, x) })
	return slices.Insert(occ, i, v)
}

// font returns the measurer of cp's title: bold for the selection while
// presenting.
func (f *frame) font(t *Timeline, cp *copyBox) *measurer {
	if t.presenting && t.hasSel && f.items[cp.item].ID == t.sel {
		return f.m.bold
	}
	return f.m.label
}

// layoutLabel places the label of cp: inside its shape when it fits there
// whole, else after the shape (before it at the right edge of the view).
// A compact label (for a copy that found no row with its full label) is
// shortened: inside a wide enough shape, else to half the longest label.
// While presenting, the selection's title is never shortened. A
// thumbnail (cp.thumb) stands at the label's left, its room taken from
// what the text may have.
func (f *frame) layoutLabel(cp *copyBox, title string, compact bool, t *Timeline) {
	m := f.m
	cp.label, cp.lx, cp.lw, cp.inside = "", cp.x1, 0, false
	if title == "" {
		return
	}
	font := f.font(t, cp)
	spotlit := font == m.bold
	right := f.plotX + f.plotW
	vx0, vx1 := max(cp.x0, f.plotX), min(cp.x1, right)
	room := vx1 - vx0 - 2*m.pad
	full := font.width(title) + cp.thumb
	shortest := 4*m.text + cp.thumb // the least room a shortened title takes inside a shape
	if cp.kind != kindMarker && (full <= room || !spotlit && compact && room >= shortest) {
		cp.fit(font, title, room)
		cp.lx, cp.inside = vx0+m.pad, true
		return
	}
	limit := m.maxLabelPx
	switch {
	case spotlit:
		limit = f.plotW - 2*m.pad
	case compact:
		limit = limit/2 + cp.thumb
	default:
		limit += cp.thumb
	}
	cp.fit(font, title, limit)
	cp.lx = cp.x1 + m.pad
	if cp.lx+cp.lw <= right {
		return
	}
	if left := cp.x0 - m.pad - cp.lw; left >= f.plotX {
		cp.lx = left // flip to the left at the right edge
		return
	}
	if spotlit && cp.lw <= f.plotW-2*m.pad {
		cp.lx = right - m.pad - cp.lw // whole, over its own shape if need be
		return
	}
	if cp.kind != kindMarker && room >= shortest {
		// A band wider than the view with a long title: inside, shortened.
		cp.fit(font, title, room)
		cp.lx, cp.inside = vx0+m.pad, true
		return
	}
	cp.fit(font, title, right-cp.lx)
}

// fit sets cp's label to title, shortened to fit room with its thumbnail;
// nothing (no thumbnail either) when not even a letter fits.
func (cp *copyBox) fit(font *measurer, title string, room float32) {
	text, w := font.fit(title, room-cp.thumb)
	if text == "" {
		cp.label, cp.lw = "", 0
		return
	}
	cp.label, cp.lw = text, w+cp.thumb
}

// footprint returns the pixels cp covers with its label.
func (cp *copyBox) footprint() (x0, x1 float32) {
	if cp.label == "" || cp.inside {
		return cp.x0, cp.x1
	}
	return min(cp.x0, cp.lx), max(cp.x1, cp.lx+cp.lw)
}

// capCopies folds the least important copies on screen into the badges
// when more are on screen than the pools hold; it reports whether it did.
func (f *frame) capCopies() bool {
	f.order = f.order[:0]
	for c := range f.copies {
		cp := &f.copies[c]
		if cp.row == Overflow {
			continue
		}
		lb := &f.lanes[cp.lane]
		y, h := lb.rowY(f.m, cp.row)
		if y+h > f.lanesTop && y < f.lanesBot {
			f.order = append(f.order, int32(c))
		}
	}
	if len(f.order) <= maxCopies {
		return false
	}
	slices.SortStableFunc(f.order, func(a, b int32) int { return f.copies[b].imp - f.copies[a].imp })
	for _, c := range f.order[maxCopies:] {
		cp := &f.copies[c]
		cp.row = Overflow
		f.lanes[cp.lane].strip = true
	}
	return true
}

// scrollBarW is the width of the lanes' scroll bar.
const scrollBarW = 6

// scrollBar returns the lanes' scroll bar (its track and thumb) when the
// lanes are taller than their area; ok is false when they fit.
func (f *frame) scrollBar() (track, thumb Rect, ok bool) {
	if f.m == nil {
		return
	}
	area := f.lanesBot - f.lanesTop
	if area <= 0 || f.contentH <= area+0.5 {
		return
	}
	x1 := f.plotX + f.plotW - 2
	x0 := x1 - scrollBarW
	track = Rect{X0: x0, Y0: f.lanesTop, X1: x1, Y1: f.lanesBot}
	h := max(area*area/f.contentH, min(24, area))
	y := f.lanesTop + (area-h)*f.scroll/(f.contentH-area)
	thumb = Rect{X0: x0, Y0: y, X1: x1, Y1: y + h}
	return track, thumb, true
}

// onScrollBar reports whether p is on the lanes' scroll bar (with a little
// room on its left to grab it).
func (f *frame) onScrollBar(p fyne.Position) bool {
	track, _, ok := f.scrollBar()
	return ok && p.X >= track.X0-4 && p.X <= track.X1+2 && p.Y >= track.Y0 && p.Y < track.Y1
}

// laneNameAt returns the lane whose name is at p in the lane column, or -1.
func (f *frame) laneNameAt(t *Timeline, p fyne.Position) int {
	if t.single || f.m == nil || p.X >= f.plotX || p.Y < f.lanesTop || p.Y >= f.lanesBot {
		return -1
	}
	for _, b := range f.lanes {
		if b.lane >= 0 && p.Y >= b.y0 && p.Y < b.y1 {
			return b.lane
		}
	}
	return -1
}

// shapeBox returns where cp's shape is drawn: its pixels clamped to a
// little past the view, its top and height in its row, and its corner
// radius. A compact mark is a small dot, or a thin band or bar.
func (f *frame) shapeBox(cp *copyBox) (x0, y, x1, h, radius float32) {
	m := f.m
	x0, x1 = max(cp.x0, f.plotX-8), min(cp.x1, f.plotX+f.plotW+8)
	h, radius = m.barH, 3
	switch {
	case cp.mark && cp.kind == kindMarker:
		h, radius = m.markD, m.markD/2
	case cp.mark:
		h, radius = 3, 1.5
	case cp.kind == kindMarker:
		h, radius = m.markerD, m.markerD/2
	case cp.kind == kindSoft:
		radius = h / 2
	}
	y = cp.y + (cp.h-h)/2
	return x0, y, x1, h, radius
}

// labelBox returns the pixels of cp's label: its row's height over the
// label's width, its thumbnail included.
func (cp *copyBox) labelBox() Rect {
	if cp.label == "" {
		return Rect{}
	}
	return Rect{X0: cp.lx, Y0: cp.y, X1: cp.lx + cp.lw, Y1: cp.y + cp.h}
}

// textBox returns the pixels of cp's title text: its label without the
// thumbnail's room.
func (cp *copyBox) textBox() Rect {
	if cp.label == "" {
		return Rect{}
	}
	return Rect{X0: cp.lx + cp.thumb, Y0: cp.y, X1: cp.lx + cp.lw, Y1: cp.y + cp.h}
}

// thumbBox returns the pixels of cp's thumbnail, centred in its row at
// the label's left; zero without one.
func (cp *copyBox) thumbBox(m *metrics) Rect {
	if cp.label == "" || cp.thumb == 0 {
		return Rect{}
	}
	y := cp.y + (cp.h-m.thumbH)/2
	return Rect{X0: cp.lx, Y0: y, X1: cp.lx + m.thumbW, Y1: y + m.thumbH}
}

// decorations calls line for each stroke that cp's certainty draws over
// its shape: the dashes of a disputed outline (strike false) and the line
// through a denied one (strike true), at most perSide dashes a side. They
// stay on the shape's edge and never cross its label: a label inside a
// band interrupts them.
func (f *frame) decorations(cp *copyBox, st shapeStyle, perSide int, line func(a, b fyne.Position, strike bool)) {
	if !st.dashed && !st.struck || cp.mark && cp.kind != kindMarker {
		return // a compact band is too thin for them: its fill tells
	}
	x0, y, x1, h, _ := f.shapeBox(cp)
	gapFrom, gapTo := float32(math.Inf(1)), float32(math.Inf(1))
	if cp.inside && cp.label != "" {
		gapFrom, gapTo = cp.lx-2, cp.lx+cp.lw+2
	}
	// emit draws a-b without the label's gap (a horizontal line may be cut
	// in two).
	emit := func(a, b fyne.Position, strike bool) {
		if a.Y != b.Y || b.X <= gapFrom || a.X >= gapTo {
			line(a, b, strike)
			return
		}
		if a.X < gapFrom {
			line(a, fyne.NewPos(gapFrom, a.Y), strike)
		}
		if b.X > gapTo {
			line(fyne.NewPos(gapTo, b.Y), b, strike)
		}
	}
	if st.dashed {
		dashSegments(x0, y, x1, y+h, perSide, cp.kind == kindMarker, func(a, b fyne.Position) { emit(a, b, false) })
	}
	if st.struck {
		emit(fyne.NewPos(max(x0-2, f.plotX), y+h/2), fyne.NewPos(min(x1+2, f.plotX+f.plotW), y+h/2), true)
	}
}
