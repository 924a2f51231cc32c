package timeline

import (
	"cmp"
	"slices"
)

// Span is one item on a lane: the pixels [X0, X1) it covers with its label,
// the time [Start, End] it stands for, and its importance.
type Span struct {
	X0, X1     float32
	Start, End float64 // Unix seconds; End == Start for an instant
	Importance int     // 1 (least) to 5 (most); values outside count as the nearest
}

// Overflow is the row of a span that fits in no row.
const Overflow = -1

// Packer assigns spans to rows. Its zero value is ready to use; it keeps its
// buffers between calls, so packing every frame does not allocate.
type Packer struct {
	order []int32  // span indices by X0
	busy  []rowEnd // min-heap by end: rows whose last span may still be in the way
	free  []int32  // min-heap: rows whose last span is out of the way

	// importance mode
	byImp  []int32  // span indices by importance, then X0
	occ    [][]ival // per row, the spans placed at higher importance, by X0
	added  [][]ival // per row, the spans placed at the current importance
	cursor []int32  // per row, the first occ entry not left of the current span
	tmp    []ival
}

type rowEnd struct {
	end float32
	row int32
}

type ival struct{ x0, x1 float32 }

// Pack gives each span the lowest row in [0, maxRows) in which it stays at
// least gap pixels clear of the spans before it, or Overflow, in X0 order
// (first fit). It returns rows, re-using dst: rows[i] is the row of spans[i].
// Spans should come sorted by X0 (others are sorted, stably, on the side);
// it runs in O(n log maxRows).
func (p *Packer) Pack(dst []int, spans []Span, maxRows int, gap float32) []int {
	rows, gap := p.prepare(dst, spans, gap)
	p.busy, p.free = p.busy[:0], p.free[:0]
	opened := int32(0)
	for _, i := range p.order {
		x0, x1, ok := extent(spans[i])
		if !ok {
			continue
		}
		for len(p.busy) > 0 && p.busy[0].end+gap <= x0 {
			p.free = pushRow(p.free, p.busy[0].row)
			p.busy = popEnd(p.busy)
		}
		var r int32
		switch {
		case len(p.free) > 0:
			r = p.free[0]
			p.free = popRow(p.free)
		case int(opened) < maxRows:
			r, opened = opened, opened+1
		default:
			continue
		}
		rows[i] = int(r)
		p.busy = pushEnd(p.busy, rowEnd{x1, r})
	}
	return rows
}

// PackByImportance is Pack with the most important spans placed first: all
// importance-5 spans in X0 order, then the 4s in the space left, and so on
// down to 1, so low-importance labels give way when room is short. It runs
// in O(n·maxRows) at worst (each span tries the rows top down, each try
// O(1) amortised); rows are bounded by a lane's height, tens at most.
func (p *Packer) PackByImportance(dst []int, spans []Span, maxRows int, gap float32) []int {
	rows, gap := p.prepare(dst, spans, gap)
	if maxRows <= 0 {
		return rows
	}
	// Stable counting sort of the X0 order by importance, most important first.
	var count, at [6]int
	for _, i := range p.order {
		count[importance(spans[i])]++
	}
	for lvl, n := 5, 0; lvl >= 1; lvl-- {
		at[lvl], n = n, n+count[lvl]
	}
	p.byImp = slices.Grow(p.byImp[:0], len(p.order))[:len(p.order)]
	for _, i := range p.order {
		lvl := importance(spans[i])
		p.byImp[at[lvl]] = i
		at[lvl]++
	}

	p.occ = resetRows(p.occ, maxRows)
	p.added = resetRows(p.added, maxRows)
	p.cursor = slices.Grow(p.cursor[:0], maxRows)[:maxRows]
	cursor := p.cursor
	for from := 0; from < len(p.byImp); {
		to := from + count[importance(spans[p.byImp[from]])]
		clear(cursor)
		for _, i := range p.byImp[from:to] {
			x0, x1, ok := extent(spans[i])
			if !ok {
				continue
			}
			for r := range maxRows {
				occ, c := p.occ[r], cursor[r]
				for int(c) < len(occ) && occ[c].x1+gap <= x0 {
					c++
				}
				cursor[r] = c
				if int(c) < len(occ) && occ[c].x0 < x1+gap {
					continue // an earlier level's span is in the way
				}
				if add := p.added[r]; len(add) > 0 && add[len(add)-1].x1+gap > x0 {
					continue // this level's previous span is in the way
				}
				p.added[r] = append(p.added[r], ival{x0, x1})
				rows[i] = r
				break
			}
		}
		for r := range maxRows {
			if len(p.added[r]) > 0 {
				p.occ[r], p.tmp = mergeIvals(p.tmp[:0], p.occ[r], p.added[r]), p.occ[r]
				p.added[r] = p.added[r][:0]
			}
		}
		from = to
	}
	return rows
}

