package timeline_test

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"chronoscope/timeline"
)

// randomItems returns n items over [0, 1e6) s with durations from instants
// to long spans, importance 1..5 and one to three of lanes 1..6 (a few
// with none).
func randomItems(r *rand.Rand, n int) []timeline.Item {
	items := make([]timeline.Item, n)
	for i := range items {
		start := math.Floor(r.Float64() * 1e6)
		var dur float64
		switch r.IntN(4) {
		case 0:
		case 1:
			dur = 1
		case 2:
			dur = math.Floor(math.Pow(10, r.Float64()*5))
		default:
			dur = math.Floor(r.Float64() * 2e5)
		}
		var lanes []int64
		if r.IntN(20) > 0 {
			for range 1 + r.IntN(3) {
				lanes = append(lanes, 1+r.Int64N(6))
			}
		}
		items[i] = timeline.Item{
			ID: int64(i + 1), Start: start, Stop: start + dur, Lanes: lanes,
			Importance: 1 + r.IntN(5), Certainty: timeline.Certainty(r.IntN(5)), Span: r.IntN(2) == 0,
		}
	}
	return items
}

// overlaps reports whether it overlaps [from, to) as Source.Items defines.
func overlaps(it timeline.Item, from, to float64) bool {
	return it.Start < to && (it.Stop > from || it.Start >= from)
}

// inLanes reports whether it matches the lane filter.
func inLanes(it timeline.Item, lanes []int64) bool {
	if lanes == nil {
		return true
	}
	return slices.ContainsFunc(it.Lanes, func(l int64) bool { return slices.Contains(lanes, l) })
}

