package timeline

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// randomLanes returns the lanes of n items: each item has 0 to 3 of the
// given number of lanes (ids 1..lanes), in no set order and sometimes
// repeated.
func randomLanes(n, lanes int, seed uint64) [][]int64 {
	r := rand.New(rand.NewPCG(seed, 1))
	all := make([][]int64, n)
	for p := range all {
		for range r.IntN(4) {
			all[p] = append(all[p], int64(1+r.IntN(lanes)))
		}
	}
	return all
}

// TestIndexLanes: Lanes gives back each item's list as given, in its
// order and with its repeats, while equal lists share one copy.
func TestIndexLanes(t *testing.T) {
	const n = 20000
	lanes := randomLanes(n, 12, 7)
	starts := make([]float64, n)
	given := 0
	for p := range starts {
		starts[p] = float64(p)
		given += len(lanes[p])
	}
	x := NewIndex(starts, starts, make([]int8, n), func(p int) []int64 { return lanes[p] })
	for p := range n {
		if got, want := x.Lanes(p), lanes[p]; !slices.Equal(got, want) {
			t.Fatalf("Lanes(%d) = %v, want %v", p, got, want)
		}
	}
	// 1 empty list, 12 of one lane, 144 of two, 1728 of three at most.
	if sets := len(x.setOff) - 1; sets > 1+12+144+1728 || sets < 1000 {
		t.Fatalf("%d distinct lane lists among %d items", sets, n)
	}
	if len(x.setIDs) >= given/4 {
		t.Fatalf("the index holds %d lane ids for %d given: the lists are not shared", len(x.setIDs), given)
	}
}

// BenchmarkNewIndex indexes a million items with 0 to 3 lanes of 50 each.
func BenchmarkNewIndex(b *testing.B) {
	const n = 1_000_000
	lanes := randomLanes(n, 50, 3)
	r := rand.New(rand.NewPCG(5, 5))
	starts, stops := make([]float64, n), make([]float64, n)
	imp := make([]int8, n)
	for p := range n {
		starts[p] = float64(p) * 1000
		stops[p] = starts[p] + float64(r.IntN(3)*r.IntN(1e6))
		imp[p] = int8(1 + r.IntN(5))
	}
	b.ReportAllocs()
	for b.Loop() {
		NewIndex(starts, stops, imp, func(p int) []int64 { return lanes[p] })
	}
}
