package timeline

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

// MemorySource is a Source over items held in memory, for tests, benchmarks
// and small chronologies. Items and Adjacent answer in O(log n + k) for k
// items returned, whatever the number of items in the window: every lane
// keeps its items by importance and by duration class (powers of two),
// each sorted by Start, so counts are binary searches and samples are
// strides. A sample takes every 2^k-th item of the level it cuts, aligned
// on the item's place in its class, so it stays the same while the view
// pans and a zoom in only adds items; it fills between about half of max
// and max. It is read-only after NewMemorySource and safe for concurrent use.
type MemorySource struct {
	items    []Item // sorted by (Start, ID)
	byID     map[int64]int32
	all      index
	lanes    map[int64]*index
	laneless int // items with no lane: only a nil filter matches them
	from, to float64
}

var _ Source = (*MemorySource)(nil)

// index holds the items of one lane (or of all lanes) for window queries.
type index struct {
	pos    []int32   // global positions, ascending, so in (Start, ID) order
	starts []float64 // the Start of each pos
	levels [5][]group
}

// group holds the items of one importance level whose durations lie in
// [minDur, maxDur): a power-of-two class, or zero for instants.
type group struct {
	minDur, maxDur float64
	pos            []int32
	starts, stops  []float64
}

// spreadBound is how many times max an exact multi-lane query may gather
// before it falls back to per-lane samples (with an upper-bound total).
const spreadBound = 4

// NewMemorySource returns a source over a copy of items (their strings and
// Lanes are shared, not copied). Items with a NaN Start are dropped; a Stop
// that is NaN or before Start is read as Start. IDs should be unique.
func NewMemorySource(items []Item) *MemorySource {
	s := &MemorySource{
		items: make([]Item, 0, len(items)),
		byID:  make(map[int64]int32, len(items)),
		lanes: make(map[int64]*index),
	}
	for _, it := range items {
		if it.Start != it.Start {
			continue
		}
		if !(it.Stop >= it.Start) {
			it.Stop = it.Start
		}
		s.items = append(s.items, it)
	}
	slices.SortFunc(s.items, compareItems)
	s.from, s.to = math.Inf(1), math.Inf(-1)
	for i := range s.items {
		it := &s.items[i]
		s.byID[it.ID] = int32(i)
		s.from, s.to = min(s.from, it.Start), max(s.to, it.Stop)
		s.all.add(it, int32(i))
		if len(it.Lanes) == 0 {
			s.laneless++
		}
		for j, id := range it.Lanes {
			if slices.Contains(it.Lanes[:j], id) {
				continue
			}
			ix := s.lanes[id]
			if ix == nil {
				ix = new(index)
				s.lanes[id] = ix
			}
			ix.add(it, int32(i))
		}
	}
	return s
}

// Len returns the number of items.
func (s *MemorySource) Len() int { return len(s.items) }

// Bounds implements Source.
func (s *MemorySource) Bounds() (from, to float64, ok bool) {
	if len(s.items) == 0 {
		return 0, 0, false
	}
	return s.from, s.to, true
}

// Item implements Source.
func (s *MemorySource) Item(id int64) (Item, bool) {
	if i, ok := s.byID[id]; ok {
		return s.items[i], true
	}
	return Item{}, false
}

// Items implements Source.
func (s *MemorySource) Items(dst []Item, from, to float64, lanes []int64, max int) ([]Item, int) {
	if !(from < to) || max <= 0 {
		return dst, 0
	}
	ixs := s.indexes(lanes)
	var pos []int32
	total := 0
	switch {
	case len(ixs) == 0:
		return dst, 0
	case len(ixs) == 1:
		pos, total = ixs[0].query(nil, from, to, max)
	default:
		upper := 0
		for _, ix := range ixs {
			upper += ix.count(from, to)
		}
		limit, exact := max, upper <= spreadBound*max
		if exact {
			limit = upper // gather everything: the total is then exact
		}
		for _, ix := range ixs {
			pos, _ = ix.query(pos, from, to, limit)
		}
		slices.Sort(pos)
		pos = slices.Compact(pos)
		total = len(pos)
		if !exact {
			total = upper
		}
		pos = s.reduce(pos, max)
	}
	dst = slices.Grow(dst, len(pos))
	for _, p := range pos {
		dst = append(dst, s.items[p])
	}
	return dst, total
}

