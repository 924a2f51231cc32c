package data_test

import (
	"cmp"
	"slices"
	"strings"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// TestSortedWindows sorts the default chronology by every column, both
// ways: the rows come in the column's order (ties by date), pages join up
// to the whole, and IndexOf finds every row where the list shows it.
func TestSortedWindows(t *testing.T) {
	s := datatest.DefaultStore(t)
	names := datatest.ActorNames(t, s)
	rank := map[data.Certainty]int{data.Confirmed: 0, data.Reported: 1, data.Claimed: 2, data.Disputed: 3, data.Denied: 4}
	firstActor := func(r data.EventRow) string {
		if len(r.Actors) == 0 {
			return ""
		}
		return strings.ToLower(names[r.Actors[0]])
	}
	byDate := func(a, b data.EventRow) int { return cmp.Or(cmp.Compare(a.StartS, b.StartS), cmp.Compare(a.ID, b.ID)) }
	sorts := map[data.Sort]func(a, b data.EventRow) int{
		data.SortDate: byDate,
		data.SortTitle: func(a, b data.EventRow) int {
			return cmp.Or(cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), byDate(a, b))
		},
		data.SortActors: func(a, b data.EventRow) int { return cmp.Or(cmp.Compare(firstActor(a), firstActor(b)), byDate(a, b)) },
		data.SortCertainty: func(a, b data.EventRow) int {
			return cmp.Or(cmp.Compare(rank[a.Certainty], rank[b.Certainty]), byDate(a, b))
		},
		data.SortSources: func(a, b data.EventRow) int { return cmp.Or(cmp.Compare(a.Sources, b.Sources), byDate(a, b)) },
	}
	for sort, compare := range sorts {
		for _, desc := range []bool{false, true} {
			f := data.Filter{Sort: sort, Descending: desc, Certainties: []data.Certainty{data.Confirmed, data.Reported, data.Claimed, data.Denied}}
			rows, err := s.Window(f)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) < 15 {
				t.Fatalf("sort %d: %d rows", sort, len(rows))
			}
			want := slices.Clone(rows)
			slices.SortFunc(want, compare)
			if desc {
				slices.Reverse(want)
			}
			for i := range rows {
				if rows[i].ID != want[i].ID {
					t.Fatalf("sort %d desc %v: row %d is %q, want %q", sort, desc, i, rows[i].Title, want[i].Title)
				}
			}
			var paged []data.EventRow
			for off := 0; off < len(rows); off += 4 {
				g := f
				g.Limit, g.Offset = 4, off
				page, err := s.Window(g)
				if err != nil {
					t.Fatal(err)
				}
				paged = append(paged, page...)
			}
			if len(paged) != len(rows) {
				t.Fatalf("sort %d desc %v: pages hold %d rows, want %d", sort, desc, len(paged), len(rows))
			}
			for i, r := range rows {
				if paged[i].ID != r.ID {
					t.Errorf("sort %d desc %v: paged row %d differs", sort, desc, i)
				}
				at, err := s.IndexOf(f, r.ID)
				if err != nil || at != i {
					t.Errorf("sort %d desc %v: IndexOf(%q) = %d, %v; want %d", sort, desc, r.Title, at, err, i)
				}
			}
		}
	}
}
