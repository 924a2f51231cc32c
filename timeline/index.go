package timeline

import (
	"math"
	"slices"
	"sort"
)

// Index answers a Source's window queries over items held by position: the
// items are numbered 0..n−1 in (Start, ID) order and described by parallel
// arrays, so that a Source may keep its items as it likes (MemorySource as
// Items, the app's index over a file as flat arrays of a million events)
// and still select exactly the same items, sample and totals.
//
// Every lane, and all lanes together, keep their positions grouped by
// importance and by duration class (powers of two), so counts are binary
// searches and samples are strides: Select answers in O(log n + k) for k
// positions returned, whatever the number of items in the window. A sample
// takes every 2^k-th item of the level it cuts, aligned on the item's place
// in its group, so it stays the same while the view pans and a zoom in only
// adds items; it fills between about half of max and max.
//
// An Index is read-only after NewIndex and safe for concurrent use.
type Index struct {
	starts, stops []float64
	imp           []int8
	// The lanes of position p are the lane set sets[p]: those of set k
	// are setIDs[setOff[k]:setOff[k+1]]. Items share few combinations of
	// lanes for their number (the generated million events with 50 actors
	// have 150), so four bytes an item stand for their lists.
	sets   []int32
	setOff []int32
	setIDs []int64

	all      laneIndex
	lanes    map[int64]*laneIndex
	laneless []int32 // the positions of the items without lanes, ascending
	from, to float64
}

// laneIndex holds the positions of one lane's items (or of every item,
// with pos nil: all positions).
type laneIndex struct {
	pos    []int32 // ascending; nil in the all-items index
	levels [5][]group
}

// group holds the positions of one importance level whose durations lie
// in [minDur, maxDur): a power-of-two class, or zero for instants.
type group struct {
	minDur, maxDur float64
	pos            []int32
}

// spreadBound is how many times max an exact multi-lane query may gather
// before it falls back to per-lane samples (with an upper-bound total).
const spreadBound = 4

// NewIndex indexes n = len(starts) items by position. Position p has
// starts[p], stops[p] (≥ starts[p], not NaN), importance imp[p] (read as
// 1..5) and the lanes lanes(p); positions must be in (Start, ID) order.
// starts, stops and imp are kept, not copied, and must not change
// afterwards; lanes is called once for each position, here, and what it
// returns is copied (Lanes returns it afterwards).
func NewIndex(starts, stops []float64, imp []int8, lanes func(p int) []int64) *Index {
	x := &Index{starts: starts, stops: stops, imp: imp, lanes: map[int64]*laneIndex{}}
	n := len(starts)
	x.setLanes(n, lanes)
	// The lane indexes (numbered from 1; 0 is all items) of each lane set,
	// without repeats: ixs[ixOff[k]:ixOff[k+1]] for set k.
	laneAt := map[int64]int32{}
	var ixOff, ixs []int32
	ixOff = append(ixOff, 0)
	for k := range len(x.setOff) - 1 {
		lanes := x.setIDs[x.setOff[k]:x.setOff[k+1]]
		for j, id := range lanes {
			if slices.Contains(lanes[:j], id) {
				continue
			}
			i, ok := laneAt[id]
			if !ok {
				i = int32(len(laneAt) + 1)
				laneAt[id] = i
			}
			ixs = append(ixs, i)
		}
		ixOff = append(ixOff, int32(len(ixs)))
	}
	x.from, x.to = math.Inf(1), math.Inf(-1)
	// Count first, so that every slice is allocated once at its size: per
	// lane index, importance level and duration class.
	groupCount := make([][5][65]int, 1+len(laneAt))
	for p := range n {
		x.from, x.to = min(x.from, starts[p]), max(x.to, stops[p])
		lvl, c := x.class(p)
		groupCount[0][lvl][c]++
		k := x.sets[p]
		if ixOff[k] == ixOff[k+1] {
			x.laneless = append(x.laneless, int32(p))
		}
		for _, i := range ixs[ixOff[k]:ixOff[k+1]] {
			groupCount[i][lvl][c]++
		}
	}
	index := make([]*laneIndex, len(groupCount))
	index[0] = &x.all
	for id, i := range laneAt {
		size := 0
		for l := range groupCount[i] {
			for _, m := range groupCount[i][l] {
				size += m
			}
		}
		index[i] = &laneIndex{pos: make([]int32, 0, size)}
		x.lanes[id] = index[i]
	}
	// Each index's group of a level and class, found once.
	slot := make([][5][65]int32, len(groupCount)) // 1 + the group's place, 0 for none yet
	add := func(i int32, p int32, lvl, c int) {
		ix := index[i]
		if ix.pos != nil {
			ix.pos = append(ix.pos, p)
		}
		groups := &ix.levels[lvl]
		g := int(slot[i][lvl][c]) - 1
		if g < 0 {
			minDur, maxDur := classBounds(c)
			*groups = append(*groups, group{minDur: minDur, maxDur: maxDur, pos: make([]int32, 0, groupCount[i][lvl][c])})
			g = len(*groups) - 1
			slot[i][lvl][c] = int32(g + 1)
		}
		(*groups)[g].pos = append((*groups)[g].pos, p)
	}
	for p := range int32(n) {
		lvl, c := x.class(int(p))
		add(0, p, lvl, c)
		k := x.sets[p]
		for _, i := range ixs[ixOff[k]:ixOff[k+1]] {
			add(i, p, lvl, c)
		}
	}
	return x
}

