package app

import (
	"cmp"
	"errors"
	"math"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"sync"

	"chronoscope/data"
	"chronoscope/timeline"
)

// storeSource is a timeline.Source over a chronology file too large to hold
// as timeline items (see storeSourceFrom). It keeps a compact index of every
// event in memory — id, start, stop, importance, certainty, span flag and
// actor ids, in flat arrays sorted by (start, id), about 60 bytes an event
// with the window indexes — and answers Items, Density, Bounds, Item and
// Adjacent from it exactly as timeline.MemorySource would over the same
// events (the same selection, sample and totals: the index is the same,
// with positions in place of copies).
//
// Titles and formatted dates are read lazily: an item whose text is not in
// the bounded cache comes back with an empty Title and When, its id is
// queued, and one background query (data.Tx.EventRows) fetches the queued
// ids; then onChange is called (the view reloads the widget). Only the
// cache and the queue are guarded by mu: the index is read-only after
// loadStoreSource.
type storeSource struct {
	store *data.Store
	// async runs a fetch off the UI goroutine (go work() in the app; tests
	// run it inline).
	async func(work func())

	// The index, by position in (start, id) order.
	ids      []int64
	starts   []float64
	stops    []float64
	imp      []int8
	cert     []timeline.Certainty
	span     []bool
	laneOff  []int32 // the lanes of position p are laneIDs[laneOff[p]:laneOff[p+1]]
	laneIDs  []int64
	byID     []int32 // positions sorted by id; nil when ids ascend with positions
	all      storeIndex
	lanes    map[int64]*storeIndex
	laneless int
	// lanelessPos are the positions of the events without lanes, ascending.
	lanelessPos []int32
	from, to    float64

	mu       sync.Mutex
	onChange func()         // called after fetched text arrives, off the UI goroutine
	text     textCache      // id → title and date
	want     []int64        // ids to fetch next: the latest view's
	wanted   map[int64]bool // the ids in want
	fetching bool
}

var _ timeline.Source = (*storeSource)(nil)

// storeIndex holds the positions of one lane's events (or of all events,
// with pos nil: every position), like MemorySource's index.
type storeIndex struct {
	pos    []int32 // ascending; nil in the all-events index
	levels [5][]storeGroup
}

// storeGroup holds the positions of one importance level whose durations
// lie in [minDur, maxDur), as MemorySource's group; starts and stops are
// read through the positions.
type storeGroup struct {
	minDur, maxDur float64
	pos            []int32
}

// textCacheSize bounds the titles kept: a few screens' worth of the
// densest view (Items returns at most about 1,200 items).
const textCacheSize = 16384

// itemText is what is fetched lazily for an item.
type itemText struct{ title, when string }

// textCache is a two-generation cache: lookups hit either generation
// (and move the entry to the young one); when the young one is full it
// becomes the old one and the old one is dropped, so the most recently
// used entries survive, at most 2×size of them.
type textCache struct {
	young, old map[int64]itemText
	size       int
}

func (c *textCache) get(id int64) (itemText, bool) {
	if t, ok := c.young[id]; ok {
		return t, true
	}
	if t, ok := c.old[id]; ok {
		c.put(id, t)
		return t, true
	}
	return itemText{}, false
}

func (c *textCache) put(id int64, t itemText) {
	if c.young == nil {
		c.young = make(map[int64]itemText)
	}
	if len(c.young) >= c.size {
		c.old, c.young = c.young, make(map[int64]itemText, c.size)
	}
	c.young[id] = t
}

// parallelFrom is the size from which the index is read and sorted on
// several cores (a variable so that tests can use the parallel path on
// small files).
var parallelFrom = 100_000

