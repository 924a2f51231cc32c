// Package datatest holds helpers for the tests of the packages that use
// data: stores in temporary directories (empty, or holding the default
// chronology), a chronology's whole state, to compare before and after a
// change and its undo, and the hostile files every way of opening a
// chronology must refuse without changing them.
package datatest

import (
	"bytes"
	"path/filepath"
	"reflect"
	"testing"

	"chronoscope/assets"
	"chronoscope/data"
)

// State is everything a change and its undo could disturb: every event in
// full, the list rows (with their packed actor ids and citation counts),
// the actors and their event counts, every citation, the sources and how
// often each is cited, and every story link with its citations.
type State struct {
	Events    []*data.Event
	Rows      []data.EventRow
	Citations [][]data.Citation
	Actors    []data.Actor
	Counts    map[int64]int
	Sources   []data.Source
	Cited     map[int64]int
	Links     []data.StoryLink
}

// ReadState reads the whole state of s in one read transaction.
func ReadState(t testing.TB, s *data.Store) State {
	t.Helper()
	var st State
	err := s.View(func(tx *data.Tx) error {
		var err error
		if st.Rows, err = tx.Window(data.Filter{}); err != nil {
			return err
		}
		for _, r := range st.Rows {
			e, err := tx.Event(r.ID)
			if err != nil {
				return err
			}
			cits, err := tx.Citations(r.ID)
			if err != nil {
				return err
			}
			st.Events, st.Citations = append(st.Events, e), append(st.Citations, cits)
		}
		if st.Actors, err = tx.Actors(); err != nil {
			return err
		}
		if st.Counts, err = tx.ActorCounts(); err != nil {
			return err
		}
		if st.Sources, err = tx.Sources(); err != nil {
			return err
		}
		if st.Cited, err = tx.CitationCounts(); err != nil {
			return err
		}
		return tx.StoryLinks(func(l data.StoryLink) error {
			st.Links = append(st.Links, l)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// Differences names the fields in which got and want differ.
func Differences(got, want State) []string {
	var out []string
	g, w := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := range g.NumField() {
		if !reflect.DeepEqual(g.Field(i).Interface(), w.Field(i).Interface()) {
			out = append(out, g.Type().Field(i).Name)
		}
	}
	return out
}

// NewStore creates an empty chronology in a temporary directory, closed
// when the test ends.
func NewStore(t testing.TB) *data.Store {
	t.Helper()
	s, err := data.Create(filepath.Join(t.TempDir(), "test.chrono"), data.Chronology{Title: "Test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// ActorIDs returns the ids of s's actors, in the store's order.
func ActorIDs(t testing.TB, s *data.Store) []int64 {
	t.Helper()
	actors, err := s.Actors()
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(actors))
	for i, a := range actors {
		ids[i] = a.ID
	}
	return ids
}

// ActorNames returns the names of s's actors by id.
func ActorNames(t testing.TB, s *data.Store) map[int64]string {
	t.Helper()
	actors, err := s.Actors()
	if err != nil {
		t.Fatal(err)
	}
	names := make(map[int64]string, len(actors))
	for _, a := range actors {
		names[a.ID] = a.Name
	}
	return names
}

// DefaultStore creates a chronology holding the default one, the Sony
// hack of 2014 (assets/sony-hack-2014.json).
func DefaultStore(t testing.TB) *data.Store {
	t.Helper()
	s := NewStore(t)
	readDefault(t, s)
	return s
}

// DefaultFile writes the default chronology to sony.chrono in a temporary
// directory, closed, and returns its path: for tests that open the file
// the way the app does.
func DefaultFile(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sony.chrono")
	s, err := data.Create(path, data.Chronology{Title: "Test"})
	if err != nil {
		t.Fatal(err)
	}
	readDefault(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// readDefault reads the default chronology into s.
func readDefault(t testing.TB, s *data.Store) {
	t.Helper()
	if err := s.Update(func(tx *data.Tx) error {
		_, err := data.ReadJSON(tx, bytes.NewReader(assets.DefaultChronology), "sony-hack-2014.json")
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// EventTitled returns the first event in date order whose title is title,
// in full; the test fails when there is none.
func EventTitled(t testing.TB, s *data.Store, title string) *data.Event {
	t.Helper()
	rows, err := s.Window(data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Title == title {
			e, err := s.Event(r.ID)
			if err != nil {
				t.Fatal(err)
			}
			return e
		}
	}
	t.Fatalf("no event titled %q", title)
	return nil
}