// Density implements Source.
func (s *MemorySource) Density(dst []int, from, to float64, buckets int, lanes []int64) []int {
	if buckets <= 0 {
		return dst
	}
	first := len(dst)
	dst = slices.Grow(dst, buckets)[:first+buckets]
	counts := dst[first:]
	clear(counts)
	if !(from < to) {
		return dst
	}
	w := (to - from) / float64(buckets)
	bucket := func(start float64) int { return int((start - from) / w) }
	ixs := s.indexes(lanes)
	switch len(ixs) {
	case 0:
	case 1:
		ix := ixs[0]
		lo := sort.SearchFloat64s(ix.starts, from)
		hi := lo + sort.Search(len(ix.starts)-lo, func(j int) bool { return ix.starts[lo+j] >= to })
		if hi-lo <= 4*buckets {
			for _, st := range ix.starts[lo:hi] {
				if b := bucket(st); b >= 0 && b < buckets {
					counts[b]++
				}
			}
			break
		}
		// Bucket by bucket: the first start of each bucket, by the same
		// formula as above (it is monotonic in the start).
		at := lo
		for b := range buckets {
			next := at + sort.Search(hi-at, func(j int) bool { return bucket(ix.starts[at+j]) > b })
			counts[b] = next - at
			at = next
		}
	default:
		// Several lanes, not all: count each item in the first of its own
		// lanes that was asked for.
		want := make(map[int64]bool, len(lanes))
		for _, id := range lanes {
			want[id] = true
		}
		for id := range want {
			ix := s.lanes[id]
			if ix == nil {
				continue
			}
			lo := sort.SearchFloat64s(ix.starts, from)
			for j := lo; j < len(ix.starts) && ix.starts[j] < to; j++ {
				it := &s.items[ix.pos[j]]
				if i := slices.IndexFunc(it.Lanes, func(l int64) bool { return want[l] }); it.Lanes[i] != id {
					continue
				}
				if b := bucket(it.Start); b >= 0 && b < buckets {
					counts[b]++
				}
			}
		}
	}
	return dst
}

// Adjacent implements Source.
func (s *MemorySource) Adjacent(it Item, forward bool, lanes []int64) (Item, bool) {
	// p is the first position at or after it in (Start, ID) order.
	p := sort.Search(len(s.items), func(i int) bool { return compareItems(s.items[i], it) >= 0 })
	exact := p < len(s.items) && s.items[p].Start == it.Start && s.items[p].ID == it.ID
	best := int32(-1)
	for _, ix := range s.indexes(lanes) {
		var q int
		if forward {
			// First pos > p (when exact) or ≥ p.
			q = sort.Search(len(ix.pos), func(i int) bool {
				return int(ix.pos[i]) > p || !exact && int(ix.pos[i]) == p
			})
			if q < len(ix.pos) && (best < 0 || ix.pos[q] < best) {
				best = ix.pos[q]
			}
		} else {
			q = sort.Search(len(ix.pos), func(i int) bool { return int(ix.pos[i]) >= p }) - 1
			if q >= 0 && ix.pos[q] > best {
				best = ix.pos[q]
			}
		}
	}
	if best < 0 {
		return Item{}, false
	}
	return s.items[best], true
}

// indexes returns the indexes to query for a lane filter: the all-lanes
// index when the filter is nil or names every lane there is.
func (s *MemorySource) indexes(lanes []int64) []*index {
	if lanes == nil {
		return []*index{&s.all}
	}
	var ixs []*index
	for _, id := range lanes {
		if ix := s.lanes[id]; ix != nil && !slices.Contains(ixs, ix) {
			ixs = append(ixs, ix)
		}
	}
	if len(ixs) > 1 && len(ixs) == len(s.lanes) && s.laneless == 0 {
		return []*index{&s.all}
	}
	return ixs
}

// reduce keeps max of the positions (sorted), preferring importance and
// spreading the cut level evenly.
func (s *MemorySource) reduce(pos []int32, max int) []int32 {
	if len(pos) <= max {
		return pos
	}
	var count [6]int
	for _, p := range pos {
		count[clampImportance(s.items[p].Importance)]++
	}
	cut, keepAll := 0, 0 // levels above cut are kept whole; cut is sampled
	for lvl := 5; lvl >= 1; lvl-- {
		if keepAll+count[lvl] > max {
			cut = lvl
			break
		}
		keepAll += count[lvl]
	}
	rem, seen := max-keepAll, 0
	n := count[cut]
	out := pos[:0]
	for _, p := range pos {
		switch lvl := clampImportance(s.items[p].Importance); {
		case lvl > cut:
			out = append(out, p)
		case lvl == cut:
			// Keep the k-th of the level when it starts a new 1/rem share.
			if seen*rem/n != (seen+1)*rem/n || rem >= n {
				out = append(out, p)
			}
			seen++
		}
	}
	return out
}

// spread returns n of the positions, evenly spaced (in place).
func spread(pos []int32, n int) []int32 {
	if len(pos) <= n {
		return pos
	}
	out := pos[:0]
	for k := range n {
		out = append(out, pos[k*len(pos)/n])
	}
	return out
}

