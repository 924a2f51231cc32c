package data_test

import (
	"path/filepath"
	"slices"
	"testing"

	"chronoscope/data"
)

// TestCompactAndEventRows checks that Compact streams every event with the
// same fields as Window, and that EventRows returns the rows asked for.
func TestCompactAndEventRows(t *testing.T) {
	s, err := data.Create(filepath.Join(t.TempDir(), "c.chrono"), data.Chronology{Title: "c"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Update(func(tx *data.Tx) error {
		return data.Generate(tx, data.GenerateOptions{Events: 1200, Actors: 9, Seed: 3})
	}); err != nil {
		t.Fatal(err)
	}
	rows, err := s.Window(data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]data.EventRow{}
	for _, r := range rows {
		want[r.ID] = r
	}
	var ids []int64
	err = s.View(func(tx *data.Tx) error {
		return tx.Compact(func(c *data.CompactRow) error {
			r, ok := want[c.ID]
			if !ok {
				t.Fatalf("Compact: unknown id %d", c.ID)
			}
			if c.StartS != r.StartS || c.StopS != r.StopS || c.Importance != r.Importance ||
				c.Certainty != r.Certainty || c.HasEnd != !r.End.IsZero() || !slices.Equal(c.Actors, r.Actors) {
				t.Fatalf("Compact: %+v, Window: %+v", *c, r)
			}
			ids = append(ids, c.ID)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != len(rows) {
		t.Fatalf("Compact gave %d events, want %d", len(ids), len(rows))
	}
	// Every third id, plus one that does not exist, over several chunks.
	var ask []int64
	for i := 0; i < len(ids); i += 3 {
		ask = append(ask, ids[i])
	}
	ask = append(ask, 1<<40)
	var got []data.EventRow
	if err := s.View(func(tx *data.Tx) (err error) {
		got, err = tx.EventRows(ask)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(ask)-1 {
		t.Fatalf("EventRows gave %d rows, want %d", len(got), len(ask)-1)
	}
	for _, r := range got {
		w := want[r.ID]
		if r.Title != w.Title || r.Start != w.Start || r.End != w.End || r.Zone != w.Zone {
			t.Fatalf("EventRows: %+v, want %+v", r, w)
		}
	}
}