// loadStoreSource reads the compact index of every event of s that keep
// accepts (nil: every event). Call it off the UI goroutine: it takes about
// a second for a million events. A large file is read in id ranges on
// several connections at once (one a core, up to four); each range is a
// read transaction of its own, so a change committed meanwhile may show in
// some ranges only — the view reloads after any change anyway.
func loadStoreSource(s *data.Store, keep func(*data.CompactRow) bool) (*storeSource, error) {
	src := &storeSource{
		store:  s,
		async:  func(work func()) { go work() },
		lanes:  map[int64]*storeIndex{},
		text:   textCache{size: textCacheSize},
		wanted: map[int64]bool{},
	}
	// The window collects garbage early (see guiGCPercent); a load makes
	// a lot of it at once, faster with the usual pace.
	if prev := debug.SetGCPercent(100); prev > 100 || prev < 0 {
		debug.SetGCPercent(prev)
	} else {
		defer debug.SetGCPercent(prev)
	}
	var n int
	var lo, hi int64
	var has bool
	err := s.View(func(tx *data.Tx) (err error) {
		if n, err = tx.Count(data.Filter{}); err != nil {
			return err
		}
		lo, hi, has, err = tx.IDRange()
		return err
	})
	if err != nil {
		return nil, err
	}
	parts := 1
	if n >= parallelFrom {
		parts = min(runtime.GOMAXPROCS(0), 4)
	}
	read := make([]*compactPart, parts)
	errs := make([]error, parts)
	if has {
		var wg sync.WaitGroup
		step := (hi - lo + int64(parts)) / int64(parts)
		for i := range parts {
			from, to := lo+int64(i)*step, lo+int64(i+1)*step
			if i == parts-1 {
				to = hi + 1
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				read[i], errs[i] = readCompactPart(s, from, to, n/parts, keep)
			}()
		}
		wg.Wait()
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	src.join(read)
	src.sortByStart()
	src.build()
	// Sorting and building needed about twice the index in passing; give
	// that back to the system now rather than over the next minutes.
	debug.FreeOSMemory()
	return src, nil
}

// compactPart is the compact index of one id range, in id order.
type compactPart struct {
	ids     []int64
	starts  []float64
	stops   []float64
	imp     []int8
	cert    []timeline.Certainty
	span    []bool
	laneOff []int32 // laneIDs[laneOff[k]:laneOff[k+1]] are event k's; laneOff[0] = 0
	laneIDs []int64
}

// readCompactPart reads the events with ids in [from, to) that keep
// accepts, in one read transaction; about is how many to expect.
func readCompactPart(s *data.Store, from, to int64, about int, keep func(*data.CompactRow) bool) (*compactPart, error) {
	p := &compactPart{
		ids:     make([]int64, 0, about),
		starts:  make([]float64, 0, about),
		stops:   make([]float64, 0, about),
		imp:     make([]int8, 0, about),
		cert:    make([]timeline.Certainty, 0, about),
		span:    make([]bool, 0, about),
		laneOff: make([]int32, 1, about+1),
		laneIDs: make([]int64, 0, about*3/2),
	}
	err := s.View(func(tx *data.Tx) error {
		return tx.CompactRange(from, to, func(r *data.CompactRow) error {
			if keep != nil && !keep(r) {
				return nil
			}
			start, stop := float64(r.StartS), float64(r.StopS)
			if !(stop >= start) {
				stop = start
			}
			p.ids = append(p.ids, r.ID)
			p.starts = append(p.starts, start)
			p.stops = append(p.stops, stop)
			p.imp = append(p.imp, int8(min(max(r.Importance, math.MinInt8), math.MaxInt8)))
			p.cert = append(p.cert, timelineCertainty(r.Certainty))
			p.span = append(p.span, r.HasEnd)
			p.laneIDs = append(p.laneIDs, r.Actors...)
			p.laneOff = append(p.laneOff, int32(len(p.laneIDs)))
			return nil
		})
	})
	return p, err
}

// join puts the parts, in order, into s's arrays.
func (s *storeSource) join(parts []*compactPart) {
	n, lanes := 0, 0
	for _, p := range parts {
		if p != nil {
			n += len(p.ids)
			lanes += len(p.laneIDs)
		}
	}
	s.ids = make([]int64, 0, n)
	s.starts = make([]float64, 0, n)
	s.stops = make([]float64, 0, n)
	s.imp = make([]int8, 0, n)
	s.cert = make([]timeline.Certainty, 0, n)
	s.span = make([]bool, 0, n)
	s.laneOff = make([]int32, 1, n+1)
	s.laneIDs = make([]int64, 0, lanes)
	for _, p := range parts {
		if p == nil {
			continue
		}
		base := int32(len(s.laneIDs))
		s.ids = append(s.ids, p.ids...)
		s.starts = append(s.starts, p.starts...)
		s.stops = append(s.stops, p.stops...)
		s.imp = append(s.imp, p.imp...)
		s.cert = append(s.cert, p.cert...)
		s.span = append(s.span, p.span...)
		s.laneIDs = append(s.laneIDs, p.laneIDs...)
		for _, off := range p.laneOff[1:] {
			s.laneOff = append(s.laneOff, base+off)
		}
	}
}

// sortByStart puts the arrays in (start, id) order. Files are mostly
// written in time order, so the check usually suffices.
func (s *storeSource) sortByStart() {
	less := func(i, j int) int {
		if c := cmp.Compare(s.starts[i], s.starts[j]); c != 0 {
			return c
		}
		return cmp.Compare(s.ids[i], s.ids[j])
	}
	sorted := true
	for i := 1; i < len(s.ids); i++ {
		if less(i-1, i) > 0 {
			sorted = false
			break
		}
	}
	if sorted {
		return
	}
	// Sort the keys by value, not through the positions: three times
	// faster than an index sort on a million events.
	type key struct {
		start float64
		id    int64
		p     int32
	}
	keys := make([]key, len(s.ids))
	for i := range keys {
		keys[i] = key{s.starts[i], s.ids[i], int32(i)}
	}
	order := func(a, b key) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	}
	perm := make([]int32, len(keys))
	if len(keys) < parallelFrom || runtime.GOMAXPROCS(0) < 2 {
		slices.SortFunc(keys, order)
		for i, k := range keys {
			perm[i] = k.p
		}
	} else {
		// Two halves sorted at once, then merged: nearly twice as fast on
		// two cores.
		a, b := keys[:len(keys)/2], keys[len(keys)/2:]
		var wg sync.WaitGroup
		wg.Go(func() { slices.SortFunc(a, order) })
		slices.SortFunc(b, order)
		wg.Wait()
		i, j := 0, 0
		for k := range perm {
			if j == len(b) || i < len(a) && order(a[i], b[j]) <= 0 {
				perm[k] = a[i].p
				i++
			} else {
				perm[k] = b[j].p
				j++
			}
		}
	}
	keys = nil
	s.ids = permute(s.ids, perm)
	s.starts = permute(s.starts, perm)
	s.stops = permute(s.stops, perm)
	s.imp = permute(s.imp, perm)
	s.cert = permute(s.cert, perm)
	s.span = permute(s.span, perm)
	off := make([]int32, 1, len(s.laneOff))
	lanes := make([]int64, 0, len(s.laneIDs))
	for _, p := range perm {
		lanes = append(lanes, s.laneIDs[s.laneOff[p]:s.laneOff[p+1]]...)
		off = append(off, int32(len(lanes)))
	}
	s.laneOff, s.laneIDs = off, lanes
}

