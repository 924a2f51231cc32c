package timeline

import (
	"cmp"
	"math"
	"slices"

	"fyne.io/fyne/v2"
)

// Link arcs: how the links between events become curves on the lanes.
//
// An arc joins the drawn copies of its two events: the titled copy of
// each, else the copy nearest the other end. It is a cubic curve, cut into
// a few straight segments (Fyne draws no curves): a bow over the rows
// (or under them) between events in the same row, an S from one lane to
// another, whichever crosses fewest titles. Arcs are drawn under the
// shapes and the titles, and a segment that crosses a title is drawn
// faded, so that arcs never hide text. An end out of view is drawn at the
// widget's edge, towards the event, where its title stands in a small
// box.

// Arc budgets of one frame: the renderer's pool of arc lines is sized from
// these, so that arcs keep within MaxObjects.
const (
	// maxArcs is the most arcs a frame draws. LinksInView draws the links
	// in linkOrder until either this or the lines run out.
	maxArcs = 24
	// capArcLines is the most canvas lines the arcs of a frame use: their
	// segments (two per segment for a hollow, claimed arc), arrowheads and
	// cross strokes.
	capArcLines = 136
	// maxEdgeLabels is the most titles written at the edges for ends out
	// of view. Links of the selected event get them first; another arc
	// with an end out of view is left out when none is left.
	maxEdgeLabels = 6
	// arcSegPx is about how long one segment of an arc is: a curve gets
	// between minArcSegs and maxArcSegs segments by its length.
	arcSegPx   = 34
	minArcSegs = 3
	maxArcSegs = 10
	// arcHitTolerance is how far from an arc a click or hover still finds it.
	arcHitTolerance = 4
	// arrowPx is the length of an arrowhead's strokes.
	arrowPx = 8
)

// arcBox is one laid-out link arc: its points are f.arcPts[p0:p1], with
// f.arcFaded[p0:p1-1] telling which segments cross a title.
type arcBox struct {
	link    Link
	p0, p1  int32
	head    [2][2]fyne.Position // the arrowhead's strokes, from its tip
	edge    string              // the title at an end out of view
	edgeBox Rect
	lines   int // canvas lines it takes (see arcLines)
}

// arcKey identifies the inputs of one arc layout.
type arcKey struct {
	layoutGen  uint64
	shown      LinksShown
	selLink    int64
	presenting bool
}

// arcLines returns how many canvas lines a link with n segments takes.
func arcLines(l *Link, n int) int {
	lines := n
	if l.Certainty == Claimed {
		lines *= 2 // a hollow line: wide in colour, narrow in background
	}
	if l.Directed {
		lines += 2
	}
	if l.Certainty == Denied {
		lines++
	}
	return lines
}

// arcEnd is where an arc meets one of its events.
type arcEnd struct {
	copy    int32 // the copy it joins, -1 for an end at the widget's edge
	x       float32
	x0, x1  float32 // the shape's ends, as drawn
	top     float32 // the shape's top and bottom (an edge end: its point)
	bot     float32
	edgeDir fyne.Position // for an edge end: the way into the plot
}

// aim moves the end along its shape towards x, the other end: a long bar
// is joined where it comes nearest, clear of its rounded ends.
func (e *arcEnd) aim(x float32) {
	if e.copy < 0 {
		return
	}
	inset := min(10, (e.x1-e.x0)/2)
	e.x = min(max(x, e.x0+inset), e.x1-inset)
}