// setLanes numbers the distinct lists of lanes(p) of the n positions
// and gives each position its list's number. Lists are found through an
// open-addressing table of 1 + list numbers (0: empty), kept at most half
// full; with a map keyed by the lists' bytes instead, NewIndex took half as
// long again on a million items.
func (x *Index) setLanes(n int, lanes func(p int) []int64) {
	x.sets = make([]int32, n)
	x.setOff = []int32{0}
	hash := func(ls []int64) uint64 {
		h := uint64(len(ls)) * 0x9e3779b97f4a7c15
		for _, id := range ls {
			h = (h ^ uint64(id)) * 0xff51afd7ed558ccd
			h ^= h >> 32
		}
		return h
	}
	var table []int32
	// slot returns where list ls is in table, or the empty slot for it.
	slot := func(ls []int64) uint64 {
		mask := uint64(len(table) - 1)
		at := hash(ls) & mask
		for table[at] != 0 && !slices.Equal(ls, x.lanesOfSet(table[at]-1)) {
			at = (at + 1) & mask
		}
		return at
	}
	for p := range n {
		ls := lanes(p)
		if p > 0 && slices.Equal(ls, x.Lanes(p-1)) {
			x.sets[p] = x.sets[p-1]
			continue
		}
		if lists := len(x.setOff) - 1; 2*(lists+1) > len(table) {
			table = make([]int32, max(1024, 2*len(table)))
			for k := range int32(lists) {
				table[slot(x.lanesOfSet(k))] = k + 1
			}
		}
		at := slot(ls)
		if table[at] == 0 {
			table[at] = int32(len(x.setOff))
			x.setIDs = append(x.setIDs, ls...)
			x.setOff = append(x.setOff, int32(len(x.setIDs)))
		}
		x.sets[p] = table[at] - 1
	}
	// Without the room that append grew.
	x.setIDs = slices.Clone(x.setIDs)
	x.setOff = slices.Clone(x.setOff)
}

// lanesOfSet returns the lanes of lane set k.
func (x *Index) lanesOfSet(k int32) []int64 {
	a, b := x.setOff[k], x.setOff[k+1]
	return x.setIDs[a:b:b]
}

// class returns the importance level (0..4) and the duration class of p:
// 0 for an instant, else the binary exponent of its duration, within 1..64
// (see classBounds).
func (x *Index) class(p int) (lvl, c int) {
	lvl = clampImportance(int(x.imp[p])) - 1
	d := x.stops[p] - x.starts[p]
	if !(d > 0) {
		return lvl, 0
	}
	if math.IsInf(d, 1) {
		return lvl, 64
	}
	_, exp := math.Frexp(d) // d in [2^(exp-1), 2^exp)
	return lvl, min(max(exp, 1), 64)
}