// permute returns xs in the order of perm, in a new slice.
func permute[T any](xs []T, perm []int32) []T {
	out := make([]T, len(xs))
	for i, p := range perm {
		out[i] = xs[p]
	}
	return out
}

// build makes the id lookup and the window indexes.
func (s *storeSource) build() {
	n := len(s.ids)
	// The id lookup is sorted while the window indexes are built. When
	// ids ascend with positions there is none: Item searches ids.
	var wg sync.WaitGroup
	if !slices.IsSorted(s.ids) {
		wg.Go(func() {
			type key struct {
				id int64
				p  int32
			}
			keys := make([]key, n)
			for i := range keys {
				keys[i] = key{s.ids[i], int32(i)}
			}
			slices.SortFunc(keys, func(a, b key) int { return cmp.Compare(a.id, b.id) })
			s.byID = make([]int32, n)
			for i, k := range keys {
				s.byID[i] = k.p
			}
		})
	}
	defer wg.Wait()
	s.from, s.to = math.Inf(1), math.Inf(-1)
	// Count first, so every slice is allocated once at its size: per lane
	// (0 for all events), level and duration class (by binary exponent;
	// durations are whole seconds, so 1..64, and 0 for instants).
	type counts [5][66]int
	laneAt := map[int64]int{}
	var groupCount []counts
	groupCount = append(groupCount, counts{})
	class := func(p int) (int, int) {
		lvl := clampImportance(int(s.imp[p])) - 1
		d := s.stops[p] - s.starts[p]
		if !(d > 0) {
			return lvl, 0
		}
		_, exp := math.Frexp(d)
		return lvl, min(max(exp, 1), 65)
	}
	for p := range n {
		s.from, s.to = min(s.from, s.starts[p]), max(s.to, s.stops[p])
		lvl, c := class(p)
		groupCount[0][lvl][c]++
		lanes := s.lanesOf(p)
		if len(lanes) == 0 {
			s.laneless++
			s.lanelessPos = append(s.lanelessPos, int32(p))
		}
		for j, id := range lanes {
			if slices.Contains(lanes[:j], id) {
				continue
			}
			k, ok := laneAt[id]
			if !ok {
				k = len(groupCount)
				laneAt[id] = k
				groupCount = append(groupCount, counts{})
			}
			groupCount[k][lvl][c]++
		}
	}
	for id, k := range laneAt {
		c := 0
		for l := range groupCount[k] {
			for _, m := range groupCount[k][l] {
				c += m
			}
		}
		s.lanes[id] = &storeIndex{pos: make([]int32, 0, c)}
	}
	// Each index's group of a level and duration class, found once.
	slot := make([][5][66]int32, len(groupCount)) // 1 + the group's place, 0 for none yet
	ixs := make([]*storeIndex, len(groupCount))
	ixs[0] = &s.all
	for id, k := range laneAt {
		ixs[k] = s.lanes[id]
	}
	add := func(k int, p int32, lvl, c int, minDur, maxDur float64) {
		ix := ixs[k]
		if ix.pos != nil {
			ix.pos = append(ix.pos, p)
		}
		groups := &ix.levels[lvl]
		i := int(slot[k][lvl][c]) - 1
		if i < 0 {
			*groups = append(*groups, storeGroup{minDur: minDur, maxDur: maxDur, pos: make([]int32, 0, groupCount[k][lvl][c])})
			i = len(*groups) - 1
			slot[k][lvl][c] = int32(i + 1)
		}
		g := &(*groups)[i]
		g.pos = append(g.pos, p)
	}
	for p := range int32(n) {
		lvl, c := class(int(p))
		minDur, maxDur := durationClass(s.stops[p] - s.starts[p])
		add(0, p, lvl, c, minDur, maxDur)
		lanes := s.lanesOf(int(p))
		for j, id := range lanes {
			if slices.Contains(lanes[:j], id) {
				continue
			}
			add(laneAt[id], p, lvl, c, minDur, maxDur)
		}
	}
}