// prepare sizes rows to len(spans), all Overflow, and sets p.order to the
// span indices by X0.
func (p *Packer) prepare(dst []int, spans []Span, gap float32) ([]int, float32) {
	rows := slices.Grow(dst[:0], len(spans))[:len(spans)]
	for i := range rows {
		rows[i] = Overflow
	}
	p.order = slices.Grow(p.order[:0], len(spans))[:len(spans)]
	sorted := true
	for i := range p.order {
		p.order[i] = int32(i)
		if i > 0 && spans[i].X0 < spans[i-1].X0 {
			sorted = false
		}
	}
	if !sorted {
		slices.SortStableFunc(p.order, func(a, b int32) int { return cmp.Compare(spans[a].X0, spans[b].X0) })
	}
	if !(gap > 0) {
		gap = 0
	}
	return rows, gap
}

// extent returns a span's pixels, with X1 at least X0; ok is false for NaN.
func extent(s Span) (x0, x1 float32, ok bool) {
	if s.X0 != s.X0 || s.X1 != s.X1 {
		return 0, 0, false
	}
	return s.X0, max(s.X0, s.X1), true
}

// importance returns s.Importance clamped to 1..5.
func importance(s Span) int {
	return min(max(s.Importance, 1), 5)
}

// resetRows returns n empty per-row lists, keeping their storage.
func resetRows(rows [][]ival, n int) [][]ival {
	rows = slices.Grow(rows[:0], n)[:n]
	for r := range rows {
		rows[r] = rows[r][:0]
	}
	return rows
}

// mergeIvals appends the merge of a and b, both sorted by x0, to dst.
func mergeIvals(dst, a, b []ival) []ival {
	for len(a) > 0 && len(b) > 0 {
		if b[0].x0 < a[0].x0 {
			dst, b = append(dst, b[0]), b[1:]
		} else {
			dst, a = append(dst, a[0]), a[1:]
		}
	}
	return append(append(dst, a...), b...)
}

// pushEnd, popEnd, pushRow and popRow keep the two binary min-heaps; they are
// typed to avoid container/heap's boxing.
func pushEnd(h []rowEnd, e rowEnd) []rowEnd {
	h = append(h, e)
	for i := len(h) - 1; i > 0; {
		p := (i - 1) / 2
		if !(h[i].end < h[p].end) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
	return h
}

func popEnd(h []rowEnd) []rowEnd {
	n := len(h) - 1
	h[0] = h[n]
	h = h[:n]
	for i := 0; ; {
		l, s := 2*i+1, i
		if l < n && h[l].end < h[s].end {
			s = l
		}
		if l+1 < n && h[l+1].end < h[s].end {
			s = l + 1
		}
		if s == i {
			return h
		}
		h[i], h[s] = h[s], h[i]
		i = s
	}
}

func pushRow(h []int32, r int32) []int32 {
	h = append(h, r)
	for i := len(h) - 1; i > 0; {
		p := (i - 1) / 2
		if h[i] >= h[p] {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
	return h
}

func popRow(h []int32) []int32 {
	n := len(h) - 1
	h[0] = h[n]
	h = h[:n]
	for i := 0; ; {
		l, s := 2*i+1, i
		if l < n && h[l] < h[s] {
			s = l
		}
		if l+1 < n && h[l+1] < h[s] {
			s = l + 1
		}
		if s == i {
			return h
		}
		h[i], h[s] = h[s], h[i]
		i = s
	}
}
