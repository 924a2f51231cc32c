package timeline_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"chronoscope/timeline"
)

// randomSpans returns n spans sorted by X0 with widths up to maxWidth.
func randomSpans(r *rand.Rand, n int, extent, maxWidth float32) []timeline.Span {
	spans := make([]timeline.Span, n)
	for i := range spans {
		x0 := r.Float32() * extent
		spans[i] = timeline.Span{X0: x0, X1: x0 + r.Float32()*maxWidth, Importance: 1 + r.IntN(5)}
		spans[i].Start = float64(x0)
		spans[i].End = float64(spans[i].X1)
	}
	slices.SortStableFunc(spans, func(a, b timeline.Span) int { return cmpFloat(a.X0, b.X0) })
	return spans
}

// clash reports whether two spans in one row would break the gap.
func clash(a, b timeline.Span, gap float32) bool {
	return a.X0 < max(b.X0, b.X1)+gap && b.X0 < max(a.X0, a.X1)+gap
}

// checkPacking reports (as errors) rows that break the packing's promises:
// rows in range, no two spans of a row closer than gap, and every Overflow
// span clashing with some span in every row.
func checkPacking(t *testing.T, name string, spans []timeline.Span, rows []int, maxRows int, gap float32) {
	t.Helper()
	if got, want := len(rows), len(spans); got != want {
		t.Fatalf("%s: %d rows for %d spans", name, got, want)
	}
	byRow := make([][]timeline.Span, maxRows)
	for i, r := range rows {
		if r == timeline.Overflow {
			continue
		}
		if r < 0 || r >= maxRows {
			t.Fatalf("%s: span %d in row %d of %d", name, i, r, maxRows)
		}
		byRow[r] = append(byRow[r], spans[i])
	}
	for r, row := range byRow {
		slices.SortFunc(row, func(a, b timeline.Span) int { return cmpFloat(a.X0, b.X0) })
		for i := 1; i < len(row); i++ {
			if clash(row[i-1], row[i], gap) {
				t.Fatalf("%s: row %d: %+v and %+v overlap with gap %g", name, r, row[i-1], row[i], gap)
			}
		}
	}
	for i, r := range rows {
		if r != timeline.Overflow {
			continue
		}
		for rr, row := range byRow {
			if !slices.ContainsFunc(row, func(s timeline.Span) bool { return clash(s, spans[i], gap) }) {
				t.Fatalf("%s: span %d %+v overflowed but fits row %d", name, i, spans[i], rr)
			}
		}
	}
}