// layoutArcs re-lays the arcs out when their inputs changed; it reports
// whether it did.
func (f *frame) layoutArcs(t *Timeline) bool {
	k := arcKey{layoutGen: f.layoutGen, shown: t.linksShown, selLink: t.selLink, presenting: t.presenting}
	if k == f.akey {
		return false
	}
	f.akey = k
	f.arcs, f.arcPts, f.arcFaded = f.arcs[:0], f.arcPts[:0], f.arcFaded[:0]
	ls, ok := t.src.(LinkSource)
	if !ok || t.src == nil {
		return true
	}
	ofSel := t.hasSel && (t.linksShown == LinksOfSelected || t.presenting)
	inView := t.linksShown == LinksInView && !t.presenting
	if !ofSel && !inView && t.selLink == 0 {
		return true
	}

	// The drawn copy of each item to join: its titled copy if it has one.
	if f.copyOf == nil {
		f.copyOf = make(map[int64]int32)
	}
	clear(f.copyOf)
	f.linkIDs = f.linkIDs[:0]
	for c := range f.copies {
		cp := &f.copies[c]
		if cp.row == Overflow {
			continue
		}
		id := f.items[cp.item].ID
		prev, seen := f.copyOf[id]
		if !seen {
			f.linkIDs = append(f.linkIDs, id)
		}
		if !seen || f.copies[prev].mark && !cp.mark {
			f.copyOf[id] = int32(c)
		}
	}
	if !inView && t.selLink == 0 {
		f.linkIDs = f.linkIDs[:0] // only the selection's links are wanted
	}
	if t.hasSel {
		if _, drawn := f.copyOf[t.sel]; !drawn || len(f.linkIDs) == 0 {
			f.linkIDs = append(f.linkIDs, t.sel)
		}
	}
	if len(f.linkIDs) == 0 {
		return true
	}
	f.links = ls.Links(f.links[:0], f.linkIDs)
	f.links = slices.DeleteFunc(f.links, func(l Link) bool {
		sel := t.hasSel && (l.From == t.sel || l.To == t.sel)
		return !(l.ID == t.selLink && l.ID != 0 || ofSel && sel || inView) || l.From == l.To
	})
	f.sortLinks(t)
	f.titleRects()

	lines, edges := 0, 0
	for i := range f.links {
		if len(f.arcs) == maxArcs {
			break
		}
		l := &f.links[i]
		from, okF := f.arcEndOf(l.From)
		to, okT := f.arcEndOf(l.To)
		if !okF && !okT {
			continue // neither end drawn: nothing to join
		}
		var edge string
		var edgeBox Rect
		if (!okF || !okT) && inView && !f.outOfView(t, l, okF) {
			continue // its other end is in view, folded into a badge
		}
		if !okF || !okT {
			if edges == maxEdgeLabels {
				continue // the selection's links came first
			}
			in, outID := from, l.To
			if !okF {
				in, outID = to, l.From
			}
			e, title, box, ok := f.edgeEnd(t, in, outID)
			if !ok {
				continue
			}
			if !okF {
				from = e
			} else {
				to = e
			}
			edge, edgeBox = title, box
		}
		fx, tx := from.x, to.x
		from.aim(tx)
		to.aim(fx)
		p0 := len(f.arcPts)
		n := f.routeArc(from, to)
		need := arcLines(l, n)
		if lines+need > capArcLines {
			f.arcPts, f.arcFaded = f.arcPts[:p0], f.arcFaded[:p0]
			continue
		}
		lines += need
		if edge != "" {
			edges++
			f.obstacles = insertRect(f.obstacles, edgeBox)
		}
		a := arcBox{link: *l, p0: int32(p0), p1: int32(len(f.arcPts)), edge: edge, edgeBox: edgeBox, lines: need}
		a.head = arrowHead(f.arcPts[a.p0:a.p1])
		f.arcs = append(f.arcs, a)
	}
	// The selected link is drawn last, over the others.
	if i := slices.IndexFunc(f.arcs, func(a arcBox) bool { return a.link.ID == t.selLink }); i >= 0 && t.selLink != 0 {
		a := f.arcs[i]
		f.arcs = append(slices.Delete(f.arcs, i, i+1), a)
	}
	return true
}

// sortLinks puts the links in the order arcs are given room (linkOrder):
// the selected link, then the selected event's, then those with both ends
// drawn, then by the importance of their drawn ends, then by id.
func (f *frame) sortLinks(t *Timeline) {
	rank := func(l *Link) (int, int) {
		r := 0
		if l.ID == t.selLink && l.ID != 0 {
			r += 8
		}
		if t.hasSel && (l.From == t.sel || l.To == t.sel) {
			r += 4
		}
		imp := 0
		cf, okF := f.copyOf[l.From]
		ct, okT := f.copyOf[l.To]
		if okF && okT {
			r += 2
		}
		if okF {
			imp += f.copies[cf].imp
		}
		if okT {
			imp += f.copies[ct].imp
		}
		return r, imp
	}
	slices.SortFunc(f.links, func(a, b Link) int {
		ra, ia := rank(&a)
		rb, ib := rank(&b)
		return cmp.Or(cmp.Compare(rb, ra), cmp.Compare(ib, ia), cmp.Compare(a.ID, b.ID))
	})
}

