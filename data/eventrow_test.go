package data_test

import (
	"database/sql"
	"errors"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// TestWindowRowsFromOddStoredValues: the window's rows are read from the
// driver's values; a number stored as an event's title reads as its
// digits (as before), and text stored in a calendar column is reported
// as damage, not read as a date nor a panic.
func TestWindowRowsFromOddStoredValues(t *testing.T) {
	s := datatest.NewStore(t)
	e := data.Event{Title: "Kept", Start: data.DateAt(1e9, data.PrecisionMinute), End: data.DateAt(1e9+7200, data.PrecisionMinute),
		Certainty: data.Claimed, Importance: 4}
	if err := s.CreateEvent(&e); err != nil {
		t.Fatal(err)
	}
	rows, err := s.Window(data.Filter{From: 1e9 - 10, To: 1e9 + 10})
	if err != nil || len(rows) != 1 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	r := rows[0]
	if r.ID != e.ID || r.Title != "Kept" || r.Start != e.Start || r.End != e.End || r.Certainty != data.Claimed || r.Importance != 4 ||
		r.StartS != 1e9-40 || r.StopS != 1e9+7200-40+60 {
		t.Errorf("row %+v does not match event %+v", r, e)
	}
	db, err := sql.Open("sqlite3", s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("UPDATE event SET title = 1234 WHERE id = ?", e.ID); err != nil {
		t.Fatal(err)
	}
	if rows, err := s.Window(data.Filter{}); err != nil || len(rows) != 1 || rows[0].Title != "1234" {
		t.Errorf("a number as title: %+v, %v", rows, err)
	}
	if _, err := db.Exec("UPDATE event SET end_month = 'June' WHERE id = ?", e.ID); err != nil {
		t.Fatal(err)
	}
	if rows, err := s.Window(data.Filter{}); !errors.Is(err, data.ErrDamaged) {
		t.Errorf("text as a month: %+v, %v; want ErrDamaged", rows, err)
	}
}
