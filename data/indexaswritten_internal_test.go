package data

import (
	"path/filepath"
	"testing"
)

// TestIndexAsWrittenKeepsIndexesDropped: in a large load, indexing the
// written events leaves the indexes the load dropped dropped (they are
// built once, after the last row) and leaves no written event unindexed.
func TestIndexAsWrittenKeepsIndexesDropped(t *testing.T) {
	s, err := Create(filepath.Join(t.TempDir(), "load.chrono"), Chronology{Title: "Load"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.Update(func(tx *Tx) error {
		tx.IndexAsWritten()
		for i := range 3 * bulkIndexFloor {
			e := Event{Title: "Event", Start: DayDate(2000+int64(i%20), 1+i%12, 1+i%28), Certainty: Reported, Importance: 3}
			if err := tx.CreateEvent(&e); err != nil {
				return err
			}
			if i == 2*bulkIndexFloor {
				if len(tx.bulk.dropped) == 0 {
					t.Errorf("after %d events the load's indexes are back: indexing as written made them again", i)
				}
				if len(tx.unindexed) != 1 || tx.unindexed[0].hi-tx.unindexed[0].lo >= bulkEvents {
					t.Errorf("after %d events %v wait for the search index, want fewer than one batch", i, tx.unindexed)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