// Len returns the number of events indexed.
func (s *storeSource) Len() int { return len(s.ids) }

// setOnChange sets the function called (off the UI goroutine) when fetched
// titles arrive.
func (s *storeSource) setOnChange(f func()) {
	s.mu.Lock()
	s.onChange = f
	s.mu.Unlock()
}

func (s *storeSource) lanesOf(p int) []int64 {
	a, b := s.laneOff[p], s.laneOff[p+1]
	return s.laneIDs[a:b:b]
}

// item builds the item at position p, with its text when cached. Call with
// mu held.
func (s *storeSource) item(p int32) (timeline.Item, bool) {
	it := timeline.Item{
		ID: s.ids[p], Start: s.starts[p], Stop: s.stops[p], Lanes: s.lanesOf(int(p)),
		Certainty: s.cert[p], Importance: int(s.imp[p]), Span: s.span[p],
	}
	t, ok := s.text.get(it.ID)
	it.Title, it.When = t.title, t.when
	return it, ok
}

// appendItems appends the items at positions pos to dst, queueing the
// ids without text; replace drops the ids queued before (those of an
// earlier view).
func (s *storeSource) appendItems(dst []timeline.Item, pos []int32, replace bool) []timeline.Item {
	s.mu.Lock()
	if replace {
		s.want = s.want[:0]
		clear(s.wanted)
	}
	for _, p := range pos {
		it, ok := s.item(p)
		if !ok && !s.wanted[it.ID] {
			s.wanted[it.ID] = true
			s.want = append(s.want, it.ID)
		}
		dst = append(dst, it)
	}
	start := len(s.want) > 0 && !s.fetching
	if start {
		s.fetching = true
	}
	s.mu.Unlock()
	if start {
		s.async(s.fetch)
	}
	return dst
}

