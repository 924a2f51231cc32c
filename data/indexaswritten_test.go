package data_test

import (
	"database/sql"
	"fmt"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// TestIndexAsWritten: a large load that indexes its events as their rows
// are written finds every event by its words after it commits, including
// a quote cited on an event after that event was indexed, and both the
// file and its full-text index pass their integrity checks (see also
// TestIndexAsWrittenKeepsIndexesDropped).
func TestIndexAsWritten(t *testing.T) {
	s := datatest.NewStore(t)
	before := indexesOf(t, s.Path())
	const n = 20_000
	err := s.Update(func(tx *data.Tx) error {
		tx.IndexAsWritten()
		src := data.Source{Title: "Wire"}
		if err := tx.CreateSource(&src); err != nil {
			return err
		}
		var first int64
		for i := range n {
			e := data.Event{Title: fmt.Sprintf("Event w%05d", i), Start: data.DayDate(2000+int64(i%20), 1+i%12, 1+i%28),
				Certainty: data.Reported, Importance: 3}
			if err := tx.CreateEvent(&e); err != nil {
				return err
			}
			if i == 0 {
				first = e.ID
			}
			if i%1000 == 999 {
				c := data.Citation{EventID: e.ID, SourceID: src.ID, Quote: fmt.Sprintf("fresh%05d", i)}
				if err := tx.CreateCitation(&c); err != nil {
					return err
				}
			}
			if i == n/2 {
				// The first event was written and indexed long ago.
				c := data.Citation{EventID: first, SourceID: src.ID, Quote: "latecomer"}
				if err := tx.CreateCitation(&c); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if after := indexesOf(t, s.Path()); len(after) != len(before) {
		t.Errorf("%d indexes after the load, %d before", len(after), len(before))
	}
	for _, tt := range []struct {
		words string
		want  string // the one title found
	}{{"w00000", "Event w00000"}, {"w12345", "Event w12345"}, {"w19999", "Event w19999"},
		{"latecomer", "Event w00000"}, {"fresh00999", "Event w00999"}, {"fresh19999", "Event w19999"}} {
		rows, _, err := s.Search(tt.words, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0].Title != tt.want {
			var got []string
			for _, r := range rows {
				got = append(got, r.Title)
			}
			t.Errorf("search %q finds %q, want [%q]", tt.words, got, tt.want)
		}
	}
	if got, err := s.Count(data.Filter{Text: "event"}); err != nil || got != n {
		t.Errorf("search \"event\" counts %d (%v), want %d", got, err, n)
	}
	s.Close()
	db, err := sql.Open("sqlite3", "file:"+s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("INSERT INTO event_fts (event_fts) VALUES ('integrity-check')"); err != nil {
		t.Errorf("the full-text index fails its integrity check: %v", err)
	}
}
