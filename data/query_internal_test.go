package data

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortByStart: sortByStart orders rows as a sort of the rows
// themselves would, by start then id, for runs of every shape (sorted,
// reversed, ties, one long cycle, random).
func TestSortByStart(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	shapes := map[string]func(i, n int) (start, id int64){
		"sorted":   func(i, n int) (int64, int64) { return int64(i), int64(i) },
		"reversed": func(i, n int) (int64, int64) { return int64(n - i), int64(i) },
		"ties":     func(i, n int) (int64, int64) { return int64(i % 3), int64(n - i) },
		"rotated":  func(i, n int) (int64, int64) { return int64((i + 1) % n), int64(i) },
		"random":   func(i, n int) (int64, int64) { return rng.Int64N(50), rng.Int64N(1000) },
	}
	for name, shape := range shapes {
		for _, n := range []int{0, 1, 2, 7, 1000} {
			rows := make([]EventRow, n)
			for i := range rows {
				rows[i].StartS, rows[i].ID = shape(i, n)
				rows[i].Title = string(rune('a' + i%26))
				rows[i].Actors = []int64{int64(i)}
			}
			want := slices.Clone(rows)
			slices.SortStableFunc(want, func(a, b EventRow) int {
				if c := cmp.Compare(a.StartS, b.StartS); c != 0 {
					return c
				}
				return cmp.Compare(a.ID, b.ID)
			})
			sortByStart(rows)
			for i := range rows {
				if rows[i].StartS != want[i].StartS || rows[i].ID != want[i].ID {
					t.Fatalf("%s, %d rows: place %d holds %d/%d, want %d/%d", name, n, i, rows[i].StartS, rows[i].ID, want[i].StartS, want[i].ID)
				}
			}
			// Each row moved whole: its title and actors came with it.
			got := map[int64]int{}
			for _, r := range rows {
				got[r.Actors[0]]++
				if r.Title != string(rune('a'+r.Actors[0]%26)) {
					t.Fatalf("%s, %d rows: row %d came apart", name, n, r.Actors[0])
				}
			}
			if len(got) != n {
				t.Fatalf("%s, %d rows: %d distinct rows after sorting", name, n, len(got))
			}
		}
	}
}
