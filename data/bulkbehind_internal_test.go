package data

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// behindStore returns a new store whose write connection refuses, with a
// temporary trigger, to insert an event titled "boom": a failure that no
// validation sees coming, met only when the batch holding it is written.
func behindStore(t *testing.T) *Store {
	t.Helper()
	s, err := Create(filepath.Join(t.TempDir(), "behind.chrono"), Chronology{Title: "Behind"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.db.Exec(`CREATE TEMP TRIGGER boom BEFORE INSERT ON main.event WHEN new.title = 'boom'
		BEGIN SELECT RAISE(ABORT, 'boom refused'); END`); err != nil {
		t.Fatal(err)
	}
	return s
}

func behindEvent(i int, title string) *Event {
	return &Event{Title: title, Start: DayDate(2000+int64(i%20), 1+i%12, 1+i%28), Certainty: Confirmed, Importance: 3}
}

func eventCount(t *testing.T, s *Store) int {
	t.Helper()
	n, err := s.Count(Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestWriteBehind: a batch written while the next is gathered (flushBehind)
// is in the file when the transaction commits; when it fails, the
// transaction fails with its error, whichever call meets it, and nothing
// of it is written; when the caller fails while a batch is being written,
// the transaction is rolled back after the write ends.
func TestWriteBehind(t *testing.T) {
	const n = 5*bulkEvents + 17
	t.Run("commits every batch", func(t *testing.T) {
		s := behindStore(t)
		if err := s.Update(func(tx *Tx) error {
			for i := range n {
				if err := tx.CreateEvent(behindEvent(i, fmt.Sprint("event ", i))); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if got := eventCount(t, s); got != n {
			t.Errorf("%d events written, want %d", got, n)
		}
		found, _, err := s.Search(fmt.Sprint("event ", n-1), 5)
		if err != nil || len(found) == 0 {
			t.Errorf("search finds %d events (%v), want the last one written", len(found), err)
		}
	})
	for _, at := range []int{10, bulkEvents + 5, n - 3} {
		t.Run(fmt.Sprint("a batch fails at event ", at), func(t *testing.T) {
			s := behindStore(t)
			err := s.Update(func(tx *Tx) error {
				for i := range n {
					title := fmt.Sprint("event ", i)
					if i == at {
						title = "boom"
					}
					if err := tx.CreateEvent(behindEvent(i, title)); err != nil {
						return err
					}
				}
				return nil
			})
			if err == nil || !strings.Contains(err.Error(), "boom refused") {
				t.Fatalf("Update = %v, want the batch's error", err)
			}
			if got := eventCount(t, s); got != 0 {
				t.Errorf("%d events in the file after the failed transaction, want 0", got)
			}
		})
	}
	t.Run("the caller fails during a write", func(t *testing.T) {
		s := behindStore(t)
		stop := errors.New("the caller stops")
		err := s.Update(func(tx *Tx) error {
			for i := range bulkEvents {
				if err := tx.CreateEvent(behindEvent(i, fmt.Sprint("event ", i))); err != nil {
					return err
				}
			}
			return stop // the batch of bulkEvents events is being written
		})
		if !errors.Is(err, stop) {
			t.Fatalf("Update = %v, want the caller's error", err)
		}
		if got := eventCount(t, s); got != 0 {
			t.Errorf("%d events in the file after the rollback, want 0", got)
		}
	})
}
