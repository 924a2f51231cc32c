package data_test

import (
	"slices"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// TestActorFilterForms: an actor filter that shows more actors than it
// hides is run as "linked to an actor not hidden" (see Tx.withActors).
// Count, paged Window and IndexOf give the same events as a brute-force
// filter of every event's actors, for filters on either side of the
// switch, events with several actors and events with none, with other
// filters beside, and ids of no actor in the list.
func TestActorFilterForms(t *testing.T) {
	s := datatest.NewStore(t)
	if err := s.Update(func(tx *data.Tx) error {
		if err := data.Generate(tx, data.GenerateOptions{Events: 1500, Actors: 9, Seed: 5}); err != nil {
			return err
		}
		for range 7 {
			e := data.Event{Title: "nobody", Start: data.YearDate(2001), Certainty: data.Confirmed, Importance: 3}
			if err := tx.CreateEvent(&e); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	actorsOf := map[int64][]int64{}
	certainty := map[int64]data.Certainty{}
	multi := 0
	if err := s.View(func(tx *data.Tx) error {
		return tx.Compact(func(r *data.CompactRow) error {
			actorsOf[r.ID] = slices.Clone(r.Actors)
			certainty[r.ID] = r.Certainty
			if len(r.Actors) > 1 {
				multi++
			}
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	if multi == 0 || len(actorsOf) != 1507 {
		t.Fatalf("%d events, %d with several actors", len(actorsOf), multi)
	}
	all := datatest.ActorIDs(t, s)
	filters := [][]int64{all, all[1:], all[:8], all[:5], all[4:], all[:4], all[:1], append(slices.Clone(all[2:]), 9999), {9999}, {}}
	for _, shown := range filters {
		for _, certs := range [][]data.Certainty{nil, {data.Reported, data.Disputed}} {
			f := data.Filter{Actors: shown, Certainties: certs}
			var want []int64
			for id, ls := range actorsOf {
				if slices.ContainsFunc(ls, func(a int64) bool { return slices.Contains(shown, a) }) &&
					(certs == nil || slices.Contains(certs, certainty[id])) {
					want = append(want, id)
				}
			}
			if n, err := s.Count(f); err != nil || n != len(want) {
				t.Fatalf("%d actors shown, certainties %v: Count = %d, %v; want %d", len(shown), certs, n, err, len(want))
			}
			var got []data.EventRow
			for page := 0; ; page++ {
				pf := f
				pf.Limit, pf.Offset = 400, page*400
				rows, err := s.Window(pf)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, rows...)
				if len(rows) < 400 {
					break
				}
			}
			var ids []int64
			for _, r := range got {
				ids = append(ids, r.ID)
			}
			slices.Sort(ids)
			slices.Sort(want)
			if !slices.Equal(ids, want) {
				t.Fatalf("%d actors shown, certainties %v: paged Window has %d events, want %d", len(shown), certs, len(ids), len(want))
			}
			for i := 0; i < len(got); i += 97 {
				if at, err := s.IndexOf(f, got[i].ID); err != nil || at != i {
					t.Fatalf("%d actors shown: IndexOf(%d) = %d, %v; want %d", len(shown), got[i].ID, at, err, i)
				}
			}
		}
	}
}
