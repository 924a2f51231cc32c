package app

import (
	"cmp"
	"errors"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"

	"chronoscope/data"
	"chronoscope/timeline"
)

// storeSource is the timeline.Source over a chronology file. It keeps a compact index of every
// event in memory — id, start, stop, importance, certainty, span flag and
// actor ids, in flat arrays sorted by (start, id), about 52 bytes an event
// with the window indexes — and answers Items, Density, Bounds, Item and
// Adjacent from it exactly as timeline.MemorySource would over the same
// events: both select with a timeline.Index.
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

	// Every event, by position in (start, id) order.
	columns
	byID  []int32 // positions sorted by id; nil when ids ascend with positions
	index *timeline.Index

	mu       sync.Mutex
	onChange func()         // called after fetched text arrives, off the UI goroutine
	text     textCache      // id → title and date
	want     []int64        // ids to fetch next: the latest view's
	wanted   map[int64]bool // the ids in want
	fetching bool
}

var _ timeline.Source = (*storeSource)(nil)

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
		text:   textCache{size: textCacheSize},
		wanted: map[int64]bool{},
	}
	defer whileLoading()() // see memory.go
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
	read := make([]*part, parts)
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
	src.assemble(read)
	// Sorting and building needed more than the index in passing; give
	// that back to the system now rather than over the next minutes.
	releaseMemory()
	return src, nil
}

// columns hold the compact index of events, one array a field: all
// events (in storeSource) or those of one id range (in a part).
type columns struct {
	ids    []int64
	starts []float64
	stops  []float64
	imp    []int8
	cert   []timeline.Certainty
	span   []bool
}

// part holds the events of one id range as read, in id order, with their
// lanes: those of event k are laneIDs[laneOff[k]:laneOff[k+1]], and
// laneOff[0] is 0. (A storeSource's index holds the lanes of all events,
// shared between events with the same actors: see Index.Lanes.)
type part struct {
	columns
	laneOff []int32
	laneIDs []int64
}

// lanes returns the lanes of the part's event k.
func (p *part) lanes(k int) []int64 { return p.laneIDs[p.laneOff[k]:p.laneOff[k+1]] }