// titleRects gathers what arcs must not cross, the titles drawn, and what
// they had better not run under, the shapes; each sorted by top.
func (f *frame) titleRects() {
	f.obstacles, f.shapeRects = f.obstacles[:0], f.shapeRects[:0]
	for c := range f.copies {
		cp := &f.copies[c]
		if cp.row == Overflow {
			continue
		}
		x0, y, x1, h, _ := f.shapeBox(cp)
		f.shapeRects = append(f.shapeRects, Rect{X0: x0, Y0: y, X1: x1, Y1: y + h})
		if cp.label != "" {
			f.obstacles = append(f.obstacles, cp.labelBox())
		}
	}
	byTop := func(a, b Rect) int { return cmp.Compare(a.Y0, b.Y0) }
	slices.SortFunc(f.obstacles, byTop)
	slices.SortFunc(f.shapeRects, byTop)
}

// insertRect inserts r into rs, sorted by top.
func insertRect(rs []Rect, r Rect) []Rect {
	i, _ := slices.BinarySearchFunc(rs, r.Y0, func(o Rect, y float32) int { return cmp.Compare(o.Y0, y) })
	return slices.Insert(rs, i, r)
}

// arcEndOf returns where an arc meets item id's drawn copy; ok is false
// when it has none.
func (f *frame) arcEndOf(id int64) (arcEnd, bool) {
	c, ok := f.copyOf[id]
	if !ok {
		return arcEnd{copy: -1}, false
	}
	return f.endAt(c), true
}

// endAt returns the end of an arc at copy c: the middle of its shape, its
// top and its bottom (a little outside, so that an arrowhead shows).
func (f *frame) endAt(c int32) arcEnd {
	cp := &f.copies[c]
	x0, y, x1, h, _ := f.shapeBox(cp)
	x0, x1 = max(x0, f.plotX+2), min(x1, f.plotX+f.plotW-2)
	x1 = max(x1, x0)
	return arcEnd{copy: c, x: x0 + (x1-x0)/2, x0: x0, x1: x1, top: y - 1.5, bot: y + h + 1.5}
}

// edgeEnd returns the end of an arc from in towards item id, which is not
// drawn: at the widget's left or right edge when the item lies before or
// after the view, else at the top or bottom of the lane area (its lane is
// scrolled away) or in its lane; with the item's title in a box there,
// placed clear of the titles drawn. ok is false when the source does not
// know the item.
func (f *frame) edgeEnd(t *Timeline, in arcEnd, id int64) (end arcEnd, title string, box Rect, ok bool) {
	it, ok := t.src.Item(id)
	if !ok {
		return arcEnd{}, "", Rect{}, false
	}
	m := f.m
	mid := it.Start + (max(it.Stop, it.Start)-it.Start)/2
	inY := in.top
	// The row of its lead lane, when that lane is on screen; else the
	// top or the bottom of the lane area, the way its lane lies.
	prefY := inY
	side := 0 // -1 above, 1 below
	if b := f.leadLane(it); b >= 0 {
		lb := &f.lanes[b]
		switch {
		case lb.y1 <= f.lanesTop+m.rowH/2:
			side = -1
		case lb.y0 >= f.lanesBot-m.rowH/2:
			side = 1
		default:
			y, h := lb.rowY(m, 0)
			prefY = y + h/2
		}
	}
	switch side {
	case -1:
		prefY = f.lanesTop + m.rowH/2
	case 1:
		prefY = f.lanesBot - m.rowH/2
	}
	title, w := m.small.fit(it.Title, min(m.maxLabelPx*0.8, f.plotW/3))
	bw, bh := w+2*m.pad+2, m.rowH
	left, right := f.plotX+2, f.plotX+f.plotW-2
	if _, _, bar := f.scrollBar(); bar {
		right -= scrollBarW + 4
	}
	var bx float32
	switch {
	case mid < f.vp.Start:
		bx = left
		end.edgeDir = fyne.NewPos(1, 0)
	case mid >= f.vp.End():
		bx = right - bw
		end.edgeDir = fyne.NewPos(-1, 0)
	default:
		// In time but not drawn (scrolled away, or folded into a badge):
		// at its instant.
		x := f.vp.TimeToX(mid) + f.plotX
		bx = min(max(x-bw/2, left), right-bw)
		end.edgeDir = fyne.NewPos(0, 1)
		if prefY > inY {
			end.edgeDir = fyne.NewPos(0, -1)
		}
	}
	by, found := f.freeSlot(bx, bw, bh, prefY)
	if !found {
		return arcEnd{}, "", Rect{}, false // no room that hides no title
	}
	box = Rect{X0: bx, Y0: by, X1: bx + bw, Y1: by + bh}
	end.copy = -1
	switch {
	case end.edgeDir.X > 0:
		end.x, end.top = box.X1+1, by+bh/2
	case end.edgeDir.X < 0:
		end.x, end.top = box.X0-1, by+bh/2
	case end.edgeDir.Y > 0:
		end.x, end.top = min(max(in.x, box.X0+4), box.X1-4), box.Y1+1
	default:
		end.x, end.top = min(max(in.x, box.X0+4), box.X1-4), box.Y0-1
	}
	end.bot = end.top
	return end, title, box, true
}

