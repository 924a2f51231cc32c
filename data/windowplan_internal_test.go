package data

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWindowQueryReadsOnlyTheIndex checks that SQLite answers the window
// query from event_window alone, without a table page per row: the index
// must carry every column of rowColumns and every column the time bounds
// test. A column added to EventRow without adding it to the index fails
// here (BenchmarkWindowQuery would lose a third).
func TestWindowQueryReadsOnlyTheIndex(t *testing.T) {
	s, err := Create(filepath.Join(t.TempDir(), "plan.chrono"), Chronology{Title: "Plan"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for day := 1; day <= 20; day++ {
		e := Event{Title: "Day", Start: DayDate(2014, 12, day), Certainty: Confirmed, Importance: 3}
		if err := s.CreateEvent(&e); err != nil {
			t.Fatal(err)
		}
	}
	from, to := DayDate(2014, 12, 5).Instant(time.UTC), DayDate(2014, 12, 9).Instant(time.UTC)
	for _, f := range []Filter{{From: from, To: to}, {From: from, To: to, Descending: true}, {From: from, To: to, Certainties: []Certainty{Confirmed}}} {
		q, args, ok := f.windowSQL(rowColumns, false)
		if !ok {
			t.Fatalf("%+v: no query", f)
		}
		var plan []string
		err := s.View(func(tx *Tx) error {
			rows, err := tx.tx.Query("EXPLAIN QUERY PLAN "+q, args...)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var id, parent, unused int
				var detail string
				if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
					return err
				}
				plan = append(plan, detail)
			}
			return rows.Err()
		})
		if err != nil {
			t.Fatal(err)
		}
		joined := strings.Join(plan, "; ")
		if !strings.Contains(joined, "SEARCH e USING COVERING INDEX event_window") {
			t.Errorf("%+v: the window query does not read event_window alone: %s", f, joined)
		}
		rows, err := s.Window(f)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 4 {
			t.Fatalf("%+v: %d rows, want the 4 days from the 5th to the 8th", f, len(rows))
		}
		first, last := rows[0].Start.Day, rows[len(rows)-1].Start.Day
		if f.Descending {
			first, last = last, first
		}
		if first != 5 || last != 8 {
			t.Errorf("%+v: rows from day %d to %d, want 5 to 8 in order", f, first, last)
		}
	}
}