// compareItems orders items by (Start, ID).
func compareItems(a, b Item) int {
	if c := cmp.Compare(a.Start, b.Start); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// clampImportance returns imp within 1..5.
func clampImportance(imp int) int {
	return min(max(imp, 1), 5)
}

// add appends the item at global position p; items come in position order.
func (ix *index) add(it *Item, p int32) {
	ix.pos = append(ix.pos, p)
	ix.starts = append(ix.starts, it.Start)
	minDur, maxDur := durationClass(it.Stop - it.Start)
	lvl := &ix.levels[clampImportance(it.Importance)-1]
	i := slices.IndexFunc(*lvl, func(g group) bool { return g.minDur == minDur })
	if i < 0 {
		*lvl = append(*lvl, group{minDur: minDur, maxDur: maxDur})
		i = len(*lvl) - 1
	}
	g := &(*lvl)[i]
	g.pos = append(g.pos, p)
	g.starts = append(g.starts, it.Start)
	g.stops = append(g.stops, it.Stop)
}

// durationClass returns the power-of-two class [minDur, maxDur) of a
// duration, or 0, 0 for an instant.
func durationClass(d float64) (minDur, maxDur float64) {
	if !(d > 0) {
		return 0, 0
	}
	if math.IsInf(d, 1) {
		return math.MaxFloat64, math.Inf(1)
	}
	_, exp := math.Frexp(d) // d in [2^(exp-1), 2^exp)
	return math.Ldexp(1, exp-1), math.Ldexp(1, exp)
}

// window returns the index ranges of g that overlap [from, to): every
// item in [sure, hi) does, and those in [lo, sure) do when their stop is
// after from.
func (g *group) window(from, to float64) (lo, sure, hi int) {
	hi = sort.SearchFloat64s(g.starts, to)
	if g.maxDur == 0 {
		sure = sort.SearchFloat64s(g.starts[:hi], from)
		return sure, sure, hi
	}
	lo = sort.Search(hi, func(i int) bool { return g.starts[i] > from-g.maxDur })
	sure = lo + sort.Search(hi-lo, func(i int) bool { return g.starts[lo+i] > from-g.minDur })
	return lo, sure, hi
}

// overlapCount returns how many items of g overlap [from, to).
func (g *group) overlapCount(from, to float64) int {
	lo, sure, hi := g.window(from, to)
	n := hi - sure
	for _, stop := range g.stops[lo:sure] {
		if stop > from {
			n++
		}
	}
	return n
}

// appendStride appends the positions of the items of g that overlap
// [from, to) and whose index in g is a multiple of stride.
func (g *group) appendStride(dst []int32, from, to float64, stride int) []int32 {
	lo, sure, hi := g.window(from, to)
	for j := (lo + stride - 1) / stride * stride; j < sure; j += stride {
		if g.stops[j] > from {
			dst = append(dst, g.pos[j])
		}
	}
	for j := (sure + stride - 1) / stride * stride; j < hi; j += stride {
		dst = append(dst, g.pos[j])
	}
	return dst
}

// count returns how many items of ix overlap [from, to).
func (ix *index) count(from, to float64) int {
	n := 0
	for l := range ix.levels {
		for g := range ix.levels[l] {
			n += ix.levels[l][g].overlapCount(from, to)
		}
	}
	return n
}

// query appends to dst (unsorted) up to budget positions of the items of ix
// that overlap [from, to), most important levels first, sampling the level
// that does not fit whole with the finest power-of-two stride that fits.
// Strides are aligned on the group's own index, so the sample stays the same
// as the window moves and a finer stride keeps the coarser one's items.
// It returns the positions sorted when dst is empty, and the total count.
func (ix *index) query(dst []int32, from, to float64, budget int) ([]int32, int) {
	start := len(dst)
	var count [5]int
	total := 0
	for l := range ix.levels {
		for g := range ix.levels[l] {
			count[l] += ix.levels[l][g].overlapCount(from, to)
		}
		total += count[l]
	}
	taken := 0
	for l := 4; l >= 0 && taken < budget; l-- {
		rem := budget - taken
		if count[l] <= rem {
			for g := range ix.levels[l] {
				dst = ix.levels[l][g].appendStride(dst, from, to, 1)
			}
			taken += count[l]
			continue
		}
		// The cut level: the finest power-of-two stride that fits, and no
		// lower level after it, so that importance is strictly preferred.
		longest := 0
		for g := range ix.levels[l] {
			longest = max(longest, len(ix.levels[l][g].pos))
		}
		stride := 1
		for stride*rem < count[l] {
			stride *= 2
		}
		for {
			mark := len(dst)
			for g := range ix.levels[l] {
				dst = ix.levels[l][g].appendStride(dst, from, to, stride)
			}
			if len(dst)-mark <= rem {
				break
			}
			if stride > longest {
				// Every group gives at most its first item: thin evenly.
				slices.Sort(dst[mark:])
				dst = append(dst[:mark], spread(dst[mark:], rem)...)
				break
			}
			dst = dst[:mark]
			stride *= 2
		}
		break
	}
	if start == 0 {
		slices.Sort(dst)
	}
	return dst, total
}