// brute returns the matching items sorted by (Start, ID).
func brute(items []timeline.Item, from, to float64, lanes []int64) []timeline.Item {
	var out []timeline.Item
	for _, it := range items {
		if overlaps(it, from, to) && inLanes(it, lanes) {
			out = append(out, it)
		}
	}
	slices.SortFunc(out, func(a, b timeline.Item) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

func ids(items []timeline.Item) []int64 {
	out := make([]int64, len(items))
	for i, it := range items {
		out[i] = it.ID
	}
	return out
}

var laneFilters = []struct {
	name  string
	lanes []int64
}{
	{"all", nil},
	{"none", []int64{}},
	{"one", []int64{3}},
	{"two", []int64{2, 5}},
	{"every lane named", []int64{1, 2, 3, 4, 5, 6}},
	{"unknown lane", []int64{99}},
}

func TestMemorySourceItemsComplete(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	items := randomItems(r, 3000)
	src := timeline.NewMemorySource(items)
	for _, lf := range laneFilters {
		t.Run(lf.name, func(t *testing.T) {
			for range 200 {
				from := r.Float64()*1.2e6 - 1e5
				to := from + math.Pow(10, r.Float64()*6)
				want := brute(items, from, to, lf.lanes)
				got, total := src.Items(nil, from, to, lf.lanes, len(want)+1)
				if !slices.Equal(ids(got), ids(want)) {
					t.Fatalf("Items(%g, %g) = %v, want %v", from, to, ids(got), ids(want))
				}
				if total != len(want) {
					t.Fatalf("Items(%g, %g) total = %d, want %d", from, to, total, len(want))
				}
			}
		})
	}
}

// TestMemorySourceExtremeDurations: durations under a second and beyond
// 2^63 s (and infinite) share their duration classes with their
// neighbours; each is still found exactly where it overlaps the window.
func TestMemorySourceExtremeDurations(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	durs := []float64{0, 1e-9, 0.25, 0.5, 0.999, 1, 1.5, 2, 3.5, 1e6,
		math.Ldexp(1, 62), math.Ldexp(1, 63), 1e19, 1e30, 1e300, math.Inf(1)}
	var items []timeline.Item
	for i := range 2000 {
		start := r.Float64()*2e6 - 1e6
		if i%7 == 0 {
			start = -1e40 * r.Float64() // far in the past: only long ones reach the window
		}
		items = append(items, timeline.Item{ID: int64(i + 1), Start: start, Stop: start + durs[i%len(durs)],
			Importance: 1 + i%5, Lanes: []int64{int64(1 + i%3)}})
	}
	src := timeline.NewMemorySource(items)
	for k := range 1000 {
		from := r.Float64()*3e6 - 1.5e6
		if k%2 == 0 {
			// Just after an item's start, where a short one may have ended.
			from = items[r.IntN(len(items))].Start + r.Float64()*2.5
		}
		to := from + math.Pow(10, r.Float64()*7-1)
		if !(from < to) {
			continue // a window too narrow for floats this far out
		}
		for _, lanes := range [][]int64{nil, {2}, {1, 3}} {
			want := brute(items, from, to, lanes)
			got, total := src.Items(nil, from, to, lanes, len(want)+1)
			if !slices.Equal(ids(got), ids(want)) || total != len(want) {
				t.Fatalf("Items(%g, %g, %v) = %v (total %d), want %v", from, to, lanes, ids(got), total, ids(want))
			}
		}
	}
}

func TestMemorySourceItemsLimited(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	items := randomItems(r, 5000)
	src := timeline.NewMemorySource(items)
	for _, lf := range laneFilters {
		t.Run(lf.name, func(t *testing.T) {
			for range 200 {
				from := r.Float64() * 1e6
				to := from + math.Pow(10, 3+r.Float64()*3)
				want := brute(items, from, to, lf.lanes)
				limit := 1 + r.IntN(200)
				got, total := src.Items(nil, from, to, lf.lanes, limit)
				if len(want) <= limit {
					if !slices.Equal(ids(got), ids(want)) || total != len(want) {
						t.Fatalf("under the limit: got %d items (total %d), want %d", len(got), total, len(want))
					}
					continue
				}
				if len(got) > limit {
					t.Fatalf("%d items for a limit of %d", len(got), limit)
				}
				// Power-of-two strides fill at least about half the budget
				// (each duration class may round one item away).
				if len(got) < limit/2-8 {
					t.Errorf("only %d items for a limit of %d with %d matching", len(got), limit, len(want))
				}
				if total < len(want) {
					t.Fatalf("total %d below the %d matching", total, len(want))
				}
				if len(lf.lanes) <= 1 && total != len(want) {
					t.Fatalf("total %d, want exactly %d", total, len(want))
				}
				if !slices.IsSortedFunc(got, func(a, b timeline.Item) int {
					if c := cmp.Compare(a.Start, b.Start); c != 0 {
						return c
					}
					return cmp.Compare(a.ID, b.ID)
				}) {
					t.Fatalf("items not sorted")
				}
				// Every returned item matches, and none left out is more
				// important than one returned.
				minGot := 6
				for _, it := range got {
					if !overlaps(it, from, to) || !inLanes(it, lf.lanes) {
						t.Fatalf("item %+v does not match", it)
					}
					minGot = min(minGot, it.Importance)
				}
				for _, it := range want {
					if it.Importance > minGot && !slices.ContainsFunc(got, func(g timeline.Item) bool { return g.ID == it.ID }) {
						t.Fatalf("left out item %d of importance %d while returning importance %d", it.ID, it.Importance, minGot)
					}
				}
			}
		})
	}
}

// A sample does not flicker: panning by a little keeps almost all of the
// items of the overlap.
func TestMemorySourceSampleIsStable(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	items := randomItems(r, 20000)
	src := timeline.NewMemorySource(items)
	from, to := 3e5, 6e5
	a, _ := src.Items(nil, from, to, nil, 300)
	b, _ := src.Items(nil, from+3e3, to+3e3, nil, 300)
	inB := map[int64]bool{}
	for _, it := range b {
		inB[it.ID] = true
	}
	kept, shared := 0, 0
	for _, it := range a {
		if overlaps(it, from+3e3, to+3e3) {
			shared++
			if inB[it.ID] {
				kept++
			}
		}
	}
	if kept < shared*9/10 {
		t.Errorf("after a 1%% pan, %d of %d shared items kept", kept, shared)
	}
}

func TestMemorySourceDensity(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	items := randomItems(r, 4000)
	src := timeline.NewMemorySource(items)
	for _, lf := range laneFilters {
		t.Run(lf.name, func(t *testing.T) {
			for range 100 {
				from := r.Float64()*1e6 - 1e5
				to := from + math.Pow(10, 2+r.Float64()*4)
				n := 1 + r.IntN(300)
				want := make([]int, n)
				w := (to - from) / float64(n)
				for _, it := range items {
					if it.Start >= from && it.Start < to && inLanes(it, lf.lanes) {
						if b := int((it.Start - from) / w); b < n {
							want[b]++
						}
					}
				}
				got := src.Density([]int{-7}, from, to, n, lf.lanes)
				if got[0] != -7 || !slices.Equal(got[1:], want) {
					t.Fatalf("Density(%g, %g, %d) = %v, want %v", from, to, n, got[1:], want)
				}
			}
		})
	}
}

func TestMemorySourceAdjacent(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	items := randomItems(r, 500)
	src := timeline.NewMemorySource(items)
	for _, lf := range laneFilters {
		t.Run(lf.name, func(t *testing.T) {
			all := brute(items, math.Inf(-1), math.Inf(1), lf.lanes)
			// Walk forward from before the first item, then back.
			var walked []int64
			at := timeline.Item{Start: math.Inf(-1), ID: math.MinInt64}
			for {
				next, ok := src.Adjacent(at, true, lf.lanes)
				if !ok {
					break
				}
				walked = append(walked, next.ID)
				at = next
			}
			if !slices.Equal(walked, ids(all)) {
				t.Fatalf("forward walk = %d items, want %d", len(walked), len(all))
			}
			walked = walked[:0]
			at = timeline.Item{Start: math.Inf(1), ID: math.MaxInt64}
			for {
				prev, ok := src.Adjacent(at, false, lf.lanes)
				if !ok {
					break
				}
				walked = append(walked, prev.ID)
				at = prev
			}
			slices.Reverse(walked)
			if !slices.Equal(walked, ids(all)) {
				t.Fatalf("backward walk = %d items, want %d", len(walked), len(all))
			}
		})
	}
}

func TestMemorySourceBoundsAndItem(t *testing.T) {
	empty := timeline.NewMemorySource(nil)
	if _, _, ok := empty.Bounds(); ok {
		t.Errorf("empty source has bounds")
	}
	src := timeline.NewMemorySource([]timeline.Item{
		{ID: 7, Start: 10, Stop: 20},
		{ID: 8, Start: 5, Stop: 6},
		{ID: 9, Start: math.NaN(), Stop: 1}, // dropped
		{ID: 10, Start: 30, Stop: math.NaN()},
	})
	from, to, ok := src.Bounds()
	if !ok || from != 5 || to != 30 {
		t.Errorf("Bounds = %g, %g, %v; want 5, 30, true", from, to, ok)
	}
	if it, ok := src.Item(7); !ok || it.Start != 10 {
		t.Errorf("Item(7) = %+v, %v", it, ok)
	}
	if _, ok := src.Item(9); ok {
		t.Errorf("an item with a NaN start was kept")
	}
	if src.Len() != 3 {
		t.Errorf("Len = %d, want 3", src.Len())
	}
}

func TestCertaintyString(t *testing.T) {
	for c, want := range map[timeline.Certainty]string{
		timeline.Confirmed: "confirmed", timeline.Reported: "reported", timeline.Claimed: "claimed",
		timeline.Disputed: "disputed", timeline.Denied: "denied", 99: "unknown",
	} {
		if got := c.String(); got != want {
			t.Errorf("Certainty(%d).String() = %q, want %q", c, got, want)
		}
	}
}