// fetch reads the text of the queued ids, in batches, until none are
// left, and calls onChange after each batch.
func (s *storeSource) fetch() {
	for {
		s.mu.Lock()
		ids := slices.Clone(s.want)
		s.want = s.want[:0]
		clear(s.wanted)
		if len(ids) == 0 {
			s.fetching = false
			s.mu.Unlock()
			return
		}
		s.mu.Unlock()
		var rows []data.EventRow
		err := s.store.View(func(tx *data.Tx) (err error) {
			rows, err = tx.EventRows(ids)
			return err
		})
		texts := make([]itemText, len(rows))
		for i, r := range rows {
			texts[i] = itemText{r.Title, FormatWhen(r.Start, r.End, r.Location())}
		}
		s.mu.Lock()
		for i, r := range rows {
			s.text.put(r.ID, texts[i])
		}
		onChange := s.onChange
		if err != nil {
			// The store is closed or failing: give up on this view's text;
			// the next view change asks again.
			s.want = s.want[:0]
			clear(s.wanted)
			s.fetching = false
			s.mu.Unlock()
			return
		}
		s.mu.Unlock()
		if onChange != nil && len(rows) > 0 {
			onChange()
		}
	}
}

// Bounds implements timeline.Source.
func (s *storeSource) Bounds() (from, to float64, ok bool) {
	if len(s.ids) == 0 {
		return 0, 0, false
	}
	return s.from, s.to, true
}

// Item implements timeline.Source.
func (s *storeSource) Item(id int64) (timeline.Item, bool) {
	var p int32
	if s.byID == nil {
		i, ok := slices.BinarySearch(s.ids, id)
		if !ok {
			return timeline.Item{}, false
		}
		p = int32(i)
	} else {
		i, ok := slices.BinarySearchFunc(s.byID, id, func(p int32, id int64) int { return cmp.Compare(s.ids[p], id) })
		if !ok {
			return timeline.Item{}, false
		}
		p = s.byID[i]
	}
	items := s.appendItems(nil, []int32{p}, false)
	return items[0], true
}

// Items implements timeline.Source, as MemorySource.Items.
func (s *storeSource) Items(dst []timeline.Item, from, to float64, lanes []int64, max int) ([]timeline.Item, int) {
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
		pos, total = s.query(ixs[0], nil, from, to, max)
	default:
		upper := 0
		for _, ix := range ixs {
			upper += s.count(ix, from, to)
		}
		limit, exact := max, upper <= spreadBound*max
		if exact {
			limit = upper
		}
		for _, ix := range ixs {
			pos, _ = s.query(ix, pos, from, to, limit)
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
	return s.appendItems(dst, pos, true), total
}

// spreadBound is MemorySource's: how many times max an exact multi-lane
// query may gather before it falls back to per-lane samples.
const spreadBound = 4

// startAt returns the start of the k-th event of ix.
func (s *storeSource) startAt(ix *storeIndex, k int) float64 {
	if ix.pos == nil {
		return s.starts[k]
	}
	return s.starts[ix.pos[k]]
}

// size returns the number of events in ix.
func (s *storeSource) size(ix *storeIndex) int {
	if ix.pos == nil {
		return len(s.ids)
	}
	return len(ix.pos)
}

// posAt returns the position of the k-th event of ix.
func (ix *storeIndex) posAt(k int) int32 {
	if ix.pos == nil {
		return int32(k)
	}
	return ix.pos[k]
}

// Density implements timeline.Source, as MemorySource.Density.
func (s *storeSource) Density(dst []int, from, to float64, buckets int, lanes []int64) []int {
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
		n := s.size(ix)
		lo := sort.Search(n, func(k int) bool { return s.startAt(ix, k) >= from })
		hi := lo + sort.Search(n-lo, func(j int) bool { return s.startAt(ix, lo+j) >= to })
		if hi-lo <= 4*buckets {
			for k := lo; k < hi; k++ {
				if b := bucket(s.startAt(ix, k)); b >= 0 && b < buckets {
					counts[b]++
				}
			}
			break
		}
		at := lo
		for b := range buckets {
			next := at + sort.Search(hi-at, func(j int) bool { return bucket(s.startAt(ix, at+j)) > b })
			counts[b] = next - at
			at = next
		}
	default:
		want := make(map[int64]bool, len(lanes))
		for _, id := range lanes {
			want[id] = true
		}
		if 2*len(want) > len(s.lanes) {
			// Most lanes shown (one actor of fifty hidden, say): count
			// every event, then take away the few that no shown lane has.
			s.densityExcept(counts, from, to, buckets, want)
			break
		}
		for id := range want {
			ix := s.lanes[id]
			if ix == nil {
				continue
			}
			lo := sort.Search(len(ix.pos), func(k int) bool { return s.starts[ix.pos[k]] >= from })
			for j := lo; j < len(ix.pos) && s.starts[ix.pos[j]] < to; j++ {
				p := int(ix.pos[j])
				ls := s.lanesOf(p)
				if i := slices.IndexFunc(ls, func(l int64) bool { return want[l] }); ls[i] != id {
					continue
				}
				if b := bucket(s.starts[p]); b >= 0 && b < buckets {
					counts[b]++
				}
			}
		}
	}
	return dst
}

