package data_test

import (
	"database/sql"
	"errors"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// schemaIndex is an index as sqlite_schema lists it.
type schemaIndex struct {
	sql      string
	rootpage int64
}

// indexesOf reads the indexes of the file at path (those made by CREATE
// INDEX) and checks the file's integrity, which compares every index
// with its table.
func indexesOf(t *testing.T, path string) map[string]schemaIndex {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q, %v", check, err)
	}
	rows, err := db.Query("SELECT name, sql, rootpage FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]schemaIndex{}
	for rows.Next() {
		var name string
		var ix schemaIndex
		if err := rows.Scan(&name, &ix.sql, &ix.rootpage); err != nil {
			t.Fatal(err)
		}
		out[name] = ix
	}
	return out
}

// TestBulkLoadRebuildsIndexes: a large load into an empty file builds
// the bulk tables' indexes after its rows (they move to new pages) and
// commits them as they were made; a small one, or a load into a file
// with more events than it writes, keeps them. Either way the file
// passes integrity_check, which compares each index with its table.
func TestBulkLoadRebuildsIndexes(t *testing.T) {
	s := datatest.NewStore(t)
	before := indexesOf(t, s.Path())
	for _, name := range []string{"event_window", "event_start", "event_external", "event_tag_tag", "event_actor_actor",
		"citation_event", "citation_source", "story_link_to", "link_citation_link", "link_citation_source"} {
		if _, ok := before[name]; !ok {
			t.Fatalf("a new file has no index %s", name)
		}
	}
	small := data.GenerateOptions{Events: 3000, Actors: 5, Seed: 3, CitationEvery: 4, Links: 500}
	if err := s.Update(func(tx *data.Tx) error { return data.Generate(tx, small) }); err != nil {
		t.Fatal(err)
	}
	after := indexesOf(t, s.Path())
	for name, ix := range before {
		if after[name] != ix {
			t.Errorf("a load of 3,000 events changed index %s: %+v, was %+v", name, after[name], ix)
		}
	}

	large := datatest.NewStore(t)
	before = indexesOf(t, large.Path())
	opt := data.GenerateOptions{Events: 20_000, Actors: 5, Seed: 4, CitationEvery: 4, Links: 4000}
	if err := large.Update(func(tx *data.Tx) error { return data.Generate(tx, opt) }); err != nil {
		t.Fatal(err)
	}
	after = indexesOf(t, large.Path())
	if len(after) != len(before) {
		t.Errorf("%d indexes after a load of 20,000 events, %d before", len(after), len(before))
	}
	for name, ix := range before {
		if after[name].sql != ix.sql {
			t.Errorf("index %s is %q after the load, was %q", name, after[name].sql, ix.sql)
		}
	}
	if after["event_window"].rootpage == before["event_window"].rootpage {
		t.Errorf("event_window kept its page %d: it was not built after the rows", before["event_window"].rootpage)
	}

	// Into a file with more events than the load writes, the indexes stay.
	before = after
	opt.Seed, opt.Events, opt.Links = 5, 10_000, 0
	if err := large.Update(func(tx *data.Tx) error { return data.Generate(tx, opt) }); err != nil {
		t.Fatal(err)
	}
	after = indexesOf(t, large.Path())
	if after["event_window"] != before["event_window"] {
		t.Errorf("a load of 10,000 events into 20,000 rebuilt event_window: %+v, was %+v", after["event_window"], before["event_window"])
	}
	if n, err := large.Count(data.Filter{}); err != nil || n != 30_000 {
		t.Errorf("%d events, want 30,000 (%v)", n, err)
	}
}

// TestBulkLoadReadsAndFailsWhole: inside a large load, a query by time
// sees every row written so far (the indexes are made again before it
// runs); a load that fails after its indexes were dropped leaves the
// file with no new row and every index as it was.
func TestBulkLoadReadsAndFailsWhole(t *testing.T) {
	s := datatest.NewStore(t)
	before := indexesOf(t, s.Path())
	opt := data.GenerateOptions{Events: 20_000, Actors: 5, Seed: 6, CitationEvery: 4, Links: 4000}
	var all []data.EventRow
	err := s.Update(func(tx *data.Tx) error {
		if err := data.Generate(tx, opt); err != nil {
			return err
		}
		var err error
		if all, err = tx.Window(data.Filter{}); err != nil {
			return err
		}
		mid := all[len(all)/2].StartS
		n, err := tx.Count(data.Filter{From: all[0].StartS, To: mid})
		if err != nil {
			return err
		}
		want := 0
		for _, r := range all {
			if r.StartS < mid {
				want++
			}
		}
		if n < want {
			t.Errorf("%d events before %d inside the load, want at least %d", n, mid, want)
		}
		e := data.Event{Title: "After the query", Start: data.DateAt(all[0].StartS, data.PrecisionDay), Certainty: data.Confirmed, Importance: 3}
		return tx.CreateEvent(&e)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != opt.Events {
		t.Fatalf("%d events read inside the load, want %d", len(all), opt.Events)
	}
	if n, err := s.Count(data.Filter{}); err != nil || n != opt.Events+1 {
		t.Errorf("%d events after the load, want %d (%v)", n, opt.Events+1, err)
	}
	indexesOf(t, s.Path())

	failed := datatest.NewStore(t)
	errStop := errors.New("stopped")
	err = failed.Update(func(tx *data.Tx) error {
		if err := data.Generate(tx, opt); err != nil {
			return err
		}
		return errStop
	})
	if !errors.Is(err, errStop) {
		t.Fatalf("the load returned %v", err)
	}
	if n, err := failed.Count(data.Filter{}); err != nil || n != 0 {
		t.Errorf("%d events after a failed load (%v)", n, err)
	}
	after := indexesOf(t, failed.Path())
	for name, ix := range before {
		if after[name].sql != ix.sql {
			t.Errorf("after a failed load, index %s is %q, was %q", name, after[name].sql, ix.sql)
		}
	}
}