// outOfView reports whether the end of l that is not drawn (To when
// fromDrawn, else From) lies before or after the view, or is the
// selected event; a link of the selection is drawn whatever.
func (f *frame) outOfView(t *Timeline, l *Link, fromDrawn bool) bool {
	id := l.From
	if fromDrawn {
		id = l.To
	}
	if t.hasSel && (l.From == t.sel || l.To == t.sel) {
		return true
	}
	it, ok := t.src.Item(id)
	if !ok {
		return false
	}
	mid := it.Start + (max(it.Stop, it.Start)-it.Start)/2
	return mid < f.vp.Start || mid >= f.vp.End()
}

// leadLane returns the lane box of it's first shown lane, -1 for none.
func (f *frame) leadLane(it Item) int {
	if len(f.lanes) == 1 {
		return 0
	}
	for _, id := range it.Lanes {
		if l, ok := f.laneOf[id]; ok {
			for b := range f.lanes {
				if f.lanes[b].lane == l {
					return b
				}
			}
		}
	}
	return -1
}

// freeSlot returns the top of a box of w×h at x, as near pref (its middle)
// as there is room in the lane area that covers no title nor other edge
// box; found is false when there is none.
func (f *frame) freeSlot(x, w, h, pref float32) (y float32, found bool) {
	lo, hi := f.lanesTop+1, f.lanesBot-h-1
	if hi < lo {
		return 0, false
	}
	want := min(max(pref-h/2, lo), hi)
	for d := float32(0); want-d >= lo || want+d <= hi; d += h / 2 {
		for _, y := range [2]float32{want + d, want - d} {
			if y >= lo && y <= hi && f.free(Rect{X0: x, Y0: y, X1: x + w, Y1: y + h}) {
				return y, true
			}
		}
	}
	return 0, false
}

// free reports whether r overlaps no title, edge box nor shape.
func (f *frame) free(r Rect) bool {
	for _, rs := range [2][]Rect{f.obstacles, f.shapeRects} {
		for _, o := range f.near(rs, r.Y0, r.Y1) {
			if o.X0 < r.X1 && o.X1 > r.X0 && o.Y0 < r.Y1 && o.Y1 > r.Y0 {
				return false
			}
		}
	}
	return true
}

// near returns the rectangles of rs (sorted by top, each at most a row
// tall) that may reach into [y0, y1].
func (f *frame) near(rs []Rect, y0, y1 float32) []Rect {
	lo := y0 - f.m.rowH - 1
	i, _ := slices.BinarySearchFunc(rs, lo, func(o Rect, y float32) int { return cmp.Compare(o.Y0, y) })
	j := i
	for j < len(rs) && rs[j].Y0 <= y1 {
		j++
	}
	return rs[i:j]
}