// densityExcept fills counts with the density of the events in at least
// one of the wanted lanes: that of all events, less the events of the
// other lanes that have no wanted lane (each counted at its first lane),
// less the events without lanes. It reads only the unwanted lanes, so
// hiding one actor of fifty costs a fiftieth of a full count.
func (s *storeSource) densityExcept(counts []int, from, to float64, buckets int, want map[int64]bool) {
	copy(counts, s.Density(nil, from, to, buckets, nil))
	w := (to - from) / float64(buckets)
	take := func(p int32) {
		if b := int((s.starts[p] - from) / w); b >= 0 && b < buckets {
			counts[b]--
		}
	}
	wanted := func(l int64) bool { return want[l] }
	for id, ix := range s.lanes {
		if want[id] {
			continue
		}
		lo := sort.Search(len(ix.pos), func(k int) bool { return s.starts[ix.pos[k]] >= from })
		for j := lo; j < len(ix.pos) && s.starts[ix.pos[j]] < to; j++ {
			p := ix.pos[j]
			if ls := s.lanesOf(int(p)); ls[0] == id && !slices.ContainsFunc(ls, wanted) {
				take(p)
			}
		}
	}
	lo := sort.Search(len(s.lanelessPos), func(k int) bool { return s.starts[s.lanelessPos[k]] >= from })
	for j := lo; j < len(s.lanelessPos) && s.starts[s.lanelessPos[j]] < to; j++ {
		take(s.lanelessPos[j])
	}
}

