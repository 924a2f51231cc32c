package data_test

import (
	"database/sql"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// ftsIntegrity runs FTS4's own check of the full-text index against the
// event table, on a connection of its own.
func ftsIntegrity(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("INSERT INTO event_fts (event_fts) VALUES ('integrity-check')"); err != nil {
		t.Errorf("full-text index out of step with the events: %v", err)
	}
}

// The full-text index catches up in bulk inside a write transaction; every
// read in the transaction, and every read after it commits, must still see
// exactly what was written.
func TestSearchInsideABulkTransaction(t *testing.T) {
	s := datatest.NewStore(t)
	count := func(tx *data.Tx, text string) int {
		t.Helper()
		n, err := tx.Count(data.Filter{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	var kept, renamed, dropped data.Event
	err := s.Update(func(tx *data.Tx) error {
		src := data.Source{Title: "Dyn"}
		if err := tx.CreateSource(&src); err != nil {
			return err
		}
		for i, e := range []*data.Event{&kept, &renamed, &dropped} {
			*e = data.Event{Title: []string{"Blackout in Pyongyang", "Ceasefire talks", "Dropped story"}[i],
				Start: data.DayDate(2014, 12, 20+i), Certainty: data.Reported, Importance: 3}
			if err := tx.CreateEvent(e); err != nil {
				return err
			}
			c := data.Citation{EventID: e.ID, SourceID: src.ID, Quote: []string{"someone disconnects", "envoys meet", "never printed"}[i]}
			if err := tx.CreateCitation(&c); err != nil {
				return err
			}
		}
		// Reads inside the transaction see the new events, their quotes
		// and their citation counts.
		for text, want := range map[string]int{"blackout": 1, "disconnects": 1, "envoys": 1, "printed": 1} {
			if got := count(tx, text); got != want {
				t.Errorf("inside the transaction, %q finds %d, want %d", text, got, want)
			}
		}
		rows, more, err := tx.Search("pyongyang", 10)
		if err != nil || more || len(rows) != 1 || rows[0].Sources != 1 {
			t.Errorf("tx.Search(pyongyang) = %+v, %v, %v; want one row with one source", rows, more, err)
		}
		// A new event renamed, a new event deleted, and a second citation,
		// all before the transaction ends.
		renamed.Title = "Truce talks"
		if err := tx.UpdateEvent(&renamed); err != nil {
			return err
		}
		if err := tx.DeleteEvent(dropped.ID); err != nil {
			return err
		}
		c := data.Citation{EventID: kept.ID, SourceID: src.ID, Quote: "route withdrawals"}
		return tx.CreateCitation(&c)
	})
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]int{"blackout": 1, "disconnects": 1, "withdrawals": 1, "ceasefire": 0,
		"truce": 1, "envoys": 1, "dropped": 0, "printed": 0} {
		if got, err := s.Count(data.Filter{Text: text}); err != nil || got != want {
			t.Errorf("after commit, %q finds %d (%v), want %d", text, got, err, want)
		}
	}
	rows, err := s.Window(data.Filter{Text: "pyongyang"})
	if err != nil || len(rows) != 1 || rows[0].Sources != 2 {
		t.Errorf("Window(pyongyang) = %+v, %v; want one row with two sources", rows, err)
	}
	if problems, err := s.Check(); err != nil || len(problems) != 0 {
		t.Errorf("Check = %v, %v", problems, err)
	}
	path := s.Path()
	s.Close()
	ftsIntegrity(t, path)
}

// A transaction that fails leaves neither its events nor their index rows.
func TestFailedBulkTransactionLeavesNoIndexRows(t *testing.T) {
	s := datatest.NewStore(t)
	err := s.Update(func(tx *data.Tx) error {
		if err := data.Generate(tx, data.GenerateOptions{Events: 500, Seed: 3, CitationEvery: 4}); err != nil {
			return err
		}
		if n, err := tx.Count(data.Filter{Text: "ministry"}); err != nil || n == 0 {
			t.Errorf("inside the transaction, ministry finds %d, %v", n, err)
		}
		return data.ErrNotFound // any error: roll back
	})
	if err != data.ErrNotFound {
		t.Fatal(err)
	}
	if n, err := s.Count(data.Filter{Text: "ministry"}); err != nil || n != 0 {
		t.Errorf("after rollback, ministry finds %d, %v", n, err)
	}
	if err := s.Update(func(tx *data.Tx) error {
		return data.Generate(tx, data.GenerateOptions{Events: 500, Seed: 3, CitationEvery: 4})
	}); err != nil {
		t.Fatal(err)
	}
	n, err := s.Count(data.Filter{Text: "ministry"})
	if err != nil || n == 0 {
		t.Errorf("after a committed Generate, ministry finds %d, %v", n, err)
	}
	path := s.Path()
	s.Close()
	ftsIntegrity(t, path)
}