// routeArc appends to f.arcPts the curve that joins from to to, with its
// segments' fading, and returns its number of segments. Of a few shapes
// it takes the one that crosses fewest titles, then fewest shapes (which
// would hide it).
func (f *frame) routeArc(from, to arcEnd) int {
	m := f.m
	type curve struct {
		c       [4]fyne.Position
		penalty int
	}
	var cands [4]curve
	nc := 0
	add := func(c [4]fyne.Position, penalty int) {
		cands[nc] = curve{c, penalty}
		nc++
	}
	along := func(p fyne.Position, dir fyne.Position, k float32) fyne.Position {
		return fyne.NewPos(p.X+dir.X*k, p.Y+dir.Y*k)
	}
	if from.copy < 0 || to.copy < 0 {
		// To or from the edge: leave the shape upwards or downwards,
		// meet the edge head on.
		in, out := from, to
		if from.copy < 0 {
			in, out = to, from
		}
		p3 := fyne.NewPos(out.x, out.top)
		for i, up := range [2]bool{p3.Y <= in.top+m.rowH/2, p3.Y > in.top+m.rowH/2} {
			p0 := fyne.NewPos(in.x, in.bot)
			dir := float32(1)
			if up {
				p0.Y, dir = in.top, -1
			}
			dy := abs32(p3.Y - p0.Y)
			k := min(max(dy*0.5, m.rowH), 3*m.rowH)
			k2 := min(max(abs32(p3.X-p0.X)*0.4, 2*m.rowH), 8*m.rowH)
			if out.edgeDir.Y != 0 {
				k2 = min(max(dy*0.4, m.rowH/2), 3*m.rowH)
			}
			c := [4]fyne.Position{p0, fyne.NewPos(p0.X, p0.Y+dir*k), along(p3, out.edgeDir, k2), p3}
			if from.copy < 0 {
				c = [4]fyne.Position{c[3], c[2], c[1], c[0]}
			}
			add(c, i)
		}
	} else {
		dx := to.x - from.x
		dy := (to.top + to.bot - from.top - from.bot) / 2
		if abs32(dy) > m.rowH/2 {
			// An S from one lane to the other.
			p0, p3 := fyne.NewPos(from.x, from.bot), fyne.NewPos(to.x, to.top)
			s := float32(1)
			if dy < 0 {
				p0, p3, s = fyne.NewPos(from.x, from.top), fyne.NewPos(to.x, to.bot), -1
			}
			k := min(max(abs32(p3.Y-p0.Y)*0.45, 0.6*m.rowH), 4*m.rowH)
			add([4]fyne.Position{p0, fyne.NewPos(p0.X, p0.Y+s*k), fyne.NewPos(p3.X, p3.Y-s*k), p3}, 0)
			// Events one above the other: a bracket on their left, from
			// the start of one to the start of the other.
			if abs32(from.x0-to.x0) < 3*m.rowH {
				fy, ty := (from.top+from.bot)/2, (to.top+to.bot)/2
				p0, p3 := fyne.NewPos(from.x0-2, fy), fyne.NewPos(to.x0-2, ty)
				k := min(max(abs32(dy)*0.35, 12), 48)
				x := min(p0.X, p3.X) - k
				add([4]fyne.Position{p0, fyne.NewPos(x, fy), fyne.NewPos(x, ty), p3}, 0)
			}
		}
		// A bow over both, and one under both. A cubic with both control
		// points h above its ends rises 0.75h: its top stays in the lane
		// area.
		lift := min(max(abs32(dx)*0.22, 0.9*m.rowH), 2.5*m.rowH)
		e := min(from.top, to.top)
		top := max(e-lift/0.75, (f.lanesTop+2-0.25*e)/0.75)
		add([4]fyne.Position{fyne.NewPos(from.x, from.top), fyne.NewPos(from.x+dx*0.12, top), fyne.NewPos(to.x-dx*0.12, top), fyne.NewPos(to.x, to.top)}, 1)
		e = max(from.bot, to.bot)
		bot := min(e+lift/0.75, (f.lanesBot-2-0.25*e)/0.75)
		add([4]fyne.Position{fyne.NewPos(from.x, from.bot), fyne.NewPos(from.x+dx*0.12, bot), fyne.NewPos(to.x-dx*0.12, bot), fyne.NewPos(to.x, to.bot)}, 2)
	}
	best, bestCost := 0, math.MaxInt
	p0 := len(f.arcPts)
	for i := range nc {
		c := &cands[i]
		cost := c.penalty
		if dist(c.c[0], c.c[3]) < m.rowH*0.75 && dist(c.c[0], c.c[1]) < m.rowH {
			cost += 1000 // too short to be seen
		}
		f.arcPts = f.arcPts[:p0]
		n := flatten(&f.arcPts, c.c)
		for s := p0; s < p0+n; s++ {
			a, b := f.arcPts[s], f.arcPts[s+1]
			if f.crosses(f.obstacles, a, b) {
				cost += 12
			}
			if f.crosses(f.shapeRects, a, b) {
				cost += 3
			}
		}
		if cost < bestCost {
			best, bestCost = i, cost
		}
	}
	f.arcPts = f.arcPts[:p0]
	n := flatten(&f.arcPts, cands[best].c)
	f.arcFaded = f.arcFaded[:p0]
	for s := p0; s < p0+n; s++ {
		f.arcFaded = append(f.arcFaded, f.crosses(f.obstacles, f.arcPts[s], f.arcPts[s+1]))
	}
	f.arcFaded = append(f.arcFaded, false) // keeps arcFaded as long as arcPts
	return n
}