// classBounds returns the durations [minDur, maxDur) of a duration class:
// 0, 0 for instants; under 2 s for class 1; [2^(c-1), 2^c) up to class 63;
// 2^63 s and beyond (longer than the universe is old) for class 64.
func classBounds(c int) (minDur, maxDur float64) {
	switch c {
	case 0:
		return 0, 0
	case 1:
		return 0, 2
	case 64:
		return math.Ldexp(1, 63), math.Inf(1)
	}
	return math.Ldexp(1, c-1), math.Ldexp(1, c)
}

// Len returns the number of items.
func (x *Index) Len() int { return len(x.starts) }

// Lanes returns the lanes of the item at position p (not to be modified).
func (x *Index) Lanes(p int) []int64 { return x.lanesOfSet(x.sets[p]) }

// Bounds returns the first second covered by any item and the first second
// after the last, as Source.Bounds.
func (x *Index) Bounds() (from, to float64, ok bool) {
	if len(x.starts) == 0 {
		return 0, 0, false
	}
	return x.from, x.to, true
}

// Select appends to dst the positions, ascending, of the items that
// Source.Items returns for the same arguments, and returns the total that
// Items returns.
func (x *Index) Select(dst []int32, from, to float64, lanes []int64, max int) ([]int32, int) {
	if !(from < to) || max <= 0 {
		return dst, 0
	}
	ixs := x.indexes(lanes)
	switch len(ixs) {
	case 0:
		return dst, 0
	case 1:
		start := len(dst)
		dst, total := x.query(ixs[0], dst, from, to, max)
		slices.Sort(dst[start:])
		return dst, total
	}
	upper := 0
	for _, ix := range ixs {
		upper += x.count(ix, from, to)
	}
	limit, exact := max, upper <= spreadBound*max
	if exact {
		limit = upper // gather everything: the total is then exact
	}
	var pos []int32
	for _, ix := range ixs {
		pos, _ = x.query(ix, pos, from, to, limit)
	}
	slices.Sort(pos)
	pos = slices.Compact(pos)
	total := len(pos)
	if !exact {
		total = upper
	}
	return append(dst, x.reduce(pos, max)...), total
}

// Density appends to dst buckets counts of the items of the given lanes
// by start, as Source.Density.
func (x *Index) Density(dst []int, from, to float64, buckets int, lanes []int64) []int {
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
	ixs := x.indexes(lanes)
	switch len(ixs) {
	case 0:
	case 1:
		ix := ixs[0]
		n := x.size(ix)
		lo := sort.Search(n, func(k int) bool { return x.startAt(ix, k) >= from })
		hi := lo + sort.Search(n-lo, func(j int) bool { return x.startAt(ix, lo+j) >= to })
		if hi-lo <= 4*buckets {
			for k := lo; k < hi; k++ {
				if b := bucket(x.startAt(ix, k)); b >= 0 && b < buckets {
					counts[b]++
				}
			}
			break
		}
		// Bucket by bucket: the first start of each bucket, by the same
		// formula as above (it is monotonic in the start), searched from
		// the previous one outwards, so that the search reads near it.
		at := lo
		for b := range buckets {
			next := gallop(at, hi, func(k int) bool { return bucket(x.startAt(ix, k)) > b })
			counts[b] = next - at
			at = next
		}
	default:
		want := make(map[int64]bool, len(lanes))
		for _, id := range lanes {
			want[id] = true
		}
		if 2*len(want) > len(x.lanes) {
			// Most lanes shown (one actor of fifty hidden, say): count
			// every item, then take away the few that no shown lane has.
			x.densityExcept(counts, from, to, buckets, want)
			break
		}
		// Few lanes: count each item in the first of its lanes asked for.
		for id := range want {
			ix := x.lanes[id]
			if ix == nil {
				continue
			}
			lo := sort.Search(len(ix.pos), func(k int) bool { return x.starts[ix.pos[k]] >= from })
			for j := lo; j < len(ix.pos) && x.starts[ix.pos[j]] < to; j++ {
				p := int(ix.pos[j])
				ls := x.Lanes(p)
				if i := slices.IndexFunc(ls, func(l int64) bool { return want[l] }); ls[i] != id {
					continue
				}
				if b := bucket(x.starts[p]); b >= 0 && b < buckets {
					counts[b]++
				}
			}
		}
	}
	return dst
}

