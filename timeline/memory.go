package timeline

import (
	"cmp"
	"slices"
	"sort"
)

// MemorySource is a Source over items held in memory, for tests, benchmarks
// and small chronologies. It selects with an Index over the items' order,
// so Items and Adjacent answer in O(log n + k) for k items returned,
// whatever the number of items in the window, with a sample that stays the
// same as the view pans. It is read-only after NewMemorySource and safe for
// concurrent use.
type MemorySource struct {
	items []Item // sorted by (Start, ID)
	byID  map[int64]int32
	index *Index
}

var _ Source = (*MemorySource)(nil)

// NewMemorySource returns a source over a copy of items (their strings and
// Lanes are shared, not copied). Items with a NaN Start are dropped; a Stop
// that is NaN or before Start is read as Start. IDs should be unique.
func NewMemorySource(items []Item) *MemorySource {
	s := &MemorySource{
		items: make([]Item, 0, len(items)),
		byID:  make(map[int64]int32, len(items)),
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
	n := len(s.items)
	starts, stops := make([]float64, n), make([]float64, n)
	imp := make([]int8, n)
	for i := range s.items {
		it := &s.items[i]
		s.byID[it.ID] = int32(i)
		starts[i], stops[i] = it.Start, it.Stop
		imp[i] = int8(clampImportance(it.Importance))
	}
	s.index = NewIndex(starts, stops, imp, func(p int) []int64 { return s.items[p].Lanes })
	return s
}

// Len returns the number of items.
func (s *MemorySource) Len() int { return len(s.items) }

// Bounds implements Source.
func (s *MemorySource) Bounds() (from, to float64, ok bool) { return s.index.Bounds() }

// Item implements Source.
func (s *MemorySource) Item(id int64) (Item, bool) {
	if i, ok := s.byID[id]; ok {
		return s.items[i], true
	}
	return Item{}, false
}

// Items implements Source.
func (s *MemorySource) Items(dst []Item, from, to float64, lanes []int64, max int) ([]Item, int) {
	pos, total := s.index.Select(nil, from, to, lanes, max)
	dst = slices.Grow(dst, len(pos))
	for _, p := range pos {
		dst = append(dst, s.items[p])
	}
	return dst, total
}

// Density implements Source.
func (s *MemorySource) Density(dst []int, from, to float64, buckets int, lanes []int64) []int {
	return s.index.Density(dst, from, to, buckets, lanes)
}

// Adjacent implements Source.
func (s *MemorySource) Adjacent(it Item, forward bool, lanes []int64) (Item, bool) {
	// p is the first position at or after it in (Start, ID) order.
	p := sort.Search(len(s.items), func(i int) bool { return compareItems(s.items[i], it) >= 0 })
	exact := p < len(s.items) && s.items[p].Start == it.Start && s.items[p].ID == it.ID
	if q, ok := s.index.Adjacent(p, exact, forward, lanes); ok {
		return s.items[q], true
	}
	return Item{}, false
}

// compareItems orders items by (Start, ID).
func compareItems(a, b Item) int {
	if c := cmp.Compare(a.Start, b.Start); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}
