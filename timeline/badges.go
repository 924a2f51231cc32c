package timeline

// Clustering the frame: where events of a lane cannot be told apart at
// the current zoom they become count badges (see cluster.go for the
// pure grouping).

import (
	"math"
	"slices"
	"strconv"
)

// cluster turns the copies without a row, and the items the source did not
// return, into count badges: from the copies when the source returned every
// item, from its Density per lane otherwise. Buckets widen until the badges
// fit their budget.
func (f *frame) cluster(t *Timeline) {
	m := f.m
	for i := range f.fine {
		f.fine[i].ok = false
	}
	for px := m.bucketPx; ; px *= 2 {
		f.badges = f.badges[:0]
		f.hiddenCopies = 0
		for b := range f.lanes {
			if !f.lanes[b].shown {
				continue
			}
			if f.complete {
				f.clusterCopies(b, px)
			} else {
				f.clusterDensity(t, b, px)
			}
		}
		if len(f.badges) <= maxBadges || px > f.plotW {
			break
		}
	}
	if len(f.badges) > maxBadges {
		f.badges = f.badges[:maxBadges]
	}
}

// clusterCopies makes the badges of lane box b from its overflowing copies.
func (f *frame) clusterCopies(b int, px float32) {
	idx := f.perLane[b]
	f.spans, f.rows = f.spans[:0], f.rows[:0]
	for _, c := range idx {
		cp := &f.copies[c]
		it := &f.items[cp.item]
		if it.Stop <= f.vp.Start && cp.kind != kindMarker || it.Start >= f.vp.End() {
			continue // left of the view: only its label reached in
		}
		f.spans = append(f.spans, Span{Start: it.Start, End: it.Stop})
		f.rows = append(f.rows, cp.row)
	}
	f.raw = Cluster(f.raw[:0], b, f.spans, f.rows, f.vp, px)
	for _, bd := range f.raw {
		f.hiddenCopies += bd.Count
		f.addBadge(b, bd.X0+f.plotX, bd.Count, bd.First, bd.Last)
	}
}

// clusterDensity makes the badges of lane box b from the source's density:
// per bucket of px pixels, the items there minus the copies placed there.
// The density is fetched once per lane and frame, at the finest bucket
// width, and summed up for wider buckets.
func (f *frame) clusterDensity(t *Timeline, b int, px float32) {
	if t.src == nil {
		return
	}
	fine := f.fineDensity(t, b)
	size := float64(px) * f.vp.PerPixel
	from := math.Floor(f.vp.Start/size) * size
	n := int(math.Ceil((f.vp.End()-from)/size)) + 1
	w := size
	f.counts = slices.Grow(f.counts[:0], n)[:n]
	clear(f.counts)
	for i, cnt := range fine.counts {
		at := fine.from + (float64(i)+0.5)*fine.w // the fine bucket's middle
		if k := int(math.Floor((at - from) / w)); k >= 0 && k < n {
			f.counts[k] += cnt
		}
	}
	for _, c := range f.perLane[b] {
		cp := &f.copies[c]
		if cp.row == Overflow {
			continue
		}
		// Placed copies count in the fine bucket they fall in, like the
		// source counted them, then in the wide bucket of its middle.
		s := f.items[cp.item].Start
		i := int((s - fine.from) / fine.w)
		if s < fine.from || i >= len(fine.counts) {
			continue
		}
		at := fine.from + (float64(i)+0.5)*fine.w
		if k := int(math.Floor((at - from) / w)); k >= 0 && k < n {
			f.counts[k]--
		}
	}
	for k, cnt := range f.counts {
		if cnt <= 0 {
			continue
		}
		f.hiddenCopies += cnt
		x := f.vp.TimeToX(from+float64(k)*w) + f.plotX
		f.addBadge(b, x, cnt, from+float64(k)*w, from+float64(k+1)*w)
	}
}

// fineCounts is a lane's density at the finest badge buckets.
type fineCounts struct {
	from, w float64
	counts  []int
	ok      bool
}

// fineDensity returns lane box b's density at the finest badge buckets,
// asking the source on the first call of a frame.
func (f *frame) fineDensity(t *Timeline, b int) *fineCounts {
	if len(f.fine) < len(f.lanes) {
		f.fine = append(f.fine, make([]fineCounts, len(f.lanes)-len(f.fine))...)
	}
	fc := &f.fine[b]
	if fc.ok {
		return fc
	}
	size := float64(f.m.bucketPx) * f.vp.PerPixel
	from := math.Floor(f.vp.Start/size) * size
	n := int(math.Ceil((f.vp.End()-from)/size)) + 1
	to := from + float64(n)*size
	var lanes []int64
	switch {
	case len(t.lanes) == 0:
	case t.single:
		lanes = f.laneFilter(t)
	default:
		f.filter = append(f.filter[:0], t.lanes[f.lanes[b].lane].ID)
		lanes = f.filter
	}
	fc.counts = t.src.Density(fc.counts[:0], from, to, n, lanes)
	fc.from, fc.w, fc.ok = from, (to-from)/float64(n), true
	return fc
}

// addBadge adds a badge for count items in lane box b from bucket left x,
// in the lane's badge strip below its rows.
func (f *frame) addBadge(b int, x float32, count int, first, last float64) {
	m := f.m
	lb := &f.lanes[b]
	y, _ := lb.rowY(m, lb.rows+lb.marks+lb.bands)
	y += m.lanePad
	if y < f.lanesTop-0.5 || y+m.badgeH > f.lanesBot+0.5 {
		return
	}
	text := f.badgeLabel(count)
	w := m.small.width(text) + 2*m.pad
	x = max(x+1, f.plotX+1)
	if n := len(f.badges); n > 0 && f.badges[n-1].y == y && f.badges[n-1].lane == int32(b) {
		x = max(x, f.badges[n-1].x+f.badges[n-1].w+2)
	}
	if x+w > f.plotX+f.plotW {
		return
	}
	f.badges = append(f.badges, badgeBox{lane: int32(b), x: x, y: y, w: w, text: text, from: first, to: last})
}

// badgeLabels interns the labels of small counts.
var badgeLabels = func() (s [1000]string) {
	for i := range s {
		s[i] = "+" + strconv.Itoa(i)
	}
	return
}()

// badgeLabel returns "+37", "+12k" or "+3.4M": few distinct strings, so
// that the text textures recur.
func (f *frame) badgeLabel(n int) string {
	if n < len(badgeLabels) {
		return badgeLabels[n]
	}
	if s, ok := f.bigBadges[n]; ok {
		return s
	}
	if f.bigBadges == nil || len(f.bigBadges) >= maxMeasured {
		f.bigBadges = make(map[int]string)
	}
	s := badgeLabel(n)
	f.bigBadges[n] = s
	return s
}

// badgeLabel formats a badge count.
func badgeLabel(n int) string {
	switch {
	case n < len(badgeLabels):
		return badgeLabels[n]
	case n < 10_000:
		return "+" + strconv.FormatFloat(float64(n)/1000, 'f', 1, 64) + "k"
	case n < 1_000_000:
		return "+" + strconv.Itoa(n/1000) + "k"
	}
	return "+" + strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) + "M"
}