// gallop returns the first k in [lo, hi) for which after(k) is true (hi if
// none), for after false then true over the range: it tries lo+1, lo+2,
// lo+4… and then searches between the last two tries, so it costs the
// log of the distance found, not of the range.
func gallop(lo, hi int, after func(k int) bool) int {
	if lo >= hi || after(lo) {
		return lo
	}
	prev, step := lo, 1 // after(prev) is false
	for prev+step < hi && !after(prev+step) {
		prev += step
		step *= 2
	}
	end := min(prev+step, hi)
	return prev + 1 + sort.Search(end-prev-1, func(j int) bool { return after(prev + 1 + j) })
}

// densityExcept fills counts with the density of the items in at least
// one of the wanted lanes: that of all items, less the items of the other
// lanes that have no wanted lane (each taken at its first lane), less the
// items without lanes. It reads only the unwanted lanes, so hiding one
// actor of fifty costs a fiftieth of a full count.
func (x *Index) densityExcept(counts []int, from, to float64, buckets int, want map[int64]bool) {
	copy(counts, x.Density(nil, from, to, buckets, nil))
	w := (to - from) / float64(buckets)
	take := func(p int32) {
		if b := int((x.starts[p] - from) / w); b >= 0 && b < buckets {
			counts[b]--
		}
	}
	wanted := func(l int64) bool { return want[l] }
	for id, ix := range x.lanes {
		if want[id] {
			continue
		}
		lo := sort.Search(len(ix.pos), func(k int) bool { return x.starts[ix.pos[k]] >= from })
		for j := lo; j < len(ix.pos) && x.starts[ix.pos[j]] < to; j++ {
			p := ix.pos[j]
			if ls := x.Lanes(int(p)); ls[0] == id && !slices.ContainsFunc(ls, wanted) {
				take(p)
			}
		}
	}
	lo := sort.Search(len(x.laneless), func(k int) bool { return x.starts[x.laneless[k]] >= from })
	for j := lo; j < len(x.laneless) && x.starts[x.laneless[j]] < to; j++ {
		take(x.laneless[j])
	}
}

// Adjacent returns the position of the item of the given lanes that
// follows (forward) or precedes position p in (Start, ID) order, as
// Source.Adjacent. p is where the item asked about is, or would be: when
// exact is false no item is at p, and the one at p (if any) follows it.
func (x *Index) Adjacent(p int, exact, forward bool, lanes []int64) (int32, bool) {
	best := int32(-1)
	for _, ix := range x.indexes(lanes) {
		m := x.size(ix)
		if forward {
			// The first position after p (or at p, when not exact).
			q := sort.Search(m, func(i int) bool {
				q := int(ix.posAt(i))
				return q > p || !exact && q == p
			})
			if q < m && (best < 0 || ix.posAt(q) < best) {
				best = ix.posAt(q)
			}
		} else {
			q := sort.Search(m, func(i int) bool { return int(ix.posAt(i)) >= p }) - 1
			if q >= 0 && ix.posAt(q) > best {
				best = ix.posAt(q)
			}
		}
	}
	return best, best >= 0
}

// indexes returns the indexes to query for a lane filter: the all-items
// index when the filter is nil or names every lane there is.
func (x *Index) indexes(lanes []int64) []*laneIndex {
	if lanes == nil {
		return []*laneIndex{&x.all}
	}
	var ixs []*laneIndex
	for _, id := range lanes {
		if ix := x.lanes[id]; ix != nil && !slices.Contains(ixs, ix) {
			ixs = append(ixs, ix)
		}
	}
	if len(ixs) > 1 && len(ixs) == len(x.lanes) && len(x.laneless) == 0 {
		return []*laneIndex{&x.all}
	}
	return ixs
}