// flatten appends the points of cubic curve c to pts, in as many segments
// as its length asks for, and returns the number of segments.
func flatten(pts *[]fyne.Position, c [4]fyne.Position) int {
	l := dist(c[0], c[1]) + dist(c[1], c[2]) + dist(c[2], c[3])
	n := min(max(int(math.Ceil(float64(l/arcSegPx))), minArcSegs), maxArcSegs)
	for i := 0; i <= n; i++ {
		u := float32(i) / float32(n)
		v := 1 - u
		a, b, cc, d := v*v*v, 3*v*v*u, 3*v*u*u, u*u*u
		*pts = append(*pts, fyne.NewPos(
			a*c[0].X+b*c[1].X+cc*c[2].X+d*c[3].X,
			a*c[0].Y+b*c[1].Y+cc*c[2].Y+d*c[3].Y))
	}
	return n
}

// crosses reports whether segment a–b passes through one of rs (sorted
// by top), with a pixel to spare.
func (f *frame) crosses(rs []Rect, a, b fyne.Position) bool {
	y0, y1 := min(a.Y, b.Y), max(a.Y, b.Y)
	for _, r := range f.near(rs, y0-1, y1+1) {
		if segmentMeetsRect(a, b, Rect{X0: r.X0 - 1, Y0: r.Y0 - 1, X1: r.X1 + 1, Y1: r.Y1 + 1}) {
			return true
		}
	}
	return false
}

// segmentMeetsRect reports whether segment a–b has a point inside r
// (Liang–Barsky clipping).
func segmentMeetsRect(a, b fyne.Position, r Rect) bool {
	t0, t1 := float32(0), float32(1)
	dx, dy := b.X-a.X, b.Y-a.Y
	clip := func(p, q float32) bool {
		if p == 0 {
			return q > 0
		}
		t := q / p
		if p < 0 {
			if t > t1 {
				return false
			}
			t0 = max(t0, t)
		} else {
			if t < t0 {
				return false
			}
			t1 = min(t1, t)
		}
		return true
	}
	return clip(-dx, a.X-r.X0) && clip(dx, r.X1-a.X) && clip(-dy, a.Y-r.Y0) && clip(dy, r.Y1-a.Y) && t0 < t1
}

// arrowHead returns the two strokes of an arrowhead at the end of pts,
// from its tip, along the last stretch of the curve.
func arrowHead(pts []fyne.Position) (h [2][2]fyne.Position) {
	n := len(pts)
	if n < 2 {
		return h
	}
	tip := pts[n-1]
	// The direction over the last few pixels, not only the last segment.
	back := pts[n-2]
	for i := n - 2; i >= 0 && dist(pts[i], tip) < arrowPx; i-- {
		back = pts[i]
	}
	dx, dy := tip.X-back.X, tip.Y-back.Y
	l := float32(math.Hypot(float64(dx), float64(dy)))
	if l == 0 {
		return h
	}
	dx, dy = dx/l, dy/l
	const sin, cos = 0.4848, 0.8746 // ±29°
	for i, s := range []float32{1, -1} {
		rx := -(dx*cos - s*dy*sin)
		ry := -(s*dx*sin + dy*cos)
		h[i] = [2]fyne.Position{tip, fyne.NewPos(tip.X+rx*arrowPx, tip.Y+ry*arrowPx)}
	}
	return h
}

// arcAt returns the arc under p (within tol, or on its edge box), the one
// drawn last first; -1 for none.
func (f *frame) arcAt(p fyne.Position, tol float32) int {
	for i := len(f.arcs) - 1; i >= 0; i-- {
		a := &f.arcs[i]
		if a.edge != "" && p.X >= a.edgeBox.X0 && p.X <= a.edgeBox.X1 && p.Y >= a.edgeBox.Y0 && p.Y <= a.edgeBox.Y1 {
			return i
		}
		pts := f.arcPts[a.p0:a.p1]
		for s := 1; s < len(pts); s++ {
			if segDist(p, pts[s-1], pts[s]) <= tol {
				return i
			}
		}
	}
	return -1
}

// segDist returns the distance from p to segment a–b.
func segDist(p, a, b fyne.Position) float32 {
	dx, dy := b.X-a.X, b.Y-a.Y
	u := float32(0)
	if l2 := dx*dx + dy*dy; l2 > 0 {
		u = min(max(((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l2, 0), 1)
	}
	return dist(p, fyne.NewPos(a.X+u*dx, a.Y+u*dy))
}

// dist returns the distance between a and b.
func dist(a, b fyne.Position) float32 {
	return float32(math.Hypot(float64(a.X-b.X), float64(a.Y-b.Y)))
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}
