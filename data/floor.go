package data

import (
	"errors"
	"fmt"
	"time"
)

// floorTables are the tables LoadFloor moves, each with its columns, in
// an order that satisfies the foreign keys.
var floorTables = []struct{ name, columns string }{
	{"actor", "id, name, kind, color, description, position"},
	{"source", "id, title, publisher, author, url, published, accessed, archive_url"},
	{"era", "id, title, start, end, color, start_s, stop_s"},
	{"event", "id, " + eventColumns + ", quotes, citations, links"},
	{"event_tag", "event_id, tag"},
	{"event_actor", "event_id, actor_id, role, position"},
	{"citation", "id, event_id, source_id, quote, note, date"},
	{"story_link", "id, from_id, to_id, kind, certainty, note"},
	{"link_citation", "id, link_id, source_id, quote, note, position"},
}

// LoadFloor measures the floor under the store's write path: the rows of
// the chronology at src (every actor, source, era, event with its packed
// actor ids, quotes, citation and link counts, tag, actor link, citation, story
// link and link citation),
// loaded into s by SQLite alone. The rows are first staged in temporary
// tables of s's write connection, untimed; then one write transaction
// moves them into the real tables with set-based INSERT … SELECT
// statements, fills the full-text index and commits, through the same
// indexes, foreign keys and connection settings as every write. LoadFloor
// returns the time of that transaction. s must hold no actors, sources,
// eras or events.
//
// Benchmarks divide the write path's speed by this one, measured in the
// same run on the rows the write path wrote: what the ratio lacks of 1 is
// the cost of Go and of the driver.
func LoadFloor(s *Store, src string) (time.Duration, error) {
	if s.readOnly {
		return 0, ErrReadOnly
	}
	if err := stageFloor(s, src); err != nil {
		return 0, fmt.Errorf("floor: stage %s: %w", src, err)
	}
	start := time.Now()
	err := s.Update(func(tx *Tx) error {
		for _, t := range floorTables {
			if _, err := tx.exec("INSERT INTO main." + t.name + " (" + t.columns + ") SELECT " + t.columns + " FROM temp.stage_" + t.name); err != nil {
				return err
			}
		}
		_, err := tx.exec("INSERT INTO event_fts (docid, title, description, quotes) SELECT id, title, description, quotes FROM event")
		return err
	})
	elapsed := time.Since(start)
	if err != nil {
		return 0, fmt.Errorf("floor: %w", err)
	}
	return elapsed, s.Update(func(tx *Tx) error {
		for _, t := range floorTables {
			if _, err := tx.exec("DROP TABLE temp.stage_" + t.name); err != nil {
				return err
			}
		}
		return nil
	})
}

// stageFloor copies src's rows into temporary tables of s's write
// connection (held in memory), without indexes or constraints, in the
// order they go in.
func stageFloor(s *Store, src string) error {
	for _, t := range floorTables {
		var n int
		if err := s.db.QueryRow("SELECT count(*) FROM main." + t.name).Scan(&n); err != nil {
			return translate(err)
		}
		if n > 0 {
			return errors.New("the store is not empty")
		}
	}
	// The store has one write connection: these statements, the
	// temporary tables and the transactions after share it.
	if _, err := s.db.Exec("PRAGMA temp_store = MEMORY"); err != nil {
		return translate(err)
	}
	if _, err := s.db.Exec("ATTACH DATABASE ? AS floor_src", src); err != nil {
		return translate(err)
	}
	defer s.db.Exec("DETACH DATABASE floor_src")
	return s.Update(func(tx *Tx) error {
		for _, t := range floorTables {
			order := "id"
			if t.name == "event_tag" || t.name == "event_actor" {
				order = "event_id, position, actor_id"
				if t.name == "event_tag" {
					order = "event_id, tag"
				}
			}
			if _, err := tx.exec("CREATE TEMP TABLE stage_" + t.name + " AS SELECT " + t.columns + " FROM floor_src." + t.name + " ORDER BY " + order); err != nil {
				return err
			}
		}
		return nil
	})
}
