package timeline_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"chronoscope/timeline"
)

func TestClusterKnown(t *testing.T) {
	vp := timeline.Viewport{Start: 0, PerPixel: 1, Width: 100}
	spans := []timeline.Span{
		{Start: 1, End: 1},
		{Start: 2, End: 30}, // placed
		{Start: 2, End: 4},
		{Start: 9, End: 9},
		{Start: 10, End: 12},
		{Start: 15, End: 15},
		{Start: 55, End: 50}, // End before Start counts as an instant
	}
	rows := []int{-1, 0, -1, -1, -1, -1} // the last span has no row: it overflowed
	got := timeline.Cluster(nil, 3, spans, rows, vp, 10)
	want := []timeline.Badge{
		{Lane: 3, X0: 0, X1: 10, Count: 3, First: 1, Last: 9},
		{Lane: 3, X0: 10, X1: 20, Count: 2, First: 10, Last: 15},
		{Lane: 3, X0: 50, X1: 60, Count: 1, First: 55, Last: 55},
	}
	if len(got) != len(want) {
		t.Fatalf("badges = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("badge %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if got, want := got[0].Label(), "+3"; got != want {
		t.Errorf("Label = %q, want %q", got, want)
	}

	// Buckets are fixed in time: a pan moves the badges but keeps their groups.
	panned := timeline.Cluster(nil, 3, spans, rows, vp.Pan(3.5), 10)
	for i := range want {
		w := want[i]
		w.X0, w.X1 = w.X0+3.5, w.X1+3.5
		if panned[i] != w {
			t.Errorf("after a pan, badge %d = %+v, want %+v", i, panned[i], w)
		}
	}
}

func TestClusterConservesCounts(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	var p timeline.Packer
	var badges []timeline.Badge
	for i := range 300 {
		vp := timeline.Viewport{Start: r.Float64() * 1e9, PerPixel: 1 + r.Float64()*1e4, Width: 1000}
		n := r.IntN(2000)
		spans := make([]timeline.Span, n)
		for j := range spans {
			start := vp.XToTime(float32(r.Float64()*1200 - 100))
			end := start + r.Float64()*vp.PerPixel*300
			x0 := vp.TimeToX(start)
			spans[j] = timeline.Span{X0: x0, X1: max(vp.TimeToX(end), x0+40), Start: start, End: end, Importance: 1 + r.IntN(5)}
		}
		sortSpans(spans)
		rows := p.PackByImportance(nil, spans, r.IntN(6), 2)
		bucket := float32(1 + r.IntN(80))
		badges = timeline.Cluster(badges[:0], i, spans, rows, vp, bucket)

		placed, hidden := 0, 0
		for _, row := range rows {
			if row == timeline.Overflow {
				hidden++
			} else {
				placed++
			}
		}
		counted := 0
		for k, b := range badges {
			counted += b.Count
			if b.Count < 1 || b.First > b.Last || b.Lane != i {
				t.Fatalf("case %d: bad badge %+v", i, b)
			}
			if k > 0 && b.X0 < badges[k-1].X1-1e-3 {
				t.Fatalf("case %d: badges %+v and %+v overlap", i, badges[k-1], b)
			}
			if w := b.X1 - b.X0; w < bucket-1e-3 || w > bucket+1e-3 {
				t.Fatalf("case %d: badge %+v is %g px wide, want %g", i, b, w, bucket)
			}
		}
		if got, want := counted+placed, len(spans); got != want || counted != hidden {
			t.Fatalf("case %d: %d counted in badges + %d placed = %d, want %d", i, counted, placed, got, want)
		}
		// Every hidden span lies in the time range and bucket of a badge,
		// badges coming in the order of their spans.
		k := 0
		for j, s := range spans {
			if rows[j] != timeline.Overflow {
				continue
			}
			x := vp.TimeToX(s.Start)
			for k < len(badges) {
				if b := badges[k]; s.Start >= b.First && s.End <= b.Last && x >= b.X0-1e-2 && x <= b.X1+1e-2 {
					break
				}
				k++
			}
			if k == len(badges) {
				t.Fatalf("case %d: hidden span %+v in no badge", i, s)
			}
		}
	}
}

// sortSpans sorts spans by X0, as Pack and Cluster want them.
func sortSpans(spans []timeline.Span) {
	slices.SortStableFunc(spans, func(a, b timeline.Span) int { return cmpFloat(a.X0, b.X0) })
}

func BenchmarkCluster(b *testing.B) {
	vp := timeline.Viewport{Start: 0, PerPixel: 1, Width: 2000}
	spans := randomSpans(rand.New(rand.NewPCG(25, 26)), 100_000, 2000, 50)
	var p timeline.Packer
	rows := p.Pack(nil, spans, 8, 2)
	var badges []timeline.Badge
	b.ReportAllocs()
	for b.Loop() {
		badges = timeline.Cluster(badges[:0], 0, spans, rows, vp, 24)
	}
	b.ReportMetric(float64(len(badges)), "badges")
}