// size returns the number of items in ix.
func (x *Index) size(ix *laneIndex) int {
	if ix.pos == nil {
		return len(x.starts)
	}
	return len(ix.pos)
}

// startAt returns the start of the k-th item of ix.
func (x *Index) startAt(ix *laneIndex, k int) float64 {
	return x.starts[ix.posAt(k)]
}

// posAt returns the position of the k-th item of ix.
func (ix *laneIndex) posAt(k int) int32 {
	if ix.pos == nil {
		return int32(k)
	}
	return ix.pos[k]
}

// reduce keeps max of the positions (sorted), preferring importance and
// spreading the cut level evenly.
func (x *Index) reduce(pos []int32, max int) []int32 {
	if len(pos) <= max {
		return pos
	}
	var count [6]int
	for _, p := range pos {
		count[clampImportance(int(x.imp[p]))]++
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
		switch lvl := clampImportance(int(x.imp[p])); {
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

// window returns the index ranges of g that overlap [from, to): every item
// in [sure, hi) does, and those in [lo, sure) do when their stop is after
// from.
func (x *Index) window(g *group, from, to float64) (lo, sure, hi int) {
	start := func(i int) float64 { return x.starts[g.pos[i]] }
	hi = sort.Search(len(g.pos), func(i int) bool { return start(i) >= to })
	if g.maxDur == 0 {
		sure = sort.Search(hi, func(i int) bool { return start(i) >= from })
		return sure, sure, hi
	}
	lo = sort.Search(hi, func(i int) bool { return start(i) > from-g.maxDur })
	sure = lo + sort.Search(hi-lo, func(i int) bool { return start(lo+i) > from-g.minDur })
	return lo, sure, hi
}

// overlapCount returns how many items of g overlap [from, to).
func (x *Index) overlapCount(g *group, from, to float64) int {
	lo, sure, hi := x.window(g, from, to)
	n := hi - sure
	for _, p := range g.pos[lo:sure] {
		if x.stops[p] > from {
			n++
		}
	}
	return n
}

// appendStride appends the positions of the items of g that overlap
// [from, to) and whose index in g is a multiple of stride.
func (x *Index) appendStride(dst []int32, g *group, from, to float64, stride int) []int32 {
	lo, sure, hi := x.window(g, from, to)
	for j := (lo + stride - 1) / stride * stride; j < sure; j += stride {
		if x.stops[g.pos[j]] > from {
			dst = append(dst, g.pos[j])
		}
	}
	for j := (sure + stride - 1) / stride * stride; j < hi; j += stride {
		dst = append(dst, g.pos[j])
	}
	return dst
}

// count returns how many items of ix overlap [from, to).
func (x *Index) count(ix *laneIndex, from, to float64) int {
	n := 0
	for l := range ix.levels {
		for g := range ix.levels[l] {
			n += x.overlapCount(&ix.levels[l][g], from, to)
		}
	}
	return n
}

// query appends to dst (unsorted) up to budget positions of the items of ix
// that overlap [from, to), most important levels first, sampling the level
// that does not fit whole with the finest power-of-two stride that fits.
// Strides are aligned on the group's own index, so the sample stays the same
// as the window moves and a finer stride keeps the coarser one's items.
// It returns the total count.
func (x *Index) query(ix *laneIndex, dst []int32, from, to float64, budget int) ([]int32, int) {
	var count [5]int
	total := 0
	for l := range ix.levels {
		for g := range ix.levels[l] {
			count[l] += x.overlapCount(&ix.levels[l][g], from, to)
		}
		total += count[l]
	}
	taken := 0
	for l := 4; l >= 0 && taken < budget; l-- {
		rem := budget - taken
		if count[l] <= rem {
			for g := range ix.levels[l] {
				dst = x.appendStride(dst, &ix.levels[l][g], from, to, 1)
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
				dst = x.appendStride(dst, &ix.levels[l][g], from, to, stride)
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
	return dst, total
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

// clampImportance returns imp within 1..5.
func clampImportance(imp int) int {
	return min(max(imp, 1), 5)
}