// Adjacent implements timeline.Source, as MemorySource.Adjacent.
func (s *storeSource) Adjacent(it timeline.Item, forward bool, lanes []int64) (timeline.Item, bool) {
	n := len(s.ids)
	p := sort.Search(n, func(i int) bool {
		if c := cmp.Compare(s.starts[i], it.Start); c != 0 {
			return c > 0
		}
		return s.ids[i] >= it.ID
	})
	exact := p < n && s.starts[p] == it.Start && s.ids[p] == it.ID
	best := int32(-1)
	for _, ix := range s.indexes(lanes) {
		m := s.size(ix)
		if forward {
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
	if best < 0 {
		return timeline.Item{}, false
	}
	items := s.appendItems(nil, []int32{best}, false)
	return items[0], true
}

// indexes returns the indexes to query for a lane filter, as
// MemorySource.indexes.
func (s *storeSource) indexes(lanes []int64) []*storeIndex {
	if lanes == nil {
		return []*storeIndex{&s.all}
	}
	var ixs []*storeIndex
	for _, id := range lanes {
		if ix := s.lanes[id]; ix != nil && !slices.Contains(ixs, ix) {
			ixs = append(ixs, ix)
		}
	}
	if len(ixs) > 1 && len(ixs) == len(s.lanes) && s.laneless == 0 {
		return []*storeIndex{&s.all}
	}
	return ixs
}

// reduce keeps max of the positions (sorted), as MemorySource.reduce.
func (s *storeSource) reduce(pos []int32, max int) []int32 {
	if len(pos) <= max {
		return pos
	}
	var count [6]int
	for _, p := range pos {
		count[clampImportance(int(s.imp[p]))]++
	}
	cut, keepAll := 0, 0
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
		switch lvl := clampImportance(int(s.imp[p])); {
		case lvl > cut:
			out = append(out, p)
		case lvl == cut:
			if seen*rem/n != (seen+1)*rem/n || rem >= n {
				out = append(out, p)
			}
			seen++
		}
	}
	return out
}

// spreadPos returns n of the positions, evenly spaced (in place).
func spreadPos(pos []int32, n int) []int32 {
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
func clampImportance(imp int) int { return min(max(imp, 1), 5) }

// durationClass returns the power-of-two class [minDur, maxDur) of a
// duration, or 0, 0 for an instant, as MemorySource.
func durationClass(d float64) (minDur, maxDur float64) {
	if !(d > 0) {
		return 0, 0
	}
	if math.IsInf(d, 1) {
		return math.MaxFloat64, math.Inf(1)
	}
	_, exp := math.Frexp(d)
	return math.Ldexp(1, exp-1), math.Ldexp(1, exp)
}

// window returns the index ranges of g that overlap [from, to): every
// event in [sure, hi) does, and those in [lo, sure) do when their stop is
// after from.
func (s *storeSource) window(g *storeGroup, from, to float64) (lo, sure, hi int) {
	start := func(i int) float64 { return s.starts[g.pos[i]] }
	hi = sort.Search(len(g.pos), func(i int) bool { return start(i) >= to })
	if g.maxDur == 0 {
		sure = sort.Search(hi, func(i int) bool { return start(i) >= from })
		return sure, sure, hi
	}
	lo = sort.Search(hi, func(i int) bool { return start(i) > from-g.maxDur })
	sure = lo + sort.Search(hi-lo, func(i int) bool { return start(lo+i) > from-g.minDur })
	return lo, sure, hi
}

// overlapCount returns how many events of g overlap [from, to).
func (s *storeSource) overlapCount(g *storeGroup, from, to float64) int {
	lo, sure, hi := s.window(g, from, to)
	n := hi - sure
	for _, p := range g.pos[lo:sure] {
		if s.stops[p] > from {
			n++
		}
	}
	return n
}

// appendStride appends the positions of the events of g that overlap
// [from, to) and whose index in g is a multiple of stride.
func (s *storeSource) appendStride(dst []int32, g *storeGroup, from, to float64, stride int) []int32 {
	lo, sure, hi := s.window(g, from, to)
	for j := (lo + stride - 1) / stride * stride; j < sure; j += stride {
		if s.stops[g.pos[j]] > from {
			dst = append(dst, g.pos[j])
		}
	}
	for j := (sure + stride - 1) / stride * stride; j < hi; j += stride {
		dst = append(dst, g.pos[j])
	}
	return dst
}

// count returns how many events of ix overlap [from, to).
func (s *storeSource) count(ix *storeIndex, from, to float64) int {
	n := 0
	for l := range ix.levels {
		for g := range ix.levels[l] {
			n += s.overlapCount(&ix.levels[l][g], from, to)
		}
	}
	return n
}

// query appends to dst up to budget positions of the events of ix that
// overlap [from, to), as MemorySource's index.query: most important levels
// first, the level that does not fit sampled with the finest power-of-two
// stride that fits. It returns the positions sorted when dst is empty, and
// the total count.
func (s *storeSource) query(ix *storeIndex, dst []int32, from, to float64, budget int) ([]int32, int) {
	start := len(dst)
	var count [5]int
	total := 0
	for l := range ix.levels {
		for g := range ix.levels[l] {
			count[l] += s.overlapCount(&ix.levels[l][g], from, to)
		}
		total += count[l]
	}
	taken := 0
	for l := 4; l >= 0 && taken < budget; l-- {
		rem := budget - taken
		if count[l] <= rem {
			for g := range ix.levels[l] {
				dst = s.appendStride(dst, &ix.levels[l][g], from, to, 1)
			}
			taken += count[l]
			continue
		}
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
				dst = s.appendStride(dst, &ix.levels[l][g], from, to, stride)
			}
			if len(dst)-mark <= rem {
				break
			}
			if stride > longest {
				slices.Sort(dst[mark:])
				dst = append(dst[:mark], spreadPos(dst[mark:], rem)...)
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