// readCompactPart reads the events with ids in [from, to) that keep
// accepts, in one read transaction; about is how many to expect.
func readCompactPart(s *data.Store, from, to int64, about int, keep func(*data.CompactRow) bool) (*part, error) {
	p := &part{
		columns: columns{
			ids:    make([]int64, 0, about),
			starts: make([]float64, 0, about),
			stops:  make([]float64, 0, about),
			imp:    make([]int8, 0, about),
			cert:   make([]timeline.Certainty, 0, about),
			span:   make([]bool, 0, about),
		},
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

// assemble puts the events of the parts (consecutive id ranges, each in
// id order) into s's arrays in (start, id) order and builds the index and
// the id lookup. Each array is gathered straight from the parts, whose own
// array is then dropped, so that the parts and the whole are not both held
// at once.
func (s *storeSource) assemble(parts []*part) {
	parts = slices.DeleteFunc(parts, func(p *part) bool { return p == nil || len(p.ids) == 0 })
	// Event g of the parts taken in turn is parts[k]'s event g−base[k];
	// g ascends with the ids.
	base := make([]int32, len(parts)+1)
	for k, p := range parts {
		base[k+1] = base[k] + int32(len(p.ids))
	}
	perm := orderByStart(parts, base) // positions → events g; nil: in order
	if perm != nil {
		// Positions by id are positions by g: the inverse of perm. (When
		// perm is nil the ids ascend with positions; byID stays nil.)
		s.byID = make([]int32, len(perm))
		for p, g := range perm {
			s.byID[g] = int32(p)
		}
	}
	s.ids = gather(parts, base, perm, func(c *columns) *[]int64 { return &c.ids })
	s.starts = gather(parts, base, perm, func(c *columns) *[]float64 { return &c.starts })
	s.stops = gather(parts, base, perm, func(c *columns) *[]float64 { return &c.stops })
	s.imp = gather(parts, base, perm, func(c *columns) *[]int8 { return &c.imp })
	s.cert = gather(parts, base, perm, func(c *columns) *[]timeline.Certainty { return &c.cert })
	s.span = gather(parts, base, perm, func(c *columns) *[]bool { return &c.span })
	s.index = timeline.NewIndex(s.starts, s.stops, s.imp, func(p int) []int64 {
		g := int32(p)
		if perm != nil {
			g = perm[p]
		}
		k := partOf(base, g)
		return parts[k].lanes(int(g - base[k]))
	})
}

// partOf returns the part that holds event g (see assemble).
func partOf(base []int32, g int32) int {
	k := 0
	for g >= base[k+1] {
		k++
	}
	return k
}

// gather returns the array that field picks out of each part's columns,
// in the order perm gives (the parts' order when perm is nil), and drops
// the parts' arrays.
func gather[T any](parts []*part, base, perm []int32, field func(*columns) *[]T) []T {
	out := make([]T, 0, base[len(parts)])
	if perm == nil {
		for _, p := range parts {
			out = append(out, *field(&p.columns)...)
		}
	} else {
		out = out[:len(perm)]
		k, lo, hi := 0, base[0], base[1]
		for i, g := range perm {
			if g < lo || g >= hi {
				k = partOf(base, g)
				lo, hi = base[k], base[k+1]
			}
			out[i] = (*field(&parts[k].columns))[g-lo]
		}
	}
	for _, p := range parts {
		*field(&p.columns) = nil
	}
	return out
}

// orderByStart returns the events of the parts (numbered g as in
// assemble) in (start, id) order, or nil when they are in that order
// already, as files mostly are: written in time order. Ties of start are
// in g order, which is id order.
func orderByStart(parts []*part, base []int32) []int32 {
	n := int(base[len(parts)])
	sorted := true
	prev := math.Inf(-1)
check:
	for _, p := range parts {
		for _, start := range p.starts {
			if start < prev {
				sorted = false
				break check
			}
			prev = start
		}
	}
	if sorted {
		return nil
	}
	// Sort the keys by value, not through the positions: three times
	// faster than an index sort on a million events.
	type key struct {
		start float64
		g     int32
	}
	keys := make([]key, 0, n)
	for k, p := range parts {
		for j, start := range p.starts {
			keys = append(keys, key{start, base[k] + int32(j)})
		}
	}
	order := func(a, b key) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		return cmp.Compare(a.g, b.g)
	}
	perm := make([]int32, n)
	if n < parallelFrom || runtime.GOMAXPROCS(0) < 2 {
		slices.SortFunc(keys, order)
		for i, k := range keys {
			perm[i] = k.g
		}
		return perm
	}
	// Two halves sorted at once, then merged: nearly twice as fast on two
	// cores.
	a, b := keys[:n/2], keys[n/2:]
	var wg sync.WaitGroup
	wg.Go(func() { slices.SortFunc(a, order) })
	slices.SortFunc(b, order)
	wg.Wait()
	i, j := 0, 0
	for k := range perm {
		if j == len(b) || i < len(a) && order(a[i], b[j]) <= 0 {
			perm[k] = a[i].g
			i++
		} else {
			perm[k] = b[j].g
			j++
		}
	}
	return perm
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

// lanesOf returns the lanes of the event at position p.
func (s *storeSource) lanesOf(p int) []int64 { return s.index.Lanes(p) }

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
			texts[i] = itemText{r.Title, r.Span()}
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

// readAllTexts reads every event's title and date into the cache, for a
// small chronology, whose titles then never arrive late.
func (s *storeSource) readAllTexts() error {
	rows, err := s.store.Window(data.Filter{})
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.text.size = max(s.text.size, len(rows)+1)
	for _, r := range rows {
		s.text.put(r.ID, itemText{r.Title, r.Span()})
	}
	return nil
}

// Bounds implements timeline.Source.
func (s *storeSource) Bounds() (from, to float64, ok bool) { return s.index.Bounds() }

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

// Items implements timeline.Source.
func (s *storeSource) Items(dst []timeline.Item, from, to float64, lanes []int64, max int) ([]timeline.Item, int) {
	pos, total := s.index.Select(nil, from, to, lanes, max)
	dst = slices.Grow(dst, len(pos))
	return s.appendItems(dst, pos, true), total
}

// Density implements timeline.Source.
func (s *storeSource) Density(dst []int, from, to float64, buckets int, lanes []int64) []int {
	return s.index.Density(dst, from, to, buckets, lanes)
}

// Adjacent implements timeline.Source.
func (s *storeSource) Adjacent(it timeline.Item, forward bool, lanes []int64) (timeline.Item, bool) {
	n := len(s.ids)
	// p is the first position at or after it in (start, id) order.
	p := sort.Search(n, func(i int) bool {
		if c := cmp.Compare(s.starts[i], it.Start); c != 0 {
			return c > 0
		}
		return s.ids[i] >= it.ID
	})
	exact := p < n && s.starts[p] == it.Start && s.ids[p] == it.ID
	q, ok := s.index.Adjacent(p, exact, forward, lanes)
	if !ok {
		return timeline.Item{}, false
	}
	items := s.appendItems(nil, []int32{q}, false)
	return items[0], true
}
