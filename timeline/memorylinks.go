package timeline

import (
	"cmp"
	"slices"
)

// MemoryLinks answers LinkSource over links held in memory, for tests,
// benchmarks and small chronologies: put it beside a MemorySource in a
// struct that embeds both. Link ids should be unique. It is read-only after
// NewMemoryLinks and safe for concurrent use.
type MemoryLinks struct {
	links []Link
	byEnd map[int64][]int32 // item id → indices of the links it is an end of
}

var _ LinkSource = (*MemoryLinks)(nil)

// NewMemoryLinks returns links over a copy of links.
func NewMemoryLinks(links []Link) *MemoryLinks {
	ml := &MemoryLinks{links: slices.Clone(links), byEnd: make(map[int64][]int32)}
	for i, l := range ml.links {
		ml.byEnd[l.From] = append(ml.byEnd[l.From], int32(i))
		if l.To != l.From {
			ml.byEnd[l.To] = append(ml.byEnd[l.To], int32(i))
		}
	}
	return ml
}

// Len returns the number of links.
func (ml *MemoryLinks) Len() int { return len(ml.links) }

// Links implements LinkSource: it appends the links with an end among ids,
// each once, sorted by id.
func (ml *MemoryLinks) Links(dst []Link, ids []int64) []Link {
	start := len(dst)
	for _, id := range ids {
		for _, i := range ml.byEnd[id] {
			dst = append(dst, ml.links[i])
		}
	}
	found := dst[start:]
	slices.SortFunc(found, func(a, b Link) int { return cmp.Compare(a.ID, b.ID) })
	found = slices.CompactFunc(found, func(a, b Link) bool { return a.ID == b.ID })
	return dst[:start+len(found)]
}