func cmpFloat(a, b float32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestPackKnown(t *testing.T) {
	spans := []timeline.Span{
		{X0: 0, X1: 10, Importance: 1},
		{X0: 5, X1: 15, Importance: 3},
		{X0: 12, X1: 20, Importance: 5},
		{X0: 16, X1: 30, Importance: 2},
		{X0: 40, X1: 40, Importance: 1}, // an instant
	}
	var p timeline.Packer
	for _, tc := range []struct {
		name         string
		maxRows      int
		gap          float32
		byImportance bool
		want         []int
	}{
		{"two rows", 2, 1, false, []int{0, 1, 0, 1, 0}},
		{"one row", 1, 1, false, []int{0, -1, 0, -1, 0}},
		{"one row, gap too wide", 1, 3, false, []int{0, -1, -1, 0, 0}},
		{"no rows", 0, 1, false, []int{-1, -1, -1, -1, -1}},
		{"by importance, one row", 1, 1, true, []int{0, -1, 0, -1, 0}}, // the 1 still fits before the 5
		{"by importance, two rows", 2, 1, true, []int{0, 1, 0, 1, 0}},
		{"by importance, no rows", 0, 1, true, []int{-1, -1, -1, -1, -1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []int
			if tc.byImportance {
				got = p.PackByImportance(nil, spans, tc.maxRows, tc.gap)
			} else {
				got = p.Pack(nil, spans, tc.maxRows, tc.gap)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("rows = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestPackNeverOverlaps(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	var p timeline.Packer
	var rows []int
	for i := range 300 {
		n := r.IntN(400)
		spans := randomSpans(r, n, 2000, r.Float32()*300)
		maxRows := r.IntN(12)
		gap := r.Float32() * 8
		name := "case " + strconv.Itoa(i)
		rows = p.Pack(rows, spans, maxRows, gap)
		checkPacking(t, name+" in order", spans, rows, maxRows, gap)
		rows = p.PackByImportance(rows, spans, maxRows, gap)
		checkPacking(t, name+" by importance", spans, rows, maxRows, gap)
	}
}

func TestPackByImportanceKeepsTheMostImportant(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	var p timeline.Packer
	kept, lostInOrder := 0, 0
	for i := range 300 {
		spans := randomSpans(r, 300, 3000, 200)
		maxRows := 1 + r.IntN(4)
		var top []timeline.Span
		for j := range spans {
			spans[j].Importance = 1 + r.IntN(4)
			if r.IntN(12) == 0 {
				spans[j].Importance = 5
				top = append(top, spans[j])
			}
		}
		alone := p.Pack(nil, top, maxRows, 2)
		if slices.Contains(alone, timeline.Overflow) {
			continue // the importance-5 spans do not fit on their own
		}
		kept++
		rows := p.PackByImportance(nil, spans, maxRows, 2)
		var got []int
		for j, s := range spans {
			if s.Importance == 5 {
				got = append(got, rows[j])
			}
		}
		// Placed first, they get the rows they get on their own.
		if !slices.Equal(got, alone) {
			t.Fatalf("case %d: importance-5 rows %v, alone %v", i, got, alone)
		}
		// In order, some of them lose to earlier, less important spans.
		for j, r := range p.Pack(nil, spans, maxRows, 2) {
			if spans[j].Importance == 5 && r == timeline.Overflow {
				lostInOrder++
				break
			}
		}
	}
	if kept < 50 || lostInOrder == 0 {
		t.Fatalf("%d cases had fitting importance-5 spans, %d lost some in order", kept, lostInOrder)
	}
}

func TestPackSortsUnsortedSpans(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 18))
	spans := randomSpans(r, 500, 1000, 100)
	perm := r.Perm(len(spans))
	shuffled := make([]timeline.Span, len(spans))
	for i, j := range perm {
		shuffled[j] = spans[i]
	}
	var p timeline.Packer
	for _, byImportance := range []bool{false, true} {
		pack := p.Pack
		if byImportance {
			pack = p.PackByImportance
		}
		want := slices.Clone(pack(nil, spans, 4, 1))
		got := pack(nil, shuffled, 4, 1)
		for i, j := range perm {
			if got[j] != want[i] {
				t.Fatalf("by importance %v: span %d row %d shuffled, %d sorted", byImportance, i, got[j], want[i])
			}
		}
	}
}

func TestPackOddSpans(t *testing.T) {
	nan := float32(math.NaN())
	spans := []timeline.Span{
		{X0: 0, X1: -5},  // X1 before X0: an instant at 0
		{X0: 0.5, X1: 2}, // clashes with it
		{X0: nan, X1: 3}, // no position
		{X0: 4, X1: 6, Importance: 99},
		{X0: 5, X1: 7, Importance: -3},
	}
	var p timeline.Packer
	if got, want := p.Pack(nil, spans, 1, 1), []int{0, -1, -1, 0, -1}; !slices.Equal(got, want) {
		t.Errorf("Pack = %v, want %v", got, want)
	}
	if got, want := p.PackByImportance(nil, spans, 1, 1), []int{0, -1, -1, 0, -1}; !slices.Equal(got, want) {
		t.Errorf("PackByImportance = %v, want %v", got, want)
	}
}

func TestPackDoesNotAllocate(t *testing.T) {
	spans := randomSpans(rand.New(rand.NewPCG(19, 20)), 5000, 1e5, 300)
	var p timeline.Packer
	rows := p.Pack(nil, spans, 8, 2)
	rows = p.PackByImportance(rows, spans, 8, 2)
	if got := testing.AllocsPerRun(20, func() { rows = p.Pack(rows, spans, 8, 2) }); got != 0 {
		t.Errorf("Pack: %g allocations, want 0", got)
	}
	if got := testing.AllocsPerRun(20, func() { rows = p.PackByImportance(rows, spans, 8, 2) }); got != 0 {
		t.Errorf("PackByImportance: %g allocations, want 0", got)
	}
}

func BenchmarkPack(b *testing.B) {
	for _, n := range []int{1000, 10_000, 100_000} {
		// Density stays the same as n grows: about 20 spans overlap any point.
		spans := randomSpans(rand.New(rand.NewPCG(21, 22)), n, float32(n)*10, 200)
		for _, mode := range []string{"in-order", "by-importance"} {
			b.Run(mode+"/n="+strconv.Itoa(n), func(b *testing.B) {
				b.ReportAllocs()
				var p timeline.Packer
				var rows []int
				for b.Loop() {
					if mode == "in-order" {
						rows = p.Pack(rows, spans, 8, 2)
					} else {
						rows = p.PackByImportance(rows, spans, 8, 2)
					}
				}
			})
		}
	}
}
